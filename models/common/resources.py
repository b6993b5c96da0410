"""Find files under resources/ both from the source tree and from a PyInstaller build."""

import sys
from pathlib import Path


def resource_root() -> Path:
    """The resources/ folder: beside the code in source, under _MEIPASS when frozen."""
    base = getattr(sys, "_MEIPASS", None)
    if base:
        return Path(base) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """Path of one resource file; it may not exist (callers decide)."""
    return resource_root().joinpath(*parts)
