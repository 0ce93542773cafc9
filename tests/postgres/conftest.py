"""A real, throwaway PostgreSQL server for the shared-store tests.

Once per session: `initdb` a cluster in a private temporary folder, start it with `pg_ctl` on a free port
on 127.0.0.1 (trust authentication from 127.0.0.1 only, no Unix socket outside the folder), create the
database `caiwen`, and stop it (`pg_ctl stop -m fast`) at the end. PostgreSQL refuses to run as root, so
as root the server runs as the `postgres` system user of the Debian package. Tests that need a database of
their own get one from `PostgresCluster.new_database()`.

The server's time zone is Asia/Hong_Kong on purpose: a brokerage's database is often set to local time,
and what the API stores and exports must not depend on it.

Skipped only when the PostgreSQL server binaries are not installed (`.ci/install-postgres.sh`).
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SERVER_TIME_ZONE = "Asia/Hong_Kong"


def _find_binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class PostgresCluster:
    port: int
    folder: Path

    def url(self, database: str = "caiwen") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def admin_connect(self, database: str = "postgres"):
        import psycopg

        return psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=database, autocommit=True)

    def new_database(self, prefix: str = "t") -> str:
        """A fresh, empty database; returns its SQLAlchemy URL."""
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with self.admin_connect() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _runner() -> list[str]:
    """The prefix that runs a server binary: as `postgres` when we are root (initdb refuses root)."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        pytest.fail("running as root, but there is no `postgres` user to run the server as; "
                    "run .ci/install-postgres.sh")
    runuser = shutil.which("runuser")
    if runuser is None:
        pytest.fail("running as root without `runuser` to drop to the `postgres` user")
    return [runuser, "-u", "postgres", "--"]


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    initdb, pg_ctl = _find_binary("initdb"), _find_binary("pg_ctl")
    if initdb is None or pg_ctl is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found; install them with .ci/install-postgres.sh")
    as_server_user = _runner()

    # Not under pytest's tmp_path: its parent folders are private to root, so `postgres` could not enter.
    folder = Path(tempfile.mkdtemp(prefix="caiwen-pg-"))
    data = folder / "data"
    if as_server_user:
        account = pwd.getpwnam("postgres")
        os.chown(folder, account.pw_uid, account.pw_gid)
    try:
        _run([*as_server_user, initdb, "-D", str(data), "-U", "postgres", "-E", "UTF8", "--locale=C",
              "--auth=trust", "--no-sync"], "initdb")
        (data / "pg_hba.conf").write_text("host all all 127.0.0.1/32 trust\n", encoding="utf-8")
        options = (f"-c listen_addresses=127.0.0.1 -c unix_socket_directories={folder} -c timezone={SERVER_TIME_ZONE}"
                   " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100")
        port = None
        for _attempt in range(3):  # another process may take the free port between the probe and the start
            candidate = _free_port()
            started = subprocess.run(
                [*as_server_user, pg_ctl, "start", "-D", str(data), "-l", str(folder / "server.log"), "-w", "-t", "60",
                 "-o", f"-p {candidate} {options}"],
                capture_output=True, text=True, timeout=120,
            )
            if started.returncode == 0:
                port = candidate
                break
        if port is None:
            log = (folder / "server.log").read_text(errors="replace") if (folder / "server.log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed:\n{started.stdout}\n{started.stderr}\n{log[-4000:]}")
        try:
            cluster = PostgresCluster(port=port, folder=folder)
            with cluster.admin_connect() as conn:
                conn.execute("CREATE DATABASE caiwen")
            yield cluster
        finally:
            _run([*as_server_user, pg_ctl, "stop", "-D", str(data), "-m", "fast", "-w", "-t", "60"], "pg_ctl stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_url(postgres: PostgresCluster) -> str:
    """A fresh, empty database on the session's server."""
    return postgres.new_database()
