"""Where the program may write: never inside the open bundle (a memo over bundle.json, a store in evidence/),
judged on the resolved path, links followed, so a link or `..` cannot lead a write back in."""

import os
from pathlib import Path


class UsageError(Exception):
    """An output or store path the program refuses; str() is one line in Chinese and English."""


def _real(path) -> str:
    return os.path.normcase(os.path.realpath(os.path.abspath(os.fspath(path))))


def inside_bundle(path, bundle_root) -> bool:
    """True when path, resolved with every link followed (also the links of a path not yet made), is the
    bundle folder or anything below it."""
    real, root = _real(path), _real(bundle_root)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def output_problem(path, bundle_root, what_zh: str = "输出文件", what_en: str = "output") -> str | None:
    """The one-line refusal when path lies inside the open bundle, else None."""
    if bundle_root is None or not inside_bundle(path, bundle_root):
        return None
    return (f"{what_zh}不得位于打开的证据包内（证据不得改动）：{path} / "
            f"the {what_en} must not be inside the open bundle (evidence is never changed): {path}")


def refuse_inside(path, bundle_root, what_zh: str = "输出文件", what_en: str = "output") -> Path:
    """Path itself, or UsageError (exit 2 on the command line) when it lies inside the open bundle."""
    problem = output_problem(path, bundle_root, what_zh, what_en)
    if problem:
        raise UsageError(problem)
    return Path(path)


def store_folder(bundle, store_dir=None) -> Path:
    """The folder of the bundle's review store (store_dir, $EVIDENCEDESK_STORE or the user's data folder),
    refused when it lies inside the bundle: SQLite would write its files into the evidence."""
    from models.store.store import default_store_dir

    folder = Path(store_dir) if store_dir else default_store_dir()
    return refuse_inside(folder, bundle.root, "审查库文件夹", "review store folder")
