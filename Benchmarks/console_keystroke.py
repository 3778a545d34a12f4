#!/usr/bin/env python3
"""Benchmark, not a test: a keystroke in the console's biggest pick list through a real
pseudo-terminal, beside the floor — the same terminal's raw echo, measured in the same run.

The console (release) runs at 80x24 on the 10x sandbox portal (49,000 users), started by
this script as a process of its own. Once the lists are loaded, `/` finds "Default chat
responsible", Enter opens the users list, and then letters are typed into its filter: each is
timed from the write to the last byte of the redraw (the terminal quiet for 20 ms after, not
counted). The floor: a program that echoes each byte back through an identical pty (raw
mode), timed the same way. Prints medians and the ratio.

usage: console_keystroke.py [BINARY]"""
import os, select, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ptyutil import read_quiet, start

binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/callgear-setup")
folder = tempfile.mkdtemp(prefix="cgs-keys-")
store = os.path.join(folder, "store.sqlite")
sandbox = subprocess.Popen([binary, "sandbox", "--seed", "huge"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
webhook = sandbox.stdout.readline().decode().strip()
domain = webhook.split("/rest/")[0]


def timed(fd, key, quiet=0.02, limit=3.0):
    """Writes `key`; seconds from the write to the last byte before `quiet` seconds of silence."""
    began = time.perf_counter()
    os.write(fd, key)
    last, data = None, b""
    while time.perf_counter() - began < limit:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            if last is not None:
                break
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        data += chunk
        last = time.perf_counter()
    return (last - began) if last else limit, data


try:
    with open("Examples/profile-dubai.json") as f:
        text = f.read().replace("https://demo-callgear.bitrix24.ru", domain)
    doc = os.path.join(folder, "p.json")
    with open(doc, "w") as f:
        f.write(text)
    subprocess.run([binary, "account", "add", "--domain", domain, "--name", "huge", "--webhook-stdin", "--store", store],
                   input=(webhook + "\n").encode(), check=True, capture_output=True)
    subprocess.run([binary, "profile", "import", doc, "--store", store], check=True, capture_output=True)
    env = dict(TERM="xterm-256color", LANG="C.UTF-8", HOME=folder, XDG_CONFIG_HOME=folder)
    argv = [binary, "console", "--profile", "demo-dubai", "--no-mouse", "--store", store]
    if os.environ.get("KEYSTROKE_PERF"):  # where the time goes: perf record around the console
        argv = ["/usr/bin/perf", "record", "-g", "-o", os.environ["KEYSTROKE_PERF"], "--"] + argv
    pid, fd, first, _ = start(argv, env)
    screen, began = first, time.time()
    while b"49000 users" not in screen and time.time() - began < 60:
        screen += read_quiet(fd, quiet=0.2)
    assert b"49000 users" in screen, "the lists did not load"
    os.write(fd, b"/")
    read_quiet(fd)
    os.write(fd, b"Default chat responsible")
    read_quiet(fd)
    os.write(fd, b"\r")
    read_quiet(fd)
    opened, data = timed(fd, b"\r")
    assert b"49" in data or b"users" in data.lower() or len(data) > 200, data[:200]
    ours = []
    for key in [b"a", b"b", b"\x7f", b"\x7f", b"1", b"2", b"\x7f", b"\x7f"] * int(os.environ.get("KEYSTROKE_ROUNDS", "3")):
        seconds, data = timed(fd, key)
        ours.append(seconds)
        if os.environ.get("KEYSTROKE_DEBUG"):
            print(key, len(data), data[:300])
    os.write(fd, b"\x1b")
    read_quiet(fd)
    os.write(fd, b"\x11")
    read_quiet(fd, quiet=0.1)
    os.write(fd, b"d")
    read_quiet(fd, quiet=0.1)
    os.waitpid(pid, 0)

    echo = "import sys, tty, os\ntty.setraw(0)\nwhile True:\n  b = os.read(0, 1)\n  if b == b'q': break\n  os.write(1, b)\n"
    pid, fd, _, _ = start([sys.executable, "-c", echo], {}, marker=b"")
    time.sleep(0.2)
    floor = []
    for key in [b"a", b"b", b"1", b"2"] * 6:
        seconds, _ = timed(fd, key)
        floor.append(seconds)
    os.write(fd, b"q")
    os.waitpid(pid, 0)
finally:
    sandbox.terminate()
    sandbox.wait()

ours.sort()
floor.sort()
m, f = ours[len(ours) // 2], floor[len(floor) // 2]
print(f"console keystroke, users list of 49,000 at 80x24 through a pty: open {opened * 1000:.1f} ms; "
      f"keystroke median {m * 1000:.2f} ms (max {ours[-1] * 1000:.2f}); raw pty echo {f * 1000:.2f} ms; ratio {m / f:.1f}")
