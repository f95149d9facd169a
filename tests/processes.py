"""Test servers run as subprocesses: start one and wait for its ``READY <port>`` line; stop it."""

from __future__ import annotations

import os
import selectors
import subprocess
import time
from pathlib import Path

READY_TIMEOUT_S = 15.0


def spawn_ready(command: list[str], stderr_path: Path, what: str, timeout: float = READY_TIMEOUT_S) -> tuple[subprocess.Popen, int]:
    """Start ``command`` and wait for its first line ``READY <port>`` (the caller stops it)."""
    with open(stderr_path, "wb") as stderr:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL)
    line = b""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while not line.endswith(b"\n") and proc.poll() is None and time.monotonic() < deadline:
            if selector.select(timeout=max(0.0, deadline - time.monotonic())):
                chunk = os.read(proc.stdout.fileno(), 256)
                if not chunk:
                    break
                line += chunk
    if not line.startswith(b"READY "):
        proc.kill()
        proc.wait(5)
        raise RuntimeError(f"{what} not started within {timeout:.0f} s: {line!r}\n{Path(stderr_path).read_text(errors='replace')[-2000:]}")
    return proc, int(line.split()[1])


def stop_process(proc: subprocess.Popen) -> None:
    """Terminate (then kill) a test server and close its pipe."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    if proc.stdout:
        proc.stdout.close()
