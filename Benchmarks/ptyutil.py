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


def start(argv, env, rows=24, cols=80, marker=b"Quit"):
    """Runs argv in a new pseudo-terminal of rows x cols; waits until `marker` (the key
    bar) is on screen. Returns (pid, fd, first frame bytes, milliseconds to it)."""
    import fcntl, pty, struct, termios
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env)
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    began = time.time()
    first = b""
    while marker not in first and time.time() - began < 5:
        ready, _, _ = select.select([fd], [], [], 0.005)
        if ready:
            first += os.read(fd, 65536)
    return pid, fd, first, (time.time() - began) * 1000
