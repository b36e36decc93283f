"""Tiers: a bureau passes the packets it accepted up one tier, unchanged, with a signed index."""

from __future__ import annotations

from pathlib import Path

INDEX_NAME = "gxjn-forward.json"


def bundle_sources(folder: Path, paths: list[Path]) -> tuple[dict[Path, str], dict[Path, dict[str, str]]]:
    """For packets inside forwarded bundles: which bureau forwarded each, and those to refuse."""
    return {}, {}


def forward(store: object, data_dir: Path, period: str, out: Path) -> dict[str, object]:
    from gxjn_desktop.errors import UserError

    raise UserError("转报功能尚未完成", "请先把各单位的报送包原样复制给上级")
