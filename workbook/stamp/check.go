package stamp

import (
	"fmt"
	"strings"

	"github.com/selfeval/selfeval/internal/ooxml"
	"github.com/selfeval/selfeval/workbook/form"
)

// Codes of the problems the stamp check adds (the rule book's catalogue has
// their messages).
const (
	CodeTampered         = "template.tampered"          // Args: issued value, found value
	CodeRowDeleted       = "template.row_deleted"       // Args: issued row, its content
	CodeRowInserted      = "template.row_inserted"      // Args: the row, its content
	CodeStampDeleted     = "template.stamp_deleted"     // Args: what is missing
	CodeSignatureInvalid = "template.signature_invalid" // Args: why
	CodeUnsigned         = "template.unsigned"
	CodeUnknownVersion   = "template.unknown_version" // Args: the version
)

// maxNamed is how many changes of one kind are named one by one.
const maxNamed = 50

// maxAlign bounds the row alignment (issued rows × found rows); beyond it
// rows are compared by position.
const maxAlign = 1_000_000

// Check adds to fm the template problems of a form stamped with rec, whose
// form sheet's locked constant cells are cells: an unknown template
// version; for version 1 a fingerprint that no longer matches; for version
// 2 a missing stamp sheet, a record that does not match its hash or, with a
// key, its keyed signature, and every change of the locked content. Cells in
// skip (the computed cells) are not compared.
func Check(fm *form.Form, rec *Record, cells Cells, skip Skip, key []byte) {
	add := func(code string, args ...any) {
		fm.Problems = append(fm.Problems, form.Problem{Code: code, Sheet: fm.Sheet, Args: args})
	}
	switch {
	case !knownVersions[rec.Version]:
		add(CodeUnknownVersion, rec.Version)
		return
	case rec.Version == "1":
		if rec.Fingerprint == "" {
			return
		}
		if got := Fingerprint(cells, skip); got != rec.Fingerprint {
			add(CodeTampered, "指纹 "+rec.Fingerprint, "指纹 "+got)
		}
		return
	case rec.SheetGone:
		add(CodeStampDeleted, "隐藏工作表 "+Sheet)
		return
	case rec.Issued == "":
		add(CodeStampDeleted, "下发内容记录")
		return
	case rec.IssuedHash != "" && rec.IssuedHash != IssuedHash(rec.Issued):
		add(CodeSignatureInvalid, "印记中的下发内容与文档属性中的校验值不符")
		return
	}
	if len(key) > 0 {
		switch {
		case rec.HMAC == "":
			add(CodeUnsigned)
		case Sign(rec.Stamp, rec.FormSheet, key) != rec.HMAC:
			add(CodeSignatureInvalid, "签名与密钥不符：密钥不同，或印记被改写")
			return
		}
	}
	data, err := inflate(rec.Issued)
	if err != nil {
		add(CodeSignatureInvalid, err.Error())
		return
	}
	if same(contentRows(cells, skip), data) {
		return // the locked content is as issued: nothing to compare cell by cell
	}
	found := Content(cells, skip)
	issued, err := parseRecord(data)
	if err != nil {
		add(CodeSignatureInvalid, err.Error())
		return
	}
	compare(fm, issued, found)
}

// compare compares the locked content of the form sheet with what the
// stamp says was issued and adds a problem for each locked cell that
// differs (with the issued and the found value), each issued row that is
// gone and each row with locked content that was not issued. Rows are
// aligned by their content, so rows a unit inserts in a blank template
// (which hold only input cells) never count.
func compare(fm *form.Form, issued, found []Row) {
	// Each kind of change is named cell by cell up to maxNamed times; the
	// rest are counted in one more problem, so that a sheet padded with
	// thousands of rows gives a readable report (and a file of notes that
	// can still be written).
	// A change past maxNamed keeps only how to name it: its args are made
	// for the last one alone (a sheet may have thousands).
	count := map[string]int{}
	more := map[string]func() (string, []any){}
	add := func(code string, problem func() (ref string, args []any)) {
		if count[code]++; count[code] > maxNamed {
			more[code] = problem
			return
		}
		ref, args := problem()
		fm.Problems = append(fm.Problems, form.Problem{Code: code, Sheet: fm.Sheet, Ref: ref, Args: args})
	}
	defer func() {
		for _, code := range []string{CodeTampered, CodeRowDeleted, CodeRowInserted} {
			if n := count[code] - maxNamed; n > 0 {
				_, args := more[code]()
				args[len(args)-1] = fmt.Sprintf("%v … (+%d)", args[len(args)-1], n)
				fm.Problems = append(fm.Problems, form.Problem{Code: code, Sheet: fm.Sheet, Args: args})
			}
		}
	}()
	var gi, gf []Row
	flush := func() {
		n := min(len(gi), len(gf))
		for k := 0; k < n; k++ {
			for _, d := range diffRow(gi[k], gf[k]) {
				add(CodeTampered, func() (string, []any) { return d.ref, []any{d.issued, d.found} })
			}
		}
		for _, r := range gi[n:] {
			add(CodeRowDeleted, func() (string, []any) { return "", []any{r.Row, summary(r)} })
		}
		for _, r := range gf[n:] {
			add(CodeRowInserted, func() (string, []any) { return fmt.Sprintf("A%d", r.Row), []any{r.Row, summary(r)} })
		}
		gi, gf = gi[:0], gf[:0]
	}
	n, m := len(issued), len(found)
	if n*m > maxAlign {
		gi, gf = issued, found
		flush()
		return
	}
	ki, kf := make([]string, n), make([]string, m)
	for i := range issued {
		ki[i] = issued[i].key()
	}
	for j := range found {
		kf[j] = found[j].key()
	}
	// lcs[i][j]: length of the longest common subsequence of issued[i:] and found[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if ki[i] == kf[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	for i, j := 0, 0; i < n || j < m; {
		switch {
		case i < n && j < m && ki[i] == kf[j]:
			flush()
			i, j = i+1, j+1
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			gf = append(gf, found[j])
			j++
		default:
			gi = append(gi, issued[i])
			i++
		}
	}
	flush()
}

type cellDiff struct{ ref, issued, found string }

// diffRow returns the cells of a found row that differ from the issued row
// it stands for, in column order.
func diffRow(issued, found Row) []cellDiff {
	was := map[string]string{}
	var cols []string
	for _, c := range issued.Cells {
		was[c[0]] = c[1]
		cols = append(cols, c[0])
	}
	now := map[string]string{}
	for _, c := range found.Cells {
		now[c[0]] = c[1]
		if _, ok := was[c[0]]; !ok {
			cols = append(cols, c[0])
		}
	}
	var out []cellDiff
	for _, col := range sortCols(cols) {
		if was[col] != now[col] {
			out = append(out, cellDiff{ref: fmt.Sprintf("%s%d", col, found.Row), issued: was[col], found: now[col]})
		}
	}
	return out
}

func sortCols(cols []string) []string {
	out := append([]string{}, cols...)
	num := ooxml.ColNumber
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && num(out[j]) < num(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// summary is a row's locked content for a message, shortened.
func summary(r Row) string {
	var vals []string
	for _, c := range r.Cells {
		vals = append(vals, c[1])
	}
	s := strings.ReplaceAll(strings.Join(vals, " / "), "\n", " ")
	if rs := []rune(s); len(rs) > 60 {
		s = string(rs[:59]) + "…"
	}
	return s
}
