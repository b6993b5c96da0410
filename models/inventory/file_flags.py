"""The marks a reviewer must notice on a file row: extension mismatch, editing software in EXIF, timestamp
anomalies, not in the manifest, deleted. Codes here; their words in resources/labels.json (domain flag)."""

import re

FLAGS = ("mismatch", "editing", "anomaly", "unlisted", "deleted")
# EXIF Software values written by editors, not cameras (a camera writes its firmware: 'Ver.1.00', 'HDR+ 1.0')
EDITORS = re.compile(r"photoshop|lightroom|gimp|paint\.net|snapseed|picsart|affinity|pixelmator|capture one|"
                     r"acdsee|美图|醒图|光影魔术手|photoscape|luminar|darktable|rawtherapee|corel", re.IGNORECASE)
EDITOR_WORDS = ("photoshop", "lightroom", "gimp", "paint.net", "snapseed", "picsart", "affinity", "pixelmator",
                "capture one", "acdsee", "美图", "醒图", "光影魔术手", "photoscape", "luminar", "darktable",
                "rawtherapee", "corel")


def is_editor(software: str | None) -> bool:
    return bool(software and EDITORS.search(software))


def flags_of(record: dict, anomalous: set | frozenset = frozenset()) -> list[str]:
    """The flag codes of one file record (fields: path, item, kind, deleted, extension_mismatch, software)."""
    found = []
    if record.get("extension_mismatch"):
        found.append("mismatch")
    if is_editor(record.get("software")):
        found.append("editing")
    if record.get("path") in anomalous:
        found.append("anomaly")
    if record.get("item") is None and str(record.get("path", "")).startswith("evidence/"):
        found.append("unlisted")
    if record.get("deleted"):
        found.append("deleted")
    return found


def flag_sql(flag: str) -> str:
    """The WHERE clause of one flag over the files table (anomaly: ids given as a JSON array parameter)."""
    if flag == "mismatch":
        return "extension_mismatch = 1"
    if flag == "editing":
        software = "lower(json_extract(exif_json, '$.software'))"
        return "(" + " OR ".join(f"instr({software}, '{word}') > 0" for word in EDITOR_WORDS) + ")"
    if flag == "unlisted":
        return "(item IS NULL AND path >= 'evidence/' AND path < 'evidence0')"
    if flag == "deleted":
        return "deleted = 1"
    if flag == "anomaly":
        return "path IN (SELECT value FROM json_each(?))"
    raise ValueError(flag)


def anomalous_paths(bundle, store, exif_threshold_s: int = 86400) -> set[str]:
    """Paths with a timestamp anomaly a copy does not explain (created after modified is the copy's mark)."""
    from models.timeline.anomalies import iter_anomalies

    return {a.path for a in iter_anomalies(bundle, store, exif_threshold_s)
            if a.path and a.kind != "created_after_modified"}
