"""Real servers for tests: the project's WFS-T server (QGIS Server) in a subprocess, and helpers."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parent.parent
DEMO_GPKG = REPO / "resources" / "demo" / "demo.gpkg"
SERVER = REPO / "scripts" / "wfst_server.py"
PYTHON = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable

USERS = {
    "alice": {"password": "alice-Secret-1", "role": "animateur"},
    "bob": {"password": "bob-Secret-2", "role": "contributeur", "territoires": ["80"]},
    "carol": {"password": "carol-Secret-3", "role": "lecteur"},
}


@dataclass
class WfsServer:
    proc: subprocess.Popen
    port: int
    gpkg: Path
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/ows"

    def rows(self, where: str = "1=1", args: tuple = ()) -> list[dict]:
        """The backing store's lieux, read directly (never through QGIS or a cache)."""
        con = sqlite3.connect(self.gpkg)
        con.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in con.execute(f"SELECT * FROM lieux WHERE {where}", args)]
        finally:
            con.close()

    def by_id(self, lieu_id: str) -> list[dict]:
        return self.rows("id = ?", (lieu_id,))

    def count(self) -> int:
        return len(self.rows())

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def start_wfst_server(workdir: Path, *args: str, users: Optional[dict] = None, gpkg: Path = DEMO_GPKG) -> WfsServer:
    """Copy ``gpkg`` into ``workdir`` and serve it; ``args`` are extra wfst_server.py options."""
    workdir.mkdir(parents=True, exist_ok=True)
    copy = workdir / "base.gpkg"
    shutil.copyfile(gpkg, copy)
    command = [PYTHON, str(SERVER), "--gpkg", str(copy), "--port", "0", *args]
    if users is not None:
        users_file = workdir / "users.json"
        users_file.write_text(json.dumps(users), "utf-8")
        command += ["--users", str(users_file)]
    log = workdir / "server.log"
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log.open("w"), text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith("READY"):
            return WfsServer(proc, int(line.split()[1]), copy, log)
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise RuntimeError(f"serveur WFS-T non démarré : {log.read_text()[-2000:]}")


def basic_authcfg(user: str, password: str, name: Optional[str] = None) -> str:
    """A Basic authentication configuration in QGIS's auth database; its id."""
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword("mednum-tests-master", True)
    config = QgsAuthMethodConfig()
    config.setMethod("Basic")
    config.setName(name or f"mednum-{user}")
    config.setConfig("username", user)
    config.setConfig("password", password)
    result = manager.storeAuthenticationConfig(config)
    ok, stored = result if isinstance(result, tuple) else (result, config)
    assert ok, "authcfg non enregistrée"
    return stored.id()
