#!/usr/bin/env python3
"""Benchmark, not a test: the console (release) in a real pseudo-terminal at 80x24 on a
local store — time to first frame (budget 100 ms) and bytes written per cursor move in a
form. The profile's portal is a closed loopback port, so loading fails fast and nothing
waits on the network; the first frame never waits for it anyway."""
import os, subprocess, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ptyutil import read_quiet, start

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/callgear-setup"
folder = tempfile.mkdtemp(prefix="cgs-bench-")
store = os.path.join(folder, "store.sqlite")
with open("Examples/profile-dubai.json") as f:
    text = f.read().replace("https://demo-callgear.bitrix24.ru", "http://127.0.0.1:9")
doc = os.path.join(folder, "p.json")
with open(doc, "w") as f:
    f.write(text)
subprocess.run([binary, "profile", "import", doc, "--store", store], check=True, capture_output=True)

samples, moves = [], []
for run in range(7):
    pid, fd, _, ms = start(
        [binary, "--store", store], dict(TERM="xterm-256color", LANG="C.UTF-8", HOME=folder))
    samples.append(ms)
    read_quiet(fd)
    if run == 0:
        for key in [b"\x1bOB", b"\x1bOA"] * 10:
            os.write(fd, key)
            moves.append(len(read_quiet(fd, quiet=0.03)))
    os.write(fd, b"\x11")  # Ctrl-Q
    read_quiet(fd, quiet=0.1)
    os.write(fd, b"d")  # discard, if it asked
    read_quiet(fd, quiet=0.1)
    os.waitpid(pid, 0)
samples.sort()
moves.sort()
print(f"console pty 80x24: first frame median {samples[len(samples)//2]:.0f} ms (max {samples[-1]:.0f} ms, {len(samples)} starts); "
      f"form cursor move median {moves[len(moves)//2]} bytes, max {moves[-1]} bytes")
