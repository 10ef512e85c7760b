package season

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// EnvOffice names the LibreOffice program publish runs; empty means soffice
// or libreoffice on the PATH.
const EnvOffice = "SELFEVAL_SOFFICE"

// ErrNoOffice says LibreOffice is not installed.
var ErrNoOffice = errors.New("LibreOffice (soffice) not found")

// ErrNoMerge says pdfunite (poppler-utils) is not installed.
var ErrNoMerge = errors.New("pdfunite not found")

// OfficeBin returns the LibreOffice program, or ErrNoOffice.
func OfficeBin() (string, error) {
	if p := os.Getenv(EnvOffice); p != "" {
		if path, err := exec.LookPath(p); err == nil {
			return path, nil
		}
		return "", ErrNoOffice
	}
	for _, n := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", ErrNoOffice
}

// PageForm is one form to publish: its file (an .xlsx or .xlsm) and sheet.
type PageForm struct {
	Path, Sheet string
}

// preparePage writes a copy of the form's workbook into dst that prints the
// form sheet alone on one page, with "第 n 页，共 total 页" in its footer.
func preparePage(p PageForm, n, total int, dst string) error {
	f, err := excelize.OpenFile(p.Path)
	if err != nil {
		return err
	}
	defer f.Close()
	idx, err := f.GetSheetIndex(p.Sheet)
	if err != nil || idx < 0 {
		return fmt.Errorf("%s: no sheet %q", p.Path, p.Sheet)
	}
	f.SetActiveSheet(idx)
	for _, s := range f.GetSheetList() {
		if s != p.Sheet {
			if err := f.SetSheetVisible(s, false); err != nil {
				return err
			}
		}
	}
	fit, one := true, 1
	if err := f.SetSheetProps(p.Sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(p.Sheet, &excelize.PageLayoutOptions{FitToWidth: &one, FitToHeight: &one}); err != nil {
		return err
	}
	footer := fmt.Sprintf("&C第 %d 页，共 %d 页", n, total)
	if err := f.SetHeaderFooter(p.Sheet, &excelize.HeaderFooterOptions{OddFooter: footer, EvenFooter: footer}); err != nil {
		return err
	}
	return f.SaveAs(dst)
}

// Publish prints the forms, one per page in the order given, page numbers in
// the footers, into one PDF at out: each form's workbook is copied to print
// its form alone on one page, LibreOffice (headless) makes the PDFs and
// pdfunite joins them. It returns the number of pages.
func Publish(ctx context.Context, forms []PageForm, out string, timeout time.Duration) (int, error) {
	bin, err := OfficeBin()
	if err != nil {
		return 0, err
	}
	unite, err := exec.LookPath("pdfunite")
	if err != nil && len(forms) > 1 {
		return 0, ErrNoMerge
	}
	dir, err := os.MkdirTemp("", "selfeval-publish-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	var ins, pdfs []string
	for i, fm := range forms {
		name := fmt.Sprintf("%04d.xlsx", i+1)
		in := filepath.Join(dir, name)
		if err := preparePage(fm, i+1, len(forms), in); err != nil {
			return 0, err
		}
		ins = append(ins, in)
		pdfs = append(pdfs, filepath.Join(dir, "pdf", strings.TrimSuffix(name, ".xlsx")+".pdf"))
	}
	profile := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "profile"))}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	args := append([]string{"--headless", "--norestore", "--nolockcheck", "-env:UserInstallation=" + profile.String(),
		"--convert-to", "pdf", "--outdir", filepath.Join(dir, "pdf")}, ins...)
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir)
	cmd.WaitDelay = 5 * time.Second
	msg, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return 0, fmt.Errorf("LibreOffice: %w", ctx.Err())
	}
	pages := 0
	for i, p := range pdfs {
		b, rerr := os.ReadFile(p)
		if rerr != nil {
			return 0, fmt.Errorf("LibreOffice did not print %s (%v %s)", forms[i].Path, err, strings.TrimSpace(string(msg)))
		}
		if n := countPages(b); n > 0 {
			pages += n
		} else {
			pages++
		}
	}
	tmp := filepath.Join(dir, "all.pdf")
	if len(pdfs) == 1 {
		tmp = pdfs[0]
	} else {
		cmd := exec.CommandContext(ctx, unite, append(append([]string{}, pdfs...), tmp)...)
		if msg, err := cmd.CombinedOutput(); err != nil {
			return 0, fmt.Errorf("pdfunite: %v %s", err, strings.TrimSpace(string(msg)))
		}
	}
	data, err := os.ReadFile(tmp)
	if err != nil {
		return 0, err
	}
	part := out + ".part"
	if err := os.WriteFile(part, data, 0o644); err != nil {
		return 0, err
	}
	if err := os.Rename(part, out); err != nil {
		os.Remove(part)
		return 0, err
	}
	return pages, nil
}

var pageObject = regexp.MustCompile(`/Type\s*/Page[^s]`)

// countPages counts the page objects of a PDF written without object
// streams (as LibreOffice writes them); 0 when it finds none.
func countPages(b []byte) int { return len(pageObject.FindAllIndex(b, -1)) }
