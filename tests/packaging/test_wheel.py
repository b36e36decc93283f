"""The sdist and the wheel carry resources/ and db/: the wheel built from the sdist, installed into a
fresh virtual environment, creates the demo unit and computes its indicators like the checkout does.

The fresh environment gets the wheel itself through pip (no dependencies from the network); the
locked dependencies (PySide6, SQLAlchemy …) are shared from this test's own environment through a
``.pth`` line, because copying 300 MB of wheels would only test pip. The build backend (setuptools,
``pyproject.toml``'s ``build-system``) comes from the package index, as for any pip install.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE_ITEMS = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "gxjn_desktop", "resources", "db")


def _tracked(root: Path, folder: str) -> set[str]:
    """Files of ``folder`` as the repository has them (no caches), relative to the root."""
    return {
        p.relative_to(root).as_posix()
        for p in (root / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


def _run(cmd: list[str | Path], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, cwd=cwd)
    assert done.returncode == 0, f"{cmd}\n{done.stdout}\n{done.stderr}"
    return done


def test_wheel_from_sdist_runs_demo_and_indicators(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for item in SOURCE_ITEMS:  # a copy, so building leaves no build/ or egg-info in the checkout
        if (ROOT / item).is_dir():
            shutil.copytree(ROOT / item, src / item, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / item, src / item)

    # sdist through the PEP 517 hook, with this environment's setuptools
    dist = tmp_path / "dist"
    _run(
        [sys.executable, "-c", f"from setuptools import build_meta as b; print(b.build_sdist({str(dist)!r}))"],
        cwd=src,
    )
    (sdist,) = dist.glob("gxjn-*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    wanted = _tracked(ROOT, "resources") | _tracked(ROOT, "db")
    assert wanted <= names, sorted(wanted - names)

    # the wheel is built from the sdist, so whatever the sdist forgot, the wheel lacks too
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", dist, sdist])
    (wheel,) = dist.glob("gxjn-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        members = set(zf.namelist())
    packaged = {f"gxjn_desktop/{n}" for n in wanted}
    assert packaged <= members, sorted(packaged - members)

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    py = venv / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", py, "install", "-q", "--no-deps", "--no-index", wheel])
    site = Path(_run([py, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip())
    (site / "_shared_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")

    located = _run(
        [py, "-c", "import gxjn_desktop.paths as p; print(p.__file__); print(p.bundle_root())"], cwd=tmp_path
    ).stdout.split()
    assert all(Path(x).is_relative_to(venv) for x in located), located  # not the checkout's copy

    data = tmp_path / "data"
    cli = venv / "bin" / "gxjn-cli"
    assert "示例单位" in _run([cli, "--data-dir", data, "demo"], cwd=tmp_path).stdout
    installed = json.loads(
        _run([cli, "--data-dir", data, "indicators", "--year", "2025", "--json"], cwd=tmp_path).stdout
    )
    checkout = _run(
        [sys.executable, "-m", "gxjn_desktop.cli", "--data-dir", data, "indicators", "--year", "2025", "--json"],
        cwd=ROOT,
    )
    assert installed == json.loads(checkout.stdout)
    assert installed["totals"] and installed["reference_versions"]["coefficients"]


@pytest.mark.parametrize("layout", ["checkout", "installed", "frozen"])
def test_one_locator_for_every_layout(layout: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gxjn_desktop import paths

    if layout == "checkout":
        assert paths.bundle_root() == ROOT
        assert (paths.resource_path("reference") / "rules.json").is_file()
        assert (paths.migrations_path() / "env.py").is_file()
        return
    if layout == "installed":
        package = tmp_path / "site-packages" / "gxjn_desktop"
        for sub in ("resources", "db"):
            (package / sub).mkdir(parents=True)
        monkeypatch.setattr(paths, "__file__", str(package / "paths.py"))
        assert paths.bundle_root() == package
        return
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resource_path("reference") == tmp_path / "resources" / "reference"
    assert paths.migrations_path() == tmp_path / "db"
