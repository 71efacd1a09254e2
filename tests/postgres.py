"""A throwaway PostgreSQL server for the tests: initdb in a temporary folder, on a free port.

It uses the machine's PostgreSQL binaries (Debian's ``postgresql`` package, which
``.ci/run`` installs when missing). PostgreSQL refuses to run as root, so as root the
server runs as the ``postgres`` user. Without binaries the PostgreSQL tests are skipped,
unless ``REQUIRE_POSTGRES`` is set (CI), where that is a failure.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

REQUIRED = bool(os.environ.get("REQUIRE_POSTGRES"))


def binaries() -> Path | None:
    """The folder of ``pg_ctl`` and ``initdb``: Debian's, newest first, else the PATH's."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(folder) / "initdb").exists():
            return Path(folder)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """One server, started by :meth:`start` and removed by :meth:`stop`."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="kzit-pg-"))
        self.port = _free_port()
        self._as: list[str] = []
        self._databases = 0
        if os.geteuid() == 0:  # initdb and postgres refuse root
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *command: str) -> None:
        subprocess.run([*self._as, *command], check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        data = self.root / "data"
        self._run(
            str(self.bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"
        )
        self.resume()

    def stop(self) -> None:
        try:
            self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def create_database(self, prefix: str = "test") -> str:
        """Create an empty database, named ``prefix`` and a number; its URL."""
        self._databases += 1
        name = f"{prefix}_{self._databases}"
        host = ["-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
        self._run(str(self.bin_dir / "createdb"), *host, name)
        return self.url(name)

    def pause(self) -> None:
        """Stop the server, keeping its data (the database "goes away")."""
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        """Start the server again after :meth:`pause`."""
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off"
        data, log = self.root / "data", self.root / "server.log"
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start")

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of ``database`` (asyncpg)."""
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{database}"
