"""Write an evidence-bundle/1 folder (BUNDLE-FORMAT.md): content files, digest lists and bundle.json."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path, PurePosixPath

from cryptography.hazmat.primitives import hashes

ALGORITHMS = ("md5", "sha1", "sha256", "sm3")
LIST_STYLES = ("md5sum", "sha256sum", "hashdeep")
DIGESTED_TYPES = ("file", "disk_image")


class BundleWriteError(Exception):
    """The bundle cannot be written (target not empty, bad relative path, missing content)."""


def digests_of(data: bytes, algorithms=ALGORITHMS) -> dict[str, str]:
    """Lower-case hex digests of data for the requested algorithms (SM3 through cryptography)."""
    out = {}
    for name in algorithms:
        if name == "sm3":
            h = hashes.Hash(hashes.SM3())
            h.update(data)
            out[name] = h.finalize().hex()
        else:
            out[name] = hashlib.new(name, data).hexdigest()
    return out


def digest_list_text(files: dict[str, bytes], style: str, prefix: str = "") -> str:
    """An md5sum / sha256sum / hashdeep style list of every file under prefix (bundle-relative paths)."""
    if style not in LIST_STYLES:
        raise BundleWriteError(f"unknown digest list style: {style}")
    chosen = sorted(p for p in files if not prefix or p.startswith(prefix.rstrip("/") + "/"))
    if style == "md5sum":
        return "".join(f"{hashlib.md5(files[p]).hexdigest()}  {p}\n" for p in chosen)
    if style == "sha256sum":
        return "".join(f"{hashlib.sha256(files[p]).hexdigest()}  {p}\n" for p in chosen)
    lines = ["%%%% HASHDEEP-1.0", "%%%% size,md5,sha256,filename",
             "## Invoked from: /case", "## $ hashdeep -c md5,sha256 -r " + (prefix or ".")]
    for p in chosen:
        d = digests_of(files[p], ("md5", "sha256"))
        lines.append(f"{len(files[p])},{d['md5']},{d['sha256']},{p}")
    return "\n".join(lines) + "\n"


def fill_digests(manifest: dict, files: dict[str, bytes], algorithms=ALGORITHMS) -> None:
    """Set size and digests on every file/disk_image content entry that has no digests yet."""
    for item in manifest.get("items", []):
        for entry in item.get("content", []):
            if entry.get("type", "file") not in DIGESTED_TYPES or entry.get("digests"):
                continue
            data = files.get(entry["path"])
            if data is None:
                raise BundleWriteError(f"no content for {entry['path']}")
            entry.setdefault("size", len(data))
            entry["digests"] = digests_of(data, algorithms)


def _target(root: Path, rel: str) -> Path:
    pure = PurePosixPath(rel)
    if pure.is_absolute() or ".." in pure.parts or "\\" in rel or not pure.parts:
        raise BundleWriteError(f"path must be bundle-relative with '/': {rel!r}")
    return root.joinpath(*pure.parts)


def _prepare(out_dir: Path) -> Path:
    out_dir = Path(out_dir)
    if out_dir.exists():
        if not out_dir.is_dir():
            raise BundleWriteError(f"not a folder: {out_dir}")
        if any(out_dir.iterdir()):
            raise BundleWriteError(f"folder is not empty, refusing to write a bundle into it: {out_dir}")
    out_dir.mkdir(parents=True, exist_ok=True)
    return out_dir


def _timestamp(value) -> float:
    return value.timestamp() if isinstance(value, datetime) else float(value)


def write_bundle(out_dir, manifest: dict, files: dict[str, bytes], *, fill: bool = False,
                 algorithms=ALGORITHMS, digest_lists: dict[str, tuple[str, str]] | None = None,
                 mtimes: dict | None = None, manifest_name: str = "bundle.json") -> Path:
    """Write files and the manifest into out_dir (must be absent or empty) and return its path.

    fill: compute size/digests for content entries without digests. digest_lists: list path ->
    (style, covered prefix) written as extra files. mtimes: path -> datetime/epoch seconds applied
    (atime too) after writing; "bundle.json" may be given too.
    """
    root = _prepare(out_dir)
    files = dict(files)
    for list_path, (style, prefix) in (digest_lists or {}).items():
        files[list_path] = digest_list_text(files, style, prefix).encode("utf-8")
    if fill:
        fill_digests(manifest, files, algorithms)
    for rel, data in files.items():
        target = _target(root, rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    (root / manifest_name).write_text(text, encoding="utf-8")
    if mtimes:
        _apply_times(root, mtimes)
    return root


def _apply_times(root: Path, mtimes: dict) -> None:
    """Set the given file times, then give each folder the newest time found below it."""
    for rel, when in mtimes.items():
        target = _target(root, rel)
        if not target.exists():
            raise BundleWriteError(f"mtime given for a file that is not written: {rel}")
        t = _timestamp(when)
        os.utime(target, (t, t))
    for folder, dirs, names in sorted(os.walk(root), key=lambda w: -len(Path(w[0]).parts)):
        times = [os.stat(os.path.join(folder, n)).st_mtime for n in names + dirs]
        if times and Path(folder) != root:
            os.utime(folder, (max(times), max(times)))
