"""A throw-away PostgreSQL server in a temporary folder on a free local port (tests, benchmarks).

``initdb`` and ``pg_ctl`` from the machine's PostgreSQL (Debian's ``postgresql`` package, which
``make test`` installs). PostgreSQL refuses to run as root, so under root the server runs as the
``postgres`` system user. Passwords use SCRAM over TCP, as a real team server would.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SUPERUSER = "fieldkit_admin"
SUPERPASSWORD = "admin-secret"


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if candidates:
        return candidates[0]
    raise RuntimeError(f"PostgreSQL's {name} is not installed (Debian: apt-get install "
                       "postgresql; make test installs it).")


def available() -> bool:
    try:
        _binary("initdb")
        _binary("pg_ctl")
    except RuntimeError:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """``start()`` / ``stop()`` / ``kill()``; ``url(user, password, db)`` to connect."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="fieldkit-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._as: list[str] = []
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            import pwd

            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]
        self.pgpass = self.root / "pgpass"
        self.pgpass.write_text("")
        self.pgpass.chmod(0o600)
        pwfile = self.root / "pw"
        pwfile.write_text(SUPERPASSWORD + "\n")
        if self._as:
            shutil.chown(pwfile, "postgres")
        self._run([_binary("initdb"), "-D", str(self.data), "-U", SUPERUSER,
                   "--pwfile", str(pwfile), "-A", "scram-sha-256", "-E", "UTF8",
                   "--locale", "C.UTF-8"])
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                       f"unix_socket_directories = '{self.root}'\nfsync = off\n"
                       "max_connections = 60\nshared_buffers = 128MB\n")

    def _run(self, argv: list[str]) -> None:
        subprocess.run(self._as + argv, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, cwd=self.root)

    def start(self) -> None:
        self._run([_binary("pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"),
                   "-w", "-t", "60", "start"])

    def stop(self) -> None:
        try:
            self._run([_binary("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"])
        except subprocess.CalledProcessError:
            pass

    def kill(self) -> None:
        """Stop the server as a crash would (SIGKILL to the postmaster)."""
        pid_file = self.data / "postmaster.pid"
        if pid_file.exists():
            pid = int(pid_file.read_text().split()[0])
            os.kill(pid, signal.SIGKILL)
            for _ in range(100):
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.05)

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, user: str = SUPERUSER, password: str | None = None, db: str = "postgres"
            ) -> str:
        secret = password if password is not None else (
            SUPERPASSWORD if user == SUPERUSER else None)
        auth = f"{user}:{secret}@" if secret else f"{user}@"
        return f"postgresql://{auth}127.0.0.1:{self.port}/{db}"

    def remember(self, user: str, password: str) -> None:
        """Add a line to this server's pgpass file (point PGPASSFILE at ``self.pgpass``)."""
        with open(self.pgpass, "a", encoding="utf-8") as fh:
            fh.write(f"127.0.0.1:{self.port}:*:{user}:{password}\n")

    def sql(self, statement: str, db: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(db=db), autocommit=True) as conn:
            conn.execute(statement)  # type: ignore[arg-type]

    def new_team_database(self, name: str, lead: str, password: str) -> str:
        """A database owned by a new lead role (allowed to create member roles); its URL."""
        self.sql(f"CREATE ROLE {lead} LOGIN CREATEROLE PASSWORD '{password}'")
        self.sql(f"CREATE DATABASE {name} OWNER {lead}")
        self.sql(f"REVOKE ALL ON DATABASE {name} FROM PUBLIC")
        self.sql(f"GRANT CONNECT ON DATABASE {name} TO {lead} WITH GRANT OPTION")
        self.remember(lead, password)
        return self.url(lead, password, name)
