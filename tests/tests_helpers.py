"""Helpers shared by the tests that start servers."""

import contextlib
import socket
import subprocess
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc, seconds: float = 30) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(proc.stderr.read().decode())
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


@contextlib.contextmanager
def running(cmd: list[str], ready_url: str, cwd=None):
    """Start a server process, wait until ``ready_url`` answers, stop it after."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
    try:
        wait_for(ready_url, proc)
        yield proc
    finally:
        proc.terminate()
        proc.wait(10)


def write_edge_list(net) -> str:
    """A network writer registered by a test: one 'source target' line per edge."""
    return "".join(f"{s} {t}\n" for _, s, t, _ in net.edges)
