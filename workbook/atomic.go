package workbook

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/xuri/excelize/v2"
)

// testHookBeforeRename, when set by a test, runs after the temp file is
// written and synced and before it is renamed; an error aborts the save.
var testHookBeforeRename func(tmp string) error

// atomicWrite replaces dst with data: a temp file in dst's folder is
// written, synced and closed, given mode, renamed over dst, and the folder is
// synced. On any failure the temp file is removed and dst is untouched.
func atomicWrite(dst string, data []byte, mode fs.FileMode) (err error) {
	dir := filepath.Dir(dst)
	// The name starts with ".selfeval-" so the watcher recognises and removes
	// a temp file a crash left behind.
	tmp, err := os.CreateTemp(dir, ".selfeval-"+filepath.Base(dst)+"-*.tmp")
	if err != nil {
		return fmt.Errorf("%s：无法创建临时文件：%w", dst, err)
	}
	name := tmp.Name()
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(name)
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("%s：写入临时文件失败：%w", dst, err)
	}
	if err = tmp.Chmod(mode); err != nil && runtime.GOOS != "windows" {
		return fmt.Errorf("%s：设置文件权限失败：%w", dst, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("%s：同步临时文件失败：%w", dst, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("%s：关闭临时文件失败：%w", dst, err)
	}
	if testHookBeforeRename != nil {
		if err = testHookBeforeRename(name); err != nil {
			return err
		}
	}
	if err = os.Rename(name, dst); err != nil {
		return fmt.Errorf("%s：替换文件失败：%w", dst, err)
	}
	syncDir(dir)
	return nil
}

// syncDir flushes a folder's entry list so that a rename survives a crash.
// Some systems (Windows, some network file systems) cannot sync a folder; the
// rename has happened either way, so errors are ignored.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}

// fileMode returns the mode the output keeps: dst's when it exists, else
// src's, else 0644.
func fileMode(dst, src string) fs.FileMode {
	for _, p := range []string{dst, src} {
		if fi, err := os.Stat(p); err == nil {
			return fi.Mode().Perm()
		}
	}
	return 0o644
}

// SaveAtomic saves f to dst the same way WriteBack does: through a temp file
// in dst's folder, synced and renamed, so dst is either the old file or the
// whole new one. An existing dst keeps its mode.
func SaveAtomic(f *excelize.File, dst string) error {
	buf, err := f.WriteToBuffer()
	if err != nil {
		return fmt.Errorf("%s：生成工作簿失败：%w", dst, err)
	}
	return atomicWrite(dst, buf.Bytes(), fileMode(dst, ""))
}

// WriteFileAtomic replaces dst with data the same way, for the tool's other
// outputs (CSV, JSON).
func WriteFileAtomic(dst string, data []byte) error {
	return atomicWrite(dst, data, fileMode(dst, ""))
}
