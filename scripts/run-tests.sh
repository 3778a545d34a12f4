#!/usr/bin/env bash
# `make test`: every test, in a temporary folder of its own, then a check that the suite left
# nothing behind — no process it started, no file or socket it made. Leftovers are named,
# then removed or killed, and fail the run even when every test passed. Arguments go to the
# test runner (`scripts/run-tests.sh --filter NAME`).
set -uo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}

run_dir=$(mktemp -d "${TMPDIR:-/tmp}/cgs-test-run.XXXXXX")
marker="cgs-test-run-$(basename "$run_dir")"
# SwiftPM leaves scratch folders (TemporaryDirectory.*) in TMPDIR: give it one of its own.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/cgs-swiftpm.XXXXXX")
trap 'rm -rf "$scratch" "$run_dir"' EXIT

# The console's end-to-end tests drive the release binary under tmux, so it is built first.
TMPDIR="$scratch" "$SWIFT" build -c release --product callgear-setup || exit $?
TMPDIR="$scratch" "$SWIFT" build --build-tests || exit $?

# Everything the tests make goes under the run's folder (NSTemporaryDirectory and tmux
# sockets), and every process they start carries the marker in its environment. The test
# bundle runs directly: SwiftPM's own lock files and scratch folders would land in the run's
# folder too, and they are not the suite's. (The suite is Swift Testing only.)
bundle="$(TMPDIR="$scratch" "$SWIFT" build --show-bin-path)/callgear-setupPackageTests.xctest"
TMPDIR="$run_dir" TMUX_TMPDIR="$run_dir" CGS_TEST_RUN="$marker" "$bundle" --testing-library swift-testing "$@"
status=$?

leftovers=0
# Processes: those that carry the marker, or name the run's folder in their command line.
for proc in /proc/[0-9]*; do
    pid=${proc#/proc/}
    [ "$pid" = "$$" ] && continue
    # Processes that end meanwhile, or are not ours to read, are simply passed over.
    if { tr '\0' '\n' < "$proc/environ"; } 2>/dev/null | grep -qx "CGS_TEST_RUN=$marker" \
        || { tr '\0' ' ' < "$proc/cmdline"; } 2>/dev/null | grep -qF "$run_dir"; then
        cmd=$({ tr '\0' ' ' < "$proc/cmdline"; } 2>/dev/null)
        [ -z "$cmd" ] && continue
        echo "leftover process $pid: $cmd" >&2
        kill -KILL "$pid" 2>/dev/null
        leftovers=$((leftovers + 1))
    fi
done
# Files, folders and sockets.
while IFS= read -r path; do
    echo "leftover file: $path" >&2
    leftovers=$((leftovers + 1))
done < <(find "$run_dir" -mindepth 1 -maxdepth 2 ! -path "$run_dir/tmux-$(id -u)" 2>/dev/null | sort)
# tmux's own socket folder may stay (empty) once every session removed its socket.
rm -rf "$run_dir" "$scratch"

if [ "$leftovers" -gt 0 ]; then
    echo "the test suite left $leftovers thing(s) behind (named above): every test must end what it starts and remove what it makes" >&2
    [ "$status" -eq 0 ] && status=1
fi
exit "$status"
