# selfeval — build, test, benchmark.
SHELL := /bin/bash
GO        ?= go
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -X main.version=$(VERSION)
STATICCHECK_VERSION ?= v0.8.2

.PHONY: all build demo test lint unit integration bench samples fuzz clean

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/selfeval ./cmd/selfeval

# The main job on the embedded samples, end to end.
demo:
	$(GO) run -ldflags "$(LDFLAGS)" ./cmd/selfeval demo --out selfeval-demo

# Everything CI runs: static checks, unit tests with the race detector, and the
# real-client integration suite when LibreOffice is installed.
test: lint unit
	@if command -v soffice >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory integration; \
	else \
		echo "integration: soffice not installed; run .ci/run (or apt-get install libreoffice-calc python3-openpyxl) to include it"; \
	fi

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
		if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) ./...

unit:
	$(GO) test -race -count=1 ./...
	$(GO) test -count=1 -run 'TestBadInputCorpus|TestLargeAcceptedFiles' ./cmd/selfeval/

# Template → filled by openpyxl → re-saved by LibreOffice → score → re-opened by
# LibreOffice and openpyxl.
integration:
	$(GO) test -count=1 -tags integration -run Integration -v ./cmd/selfeval/ 2>&1 | tail -n 60; exit $${PIPESTATUS[0]}

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./validate/... ./workbook/... ./cmd/selfeval/

samples:
	$(GO) run ./samples/gen -dir samples

# Each fuzz target for FUZZTIME (make fuzz FUZZTIME=10m for a long run).
FUZZTIME ?= 20s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzTarget$$' -fuzztime $(FUZZTIME) ./validate/value/
	$(GO) test -run '^$$' -fuzz '^FuzzNumber$$' -fuzztime $(FUZZTIME) ./validate/value/
	$(GO) test -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME) ./workbook/

clean:
	rm -rf bin selfeval-demo
