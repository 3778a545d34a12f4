"""Shared by the pty benchmarks: read what a program writes to its terminal."""
import os, select, time

def read_quiet(fd, quiet=0.05, limit=2.0):
    """Reads until the terminal has been quiet for `quiet` seconds."""
    data, start = b"", time.time()
    while time.time() - start < limit:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    return data
