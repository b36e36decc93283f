"""Files written to survive a power cut: all or nothing, no partial file left, a key private."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from gxjn_desktop.durable import write_durably


def test_writes_the_bytes_and_leaves_nothing_beside_them(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    target.write_bytes(b"old")
    write_durably(target, b'{"year": 2026}')
    assert target.read_bytes() == b'{"year": 2026}'
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_private_file_is_readable_by_its_owner_alone(tmp_path: Path) -> None:
    target = tmp_path / "key.json"
    write_durably(target, b"secret", private=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_write_that_fails_keeps_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.json"
    target.write_bytes(b"old")

    def full_disk(fd: int) -> None:  # the flush is where a full disk shows on many file systems
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        write_durably(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]
