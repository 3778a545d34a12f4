#!/usr/bin/env python3
"""Benchmark, not a test: runs the TUISampler (release) in a real pseudo-terminal at 80x24
and measures what reaches the terminal — time to first frame, and bytes written per
cursor move in a 10,000-item list (budgets: 100 ms, 200 bytes)."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ptyutil import read_quiet, start

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/TUISampler"

pid, fd, first, first_frame_ms = start([binary], dict(TERM="xterm-256color", LANG="C.UTF-8"))
first += read_quiet(fd)

os.write(fd, b"\t\t")  # focus the list
read_quiet(fd)
moves = []
for _ in range(40):
    os.write(fd, b"\x1bOB")  # cursor down, as terminfo's kcud1 for xterm
    moves.append(len(read_quiet(fd, quiet=0.03)))
typing = []
for ch in "ёлкин":
    os.write(fd, ch.encode())
    typing.append(len(read_quiet(fd, quiet=0.03)))
os.write(fd, b"\x11")  # Ctrl-Q
read_quiet(fd)
os.waitpid(pid, 0)
moves.sort()
print(f"pty 80x24: first frame {first_frame_ms:.0f} ms ({len(first)} bytes); "
      f"cursor move median {moves[len(moves)//2]} bytes, max {moves[-1]} bytes; "
      f"filter keystroke median {sorted(typing)[len(typing)//2]} bytes")
