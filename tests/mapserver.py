"""Start the read-only MapServer WFS 2.0 peer (``scripts/mapserver_wfs.py``) for tests.

Importable as ``mapserver`` (tests/ is on sys.path). The server runs in its own process,
serving a copy of the GeoPackage made in ``workdir``; its request log is ``workdir/requests.log``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from processes import spawn_ready, stop_process  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "mapserver_wfs.py"
MAPSERV = Path("/usr/lib/cgi-bin/mapserv")
TYPENAME = "ms:lieux"


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
    proc, port = spawn_ready(cmd, workdir / "server.stderr", "MapServer WFS peer")
    return proc, f"http://127.0.0.1:{port}/wfs"


def stop_mapserver(proc: subprocess.Popen) -> None:
    """Terminate the server started by :func:`start_mapserver`."""
    stop_process(proc)
