//go:build unix

package workbook

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLegacyTimeout: a conversion that hangs is stopped at XLSTimeout and
// the file fails with ErrLegacyXLS.
func TestLegacyTimeout(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "soffice")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\n/bin/sleep 30 &\nexec /bin/sleep 30\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	old := XLSTimeout
	XLSTimeout = 300 * time.Millisecond
	defer func() { XLSTimeout = old }()
	p := filepath.Join(t.TempDir(), "slow.xls")
	b := append(append([]byte{}, oleMagic...), 0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 1, 2)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err := Load(p)
	if !errors.Is(err, ErrLegacyXLS) || !strings.Contains(err.Error(), "超时") {
		t.Errorf("Load = %v, want ErrLegacyXLS with 超时", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %s", d)
	}
}
