"""Packaging details pyproject.toml cannot say: the top-level ``resources/`` and ``db/`` folders
travel inside the wheel as package data (``gxjn_desktop/resources``, ``gxjn_desktop/db``), where
``gxjn_desktop.paths`` finds them. Every folder below them is mapped, so a new one needs no edit
here. Everything else is in pyproject.toml."""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent
DATA_FOLDERS = ("resources", "db")


def data_packages() -> dict[str, str]:
    """``gxjn_desktop.resources.reference`` → ``resources/reference`` and so on."""
    found = {}
    for top in DATA_FOLDERS:
        for folder in [HERE / top, *sorted(p for p in (HERE / top).rglob("*") if p.is_dir())]:
            rel = folder.relative_to(HERE)
            if "__pycache__" not in rel.parts:
                found["gxjn_desktop." + ".".join(rel.parts)] = rel.as_posix()
    return found


mapped = data_packages()
setup(
    packages=[*find_packages(include=["gxjn_desktop", "gxjn_desktop.*"]), *mapped],
    package_dir=mapped,
    package_data={name: ["*"] for name in mapped},
    exclude_package_data={name: ["*.pyc"] for name in mapped},
)
