package watch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
)

// Ledger outcomes.
const (
	OutcomeDone      = "done"      // processed; moved to done/
	OutcomeFailed    = "failed"    // could not be processed; moved to failed/
	OutcomeDuplicate = "duplicate" // content already processed; moved to done/ unprocessed
	OutcomeReturned  = "returned"  // processed, did not pass (status invalid); feedback written in; moved to returned/
)

// StatusInvalid is the Outcome.Status of a form that did not pass: it has
// error findings (with --strict, also warnings).
const StatusInvalid = "invalid"

// LedgerEntry is one line of the ledger. Every key is always present; the
// names are a contract with scripts that read the ledger.
type LedgerEntry struct {
	Time       string `json:"time"`        // RFC 3339, when the line was written
	File       string `json:"file"`        // name as dropped into the inbox
	Hash       string `json:"hash"`        // SHA-256 (hex) of the file as claimed
	OutputHash string `json:"output_hash"` // SHA-256 after processing; "" unless done or returned
	Kind       string `json:"kind"`
	Total      string `json:"total"`
	Grade      string `json:"grade"`
	Status     string `json:"status"`  // "ok" or "invalid" from the Processor
	Outcome    string `json:"outcome"` // OutcomeDone, OutcomeReturned, OutcomeFailed or OutcomeDuplicate
	Error      string `json:"error"`
	Instance   string `json:"instance"` // watcher instance that wrote the line
	// FormKey is which form of a season the file is: year|kind|project|unit
	// normalised, the identity the roll-up counts by (its JSON form_key).
	FormKey string `json:"form_key"`
	Project string `json:"project"`
	Unit    string `json:"unit"`
	// Forms lists every form of a file that holds more than one, the first
	// being the one the fields above name.
	Forms []FormOutcome `json:"forms,omitempty"`
}

// ReadLedger returns every well-formed line of the ledger at path, in order.
// Lines that do not parse (a torn write after a crash) are skipped. It fails
// only when the file cannot be read.
func ReadLedger(path string) ([]LedgerEntry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []LedgerEntry
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	for sc.Scan() {
		var e LedgerEntry
		if json.Unmarshal(sc.Bytes(), &e) == nil {
			out = append(out, e)
		}
	}
	return out, sc.Err()
}

// ledger appends to the ledger file and keeps the set of content hashes that
// count as already processed. Every operation opens the file, takes an
// exclusive flock (other processes append too), catches up on lines written
// since the last look, and releases the lock when done.
type ledger struct {
	path string
	mu   sync.Mutex             // serialises this process's operations and guards the fields below
	off  int64                  // bytes consumed; always at a line start
	seen map[string]LedgerEntry // content hash → the done line it belongs to
	last map[string]LedgerEntry // instance and file → its latest line
	bad  int                    // lines that did not parse
}

func newLedger(path string) *ledger {
	return &ledger{path: path, seen: map[string]LedgerEntry{}, last: map[string]LedgerEntry{}}
}

// locked runs fn with the ledger open, locked and caught up.
func (l *ledger) locked(fn func(f *os.File) error) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	f, err := os.OpenFile(l.path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := lockFile(f); err != nil {
		return err
	}
	defer func() { _ = unlockFile(f) }()
	if err := l.catchUp(f); err != nil {
		return err
	}
	if fn == nil {
		return nil
	}
	return fn(f)
}

// catchUp reads complete lines after l.off. A trailing line without a newline
// is a write in progress or torn by a crash; it is read again next time.
func (l *ledger) catchUp(f *os.File) error {
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if info.Size() < l.off { // replaced or truncated by hand: start over
		l.off, l.seen, l.last, l.bad = 0, map[string]LedgerEntry{}, map[string]LedgerEntry{}, 0
	}
	if info.Size() == l.off {
		return nil
	}
	data, err := io.ReadAll(io.NewSectionReader(f, l.off, info.Size()-l.off))
	if err != nil {
		return err
	}
	end := bytes.LastIndexByte(data, '\n')
	if end < 0 {
		return nil
	}
	for _, line := range bytes.Split(data[:end], []byte{'\n'}) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var e LedgerEntry
		if json.Unmarshal(line, &e) != nil {
			l.bad++
			continue
		}
		l.note(e)
	}
	l.off += int64(end + 1)
	return nil
}

// note remembers the hashes of a processed file, its input and its output,
// and each instance's latest line per file.
func (l *ledger) note(e LedgerEntry) {
	l.last[e.Instance+"\x00"+e.File] = e
	if e.Outcome != OutcomeDone {
		return
	}
	if e.Hash != "" {
		l.seen[e.Hash] = e
	}
	if e.OutputHash != "" {
		l.seen[e.OutputHash] = e
	}
}

// has reports whether hash belongs to a processed file. Call inside locked.
func (l *ledger) has(hash string) bool {
	_, ok := l.seen[hash]
	return ok
}

// original returns the done line of the processed file hash belongs to.
// Call inside locked.
func (l *ledger) original(hash string) (LedgerEntry, bool) {
	e, ok := l.seen[hash]
	return e, ok
}

// latest returns the last line instance wrote for file. Call inside locked.
func (l *ledger) latest(instance, file string) (LedgerEntry, bool) {
	e, ok := l.last[instance+"\x00"+file]
	return e, ok
}

// appendEntry writes e as one line and syncs. Call inside locked. If the file
// ends in a torn line, a newline goes first so e stays parseable.
func (l *ledger) appendEntry(f *os.File, e LedgerEntry) error {
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	line = append(line, '\n')
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if n := info.Size(); n > 0 {
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, n-1); err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		if last[0] != '\n' {
			line = append([]byte{'\n'}, line...)
		}
	}
	if _, err := f.Write(line); err != nil {
		return fmt.Errorf("append to ledger: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync ledger: %w", err)
	}
	l.note(e)
	return nil
}

// load reads the whole ledger once at start, creating it if missing.
func (l *ledger) load() error { return l.locked(nil) }
