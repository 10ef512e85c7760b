// Package watch runs a drop folder: people put workbooks into inbox/, a
// Processor scores each one in place, and the file ends in done/, returned/
// or failed/ with a line in an append-only ledger. The package knows nothing about
// workbooks; it only moves files, decides when they are ready and keeps the
// books.
//
// # Layout
//
//	DIR/inbox/                  where people drop files
//	DIR/processing/ID/          files one watcher instance is working on
//	DIR/processing/ID.lock      held (flock) by that instance for its lifetime
//	DIR/done/                   scored files that passed, and recognised duplicates (scored too)
//	DIR/returned/               scored files that did not pass (status invalid), feedback written in
//	DIR/failed/                 untouched originals + NAME.error.txt + NAME.error.json
//	DIR/ledger.jsonl            one JSON line per file handled
//
// # Finding work
//
// Polling is the primary mechanism: shared drives over SMB or NFS deliver no
// change events. Every Interval the inbox is listed in full; fsnotify, where it
// works, only brings the next listing forward. A file is ready when its size
// and mtime were the same in two consecutive listings, that pair has been seen
// unchanged for at least MinAge of this machine's clock (the file's own mtime is
// not trusted: copies keep the source's mtime and server clocks drift), and no
// owner file (~$NAME from Excel or WPS, .~lock.NAME# from LibreOffice) sits
// beside it. Owner files, hidden files, temp files (*.tmp, *.part,
// *.crdownload, .selfeval-*) and anything that is not .xlsx, .xlsm, .xls or .et are
// ignored. An .xls is taken and failed with a "save as .xlsx" reason,
// unless the Processor is a LegacyProcessor that can score it.
//
// A claimed file whose size or mtime is no longer what the listing saw goes
// back to the inbox. A file the Processor says is incomplete (cut short: a
// copy that stalled longer than MinAge) goes back too, and is taken again
// only once unchanged for IncompleteWait, doubled each time; after
// IncompleteTries returns, or when a Once run would end before the next
// look, it fails like any other file.
//
// # Claiming and crash recovery
//
// On start an instance picks a unique ID (host, pid, random), creates and
// flocks processing/ID.lock, checks that the path still names the file it
// locked, and only then creates processing/ID/. A file is claimed by renaming
// it from inbox/ into processing/ID/: rename is atomic on one filesystem, so
// when several watchers race for a file exactly one rename succeeds and the
// others see "not found" and move on.
//
// At start and every so often, an instance looks at the other folders in
// processing/. A folder whose lock file it can lock belongs to a dead
// instance: its files go back to inbox/ (with a suffix on a name clash), its
// temp files are removed, then the folder and its lock file. A live instance
// holds its lock, so its files are never taken. Because flock between hosts
// depends on the file server, a folder whose lock file names another host is
// recovered only when, in addition, its heartbeat (the lock file's mtime,
// refreshed by the live instance) is older than StaleAfter.
//
// # Duplicates and the ledger
//
// The SHA-256 of a file is taken after the claim. Under the ledger's lock the
// instance reads the ledger lines other instances appended since its last look,
// and then either finds the hash (as the input or output of a file that was
// scored: the file is recorded as "duplicate"; the scored file itself is
// moved to done/ as it is, a copy of the input is scored too, so that done/
// never holds an unscored file), or finds an in-flight marker processing/*/.selfeval-inflight-HASH
// of another file with the same content (the file is put back into inbox/ and
// retried later), or writes its own marker and goes on. Failed files do not
// count, nor do returned ones: the same content may be dropped again and is
// tried again.
//
// Ledger lines are appended with O_APPEND under an exclusive flock of the
// ledger file and synced before the file is moved out of processing/. A crash
// between the two leaves the file in processing/; recovery finds the dead
// instance's line for it (same instance, name and hash) and finishes the move
// to done/ or failed/ without a second line, so nothing is scored twice,
// recorded twice or lost. A duplicate's line carries its own result, or,
// when it is the scored file itself, the result of the file it duplicates.
//
// # Moves
//
// Moves are renames within the watched folder and never overwrite: on Linux
// renameat2(RENAME_NOREPLACE), elsewhere a hard link then unlink, as a last
// resort a check then rename. A clash gets a suffix, "NAME (2).xlsx". A name
// that, with its suffix or its ".error.json" beside it, would pass the 255
// bytes file systems allow is cut at a character boundary and ends in "~"
// and 8 hex digits of its hash; the error files name the original.
//
// # Stopping
//
// Cancelling the context passed to Run stops claiming; the files in hand are
// finished (Process receives a context that is not cancelled) and Run returns
// nil. Signals turns the first SIGINT or SIGTERM into that cancellation and
// exits the process with code 130 on the second.
//
// One goroutine owns the loop, its timers and all bookkeeping of the inbox;
// at most Workers files are processed at a time, and a file is claimed only
// when a worker is free, so a busy watcher leaves work to the others.
package watch
