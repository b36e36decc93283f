"""The throw-away PostgreSQL server of the tests stops when the process that started it dies, even
by kill -9 (servers left running by killed test runs piled up on the shared machine)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = str(ROOT / "scripts" / "pg_test_server.sh")


def test_the_server_stops_when_its_owner_is_killed() -> None:
    owner = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        proc = subprocess.run(
            ["bash", SCRIPT, "start", "--owner-pid", str(owner.pid)], capture_output=True, text=True, check=False
        )
        if proc.returncode != 0:
            reason = f"PostgreSQL test server could not start: {proc.stderr.strip()[-300:]}"
            if os.environ.get("CI"):
                pytest.fail(reason)
            pytest.skip(reason)
        env = dict(line.removeprefix("export ").split("=", 1) for line in proc.stdout.splitlines() if "=" in line)
        folder = Path(env["GXJN_TEST_PG_DIR"])
        server = int((folder / "data" / "postmaster.pid").read_text().split()[0])
        os.kill(server, 0)  # running
        owner.send_signal(signal.SIGKILL)
        owner.wait()
        # Blocks until the server process has ended (the watcher stops it); no sleeping here.
        subprocess.run(["tail", f"--pid={server}", "-f", "/dev/null"], check=True, timeout=120)
        with pytest.raises(ProcessLookupError):
            os.kill(server, 0)
    finally:
        if owner.poll() is None:
            owner.kill()
            owner.wait()
