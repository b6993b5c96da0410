"""Art. 31.3: a backup item compared with its original, file by file, by relative path and by digest."""

from dataclasses import dataclass, field
from pathlib import PurePosixPath

SIDE_SOURCES = ("freeze", "appraisal")


@dataclass(frozen=True)
class BackupDifference:
    """One file that differs: difference is missing_in_backup | missing_in_original | digest | no_common_algorithm."""

    item: str
    path: str
    difference: str
    original: dict = field(default_factory=dict)
    backup: dict = field(default_factory=dict)


def _row(result) -> dict:
    return result if isinstance(result, dict) else result.to_json()


def strip_common_folder(paths: list[str]) -> dict[str, str]:
    """Bundle path -> path relative to the folder all of them share (their common parent)."""
    if not paths:
        return {}
    parents = [PurePosixPath(p).parent.parts for p in paths]
    common = 0
    while all(len(p) > common and p[common] == parents[0][common] for p in parents):
        common += 1
    return {p: "/".join(PurePosixPath(p).parts[common:]) for p in paths}


def item_digests(item: dict, results) -> dict[str, dict]:
    """Relative path within the item -> {algorithm: digest}: computed values first, recorded ones filling gaps."""
    item_id = item.get("id")
    found: dict[str, dict] = {}
    for row in map(_row, results or []):
        if row.get("item") != item_id or row.get("recorded_source") in SIDE_SOURCES:
            continue
        if row.get("status") == "unlisted" or not row.get("algorithm"):
            continue
        value = row.get("computed") or (row.get("recorded") if row.get("status") != "missing" else None)
        if value:
            found.setdefault(row["path"], {}).setdefault(row["algorithm"], value.lower())
    for entry in item.get("content") or []:
        if entry.get("type", "file") != "directory" and entry.get("path") and entry["path"] not in found:
            found[entry["path"]] = {k: str(v).lower() for k, v in (entry.get("digests") or {}).items() if v}
    relative = strip_common_folder(list(found))
    return {relative[p]: d for p, d in found.items()}


def differences(item_id: str, theirs: dict[str, dict], mine: dict[str, dict]) -> list[BackupDifference]:
    """Differences between the original's digests (`theirs`) and the backup's (`mine`), both keyed by relative
    path: a file absent on one side, a shared algorithm whose values differ, or no algorithm in common."""
    diffs = []
    for rel in sorted(set(mine) | set(theirs)):
        a, b = theirs.get(rel), mine.get(rel)
        if a is None or b is None:
            diffs.append(BackupDifference(item_id, rel, "missing_in_backup" if b is None else "missing_in_original"))
            continue
        shared = [k for k in a if k in b and a[k] and b[k]]
        changed = [k for k in shared if str(a[k]).lower() != str(b[k]).lower()]
        if changed or not shared:
            diffs.append(BackupDifference(item_id, rel, "digest" if changed else "no_common_algorithm",
                                          {k: a[k] for k in changed}, {k: b[k] for k in changed}))
    return diffs


def compare_items(item: dict, original: dict, results) -> list[BackupDifference]:
    """Differences between a backup item and its original by relative path, then by shared digests."""
    return differences(item.get("id"), item_digests(original, results), item_digests(item, results))


def compare_backup(bundle, store, item_id: str, results=None) -> list[BackupDifference]:
    """The differences of backup item `item_id` from its `backup_of` original (results: the store's by default)."""
    item = bundle.item(item_id) or {}
    original = bundle.item(item.get("backup_of") or "")
    if original is None:
        return [BackupDifference(item_id, "", "original_absent")]
    if results is None:
        from models.integrity.verify import load_results

        results = load_results(store) if store is not None else []
    return compare_items(item, original, results)
