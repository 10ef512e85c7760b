package main

import (
	"bytes"
	"os"
)

// Environment variables that give the key of the templates' keyed stamp
// signature, for template (unless --key-file is given) and for check, score
// and watch, which verify it.
const (
	envKeyFile = "SELFEVAL_STAMP_KEY_FILE" // a file holding the key
	envKey     = "SELFEVAL_STAMP_KEY"      // the key itself
)

// minKeyLen is the shortest key accepted: a short one is guessable.
const minKeyLen = 16

// stampKey returns the signing key: from file when given, else from the
// environment, else nil (no signature). A trailing line break of a key file
// is not part of the key.
func stampKey(file string) ([]byte, error) {
	src := "--key-file " + file
	if file == "" {
		file = os.Getenv(envKeyFile)
		src = envKeyFile + "=" + file
	}
	var key []byte
	switch {
	case file != "":
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, usageError("%s：无法读取密钥文件：%v", "%s: cannot read the key file: %v", src, err)
		}
		key = bytes.TrimRight(data, "\r\n")
	case os.Getenv(envKey) != "":
		key, src = []byte(os.Getenv(envKey)), envKey
	default:
		return nil, nil
	}
	if len(key) < minKeyLen {
		return nil, usageError("%s：密钥太短（%d 字节），至少 %d 字节", "%s: the key is too short (%d bytes); it needs at least %d", src, len(key), minKeyLen)
	}
	return key, nil
}
