# The two commands of the README: `make demo` opens callgear-setup on the demo, `make test`
# runs every test. Both install what is missing first, then build.
SWIFT ?= swift
export PATH := $(PATH):/opt/swift/usr/bin

.PHONY: demo test deps build release format bench

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product callgear-setup

demo: release
	.build/release/callgear-setup demo

# The console's end-to-end tests drive the release binary under tmux, so it is built first.
# scripts/run-tests.sh builds (the release binary too: the console's end-to-end tests drive
# it under tmux), runs the tests in a folder of their own, then fails the run if any process
# or file the suite made is still there.
test: deps
	SWIFT="$(SWIFT)" scripts/run-tests.sh

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

# The catalog, replay and store benches run the release binary (the sandbox in its own process,
# `profile list`/`history`), so it is built first.
bench: deps
	$(SWIFT) build -c release --product callgear-setup
	$(SWIFT) build -c release --product StoreBench
	.build/release/StoreBench
	$(SWIFT) build -c release --product TUIBench
	.build/release/TUIBench
	$(SWIFT) build -c release --product TUISampler
	python3 Benchmarks/pty_bytes.py .build/release/TUISampler
	$(SWIFT) build -c release --product CatalogBench
	.build/release/CatalogBench
	$(SWIFT) build -c release --product ReplayBench
	.build/release/ReplayBench
	$(SWIFT) build -c release --product callgear-setup
	python3 Benchmarks/console_pty.py .build/release/callgear-setup
	python3 Benchmarks/console_keystroke.py .build/release/callgear-setup
