"""Start the read-only MapServer WFS 2.0 peer (``scripts/mapserver_wfs.py``) for tests.

Importable as ``mapserver`` (tests/ is on sys.path). The server runs in its own process,
serving a copy of the GeoPackage made in ``workdir``; its request log is ``workdir/requests.log``.
"""

from __future__ import annotations

import os
import selectors
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "mapserver_wfs.py"
MAPSERV = Path("/usr/lib/cgi-bin/mapserv")
TYPENAME = "ms:lieux"
READY_TIMEOUT_S = 15.0


def mapserver_available() -> bool:
    """True when Debian's MapServer CGI (``cgi-mapserver``) is installed."""
    return MAPSERV.is_file() and os.access(MAPSERV, os.X_OK)


def start_mapserver(gpkg: Path, workdir: Path) -> tuple[subprocess.Popen, str]:
    """Copy ``gpkg`` into ``workdir`` and serve its ``lieux`` layer; return the process and the WFS URL.

    The URL is ``http://127.0.0.1:PORT/wfs`` (the server adds ``map=LIEUX``); the typename is
    ``ms:lieux``. The caller terminates the process.
    """
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    copy = workdir / "lieux.gpkg"
    if Path(gpkg).resolve() != copy.resolve():
        shutil.copyfile(gpkg, copy)
    log = workdir / "requests.log"
    cmd = [sys.executable, str(SCRIPT), "--gpkg", str(copy), "--workdir", str(workdir), "--port", "0", "--log", str(log)]
    with open(workdir / "server.stderr", "wb") as stderr:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL)
    line = b""
    deadline = time.monotonic() + READY_TIMEOUT_S
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        while not line.endswith(b"\n") and proc.poll() is None and time.monotonic() < deadline:
            if sel.select(timeout=max(0.0, deadline - time.monotonic())):
                chunk = os.read(proc.stdout.fileno(), 256)
                if not chunk:
                    break
                line += chunk
    if not line.startswith(b"READY "):
        proc.kill()
        proc.wait(5)
        err = (workdir / "server.stderr").read_text(errors="replace")[-2000:]
        raise RuntimeError(f"MapServer WFS peer did not start within {READY_TIMEOUT_S:.0f} s: {line!r}\n{err}")
    port = int(line.split()[1])
    return proc, f"http://127.0.0.1:{port}/wfs"


def stop_mapserver(proc: subprocess.Popen) -> None:
    """Terminate the server started by :func:`start_mapserver`."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    if proc.stdout:
        proc.stdout.close()
