# selfeval — build, test, benchmark.
SHELL := /bin/bash
GO        ?= go
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -X main.version=$(VERSION)
STATICCHECK_VERSION ?= v0.8.2

.PHONY: all build install demo test lint unit integration bench bench-go heldout samples fuzz clean

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/selfeval ./cmd/selfeval

# selfeval on the PATH: go install puts it in $(go env GOBIN), or
# $(go env GOPATH)/bin when GOBIN is unset.
install:
	$(GO) install -ldflags "$(LDFLAGS)" ./cmd/selfeval
	@bin=$$($(GO) env GOBIN); bin=$${bin:-$$($(GO) env GOPATH)/bin}; \
		echo "installed $$bin/selfeval"; \
		case ":$$PATH:" in *":$$bin:"*) ;; *) echo "note: $$bin is not on PATH; add it, e.g. export PATH=\"$$bin:\$$PATH\"";; esac

# The main job on the embedded samples, end to end.
demo:
	$(GO) run -ldflags "$(LDFLAGS)" ./cmd/selfeval demo --out selfeval-demo

# Everything CI runs: static checks, unit tests with the race detector, and the
# real-client integration suite when LibreOffice is installed (always under CI,
# where a missing LibreOffice or openpyxl fails the run).
test: lint unit
	@if [ -n "$$CI" ] || command -v soffice >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory integration; \
	else \
		echo "integration: soffice not installed; run .ci/run (or apt-get install libreoffice-calc python3-openpyxl) to include it"; \
	fi

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
		if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) ./...

# Each go test runs through .ci/gotest: the whole output goes to a log under
# TEST_LOGS; the terminal gets each package's result and, on a failure, the
# failed tests, the tests still running when -timeout ran out, and the last
# lines. Each test binary has an explicit -timeout below go's 10 minutes.
TEST_LOGS ?= $(or $(TMPDIR),/tmp)/selfeval-test
# Tests that build large files or run the binary many times skip themselves
# under -race (minutes there); they run in a second step without it.
NORACE_TESTS := ^(TestBadInputCorpus|TestLargeAcceptedFiles|TestScoreKilledAtRandom|TestBatchScoreStoppedAtRandom|TestWatchersKilledAtRandom|TestExamples)$$
GOTEST    := GO=$(GO) .ci/gotest

unit:
	@$(GOTEST) $(TEST_LOGS)/unit.log -race -count=1 -timeout 8m ./...
	@$(GOTEST) $(TEST_LOGS)/large.log -count=1 -timeout 8m -run '$(NORACE_TESTS)' ./cmd/selfeval/

# Template → filled by openpyxl → re-saved by LibreOffice → score → re-opened by
# LibreOffice and openpyxl. The tests share one LibreOffice process and run in
# parallel around it.
integration:
	@$(GOTEST) $(TEST_LOGS)/integration.log -count=1 -tags integration -timeout 9m -parallel 4 -run 'Integration|TestScripts/season' -v ./cmd/selfeval/ ./workbook/

# Batch figures: forms/s, CPU per form and peak memory of check and score on
# generated forms (1 000 and 10 000) and on 300 of them saved again by openpyxl
# and by LibreOffice, next to the unzip+XML floor, excelize and openpyxl
# measured in the same run (medians of BENCH_ROUNDS interleaved rounds); then
# check, score --dry-run and score of single forms of 100, 1 000 and 10 000
# rows: CPU, CPU per row and peak memory. Generated forms are kept in BENCH_DIR for
# the next run. BENCH_BIN=old/selfeval,bin/selfeval compares two binaries
# round by round.
BENCH_DIR    ?= $(or $(TMPDIR),/tmp)/selfeval-bench
BENCH_N      ?= 1000,10000
BENCH_BIN    ?= bin/selfeval
BENCH_ROUNDS ?= 5
bench: build
	$(GO) run ./samples/batch/bench -bin $(BENCH_BIN) -n $(BENCH_N) -rounds $(BENCH_ROUNDS) -openpyxl -dir $(BENCH_DIR)

# The held-out package set (workbook/testdata/heldout): 60 ways other
# programs and people write a package, applied to each sample form, each
# package scored twice and checked with zipfile, XML parsers, openpyxl and
# LibreOffice; the report goes to HELDOUT_DIR/RESULTS.md. Needs
# /usr/bin/python3 with openpyxl and soffice; about five minutes on the idle
# 2-core machine.
HELDOUT_DIR ?= $(or $(TMPDIR),/tmp)/selfeval-heldout
heldout: build
	rm -rf $(HELDOUT_DIR)/set
	HELDOUT_DIR=$(HELDOUT_DIR) SELFEVAL_BIN=$(CURDIR)/bin/selfeval /usr/bin/python3 workbook/testdata/heldout/make.py
	HELDOUT_DIR=$(HELDOUT_DIR) SELFEVAL_BIN=$(CURDIR)/bin/selfeval /usr/bin/python3 workbook/testdata/heldout/run.py

# Go micro-benchmarks of single forms.
bench-go:
	$(GO) test -run '^$$' -bench . -benchmem -timeout 9m ./validate/... ./workbook/... ./cmd/selfeval/

samples:
	$(GO) run ./samples/gen -dir samples

# Each fuzz target for FUZZTIME (make fuzz FUZZTIME=10m for a long run); new
# inputs are minimised for at most 5 s, so that a busy machine keeps fuzzing.
# FUZZTIMEOUT bounds each run: raise it with a FUZZTIME of minutes.
FUZZTIME ?= 20s
FUZZTIMEOUT ?= 8m
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzTarget$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s -timeout $(FUZZTIMEOUT) ./workbook/form/value/
	$(GO) test -run '^$$' -fuzz '^FuzzNumber$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s -timeout $(FUZZTIMEOUT) ./workbook/form/value/
	$(GO) test -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s -timeout $(FUZZTIMEOUT) ./workbook/
	$(GO) test -run '^$$' -fuzz '^FuzzXScan$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s -timeout $(FUZZTIMEOUT) ./internal/ooxml/
	$(GO) test -run '^$$' -fuzz '^FuzzScanTags$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s -timeout $(FUZZTIMEOUT) ./internal/ooxml/
	$(GO) test -run '^$$' -fuzz '^FuzzIndentJSON$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s -timeout $(FUZZTIMEOUT) ./cmd/selfeval/

clean:
	rm -rf bin selfeval-demo
