"""What a disk image records of its own acquisition: the E01 case headers and the logs (FTK Imager .txt,
Guymager .info) lying beside it, read once per run of the checks (Art. 35: ARTICLES.md A35.1, A35.2)."""

import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path, PurePosixPath

from models.bundle.bundle_error import ImageError

LOG_CAP = 1 << 20  # an acquisition log is a page of text; anything larger is no log
# one name for a value, whether FTK Imager (its own labels) or Guymager (parsed keys) wrote it
LOG_KEYS = {"Case Number": "case_number", "case_number": "case_number", "Evidence Number": "evidence_number",
            "evidence_number": "evidence_number", "Examiner": "examiner", "examiner": "examiner",
            "Acquisition started": "acquisition_started", "acquisition_started": "acquisition_started",
            "Acquisition finished": "acquisition_finished", "ended": "acquisition_finished", "tool": "tool",
            "Drive Serial Number": "serial_number", "Drive Model": "model"}
_ISO_LOCAL = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
LOG_SUFFIXES = (".txt", ".info", ".log")


def acquisition_logs(item: dict, context) -> list[str]:
    """Acquisition logs (FTK Imager .txt, Guymager .info) lying beside a disk image of the item."""
    images = [PurePosixPath(e["path"]) for e in item.get("content") or [] if e.get("type") == "disk_image"]
    logs = []
    for record in context.file_records(item.get("id")):
        path = PurePosixPath(record.get("path", ""))
        if path.suffix.lower() in LOG_SUFFIXES and any(path.parent == i.parent for i in images):
            logs.append(str(path))
    return logs


def image_paths(item: dict) -> list[str]:
    return [str(e.get("path")) for e in (item or {}).get("content") or [] if e.get("type") == "disk_image"
            and e.get("path")]


def local_time(text: str | None, tz: str | None = None) -> datetime | None:
    """A naive local time from a header or log ('2026-11-18T14:02:00', 'Wed Nov 18 14:02:00 2026',
    '2026-11-18 14:02:00 (...)'); None when there is none or it cannot be read. An instant (an EnCase 4+
    header: models.image.disk.headers.as_instant) comes back as the wall clock of the case zone tz."""
    from models.common.timeutil import zone
    from models.image.disk.headers import header_date

    if not text:
        return None
    value = header_date(str(text))
    try:
        found = datetime.fromisoformat(value) if value else None
        if found is not None and found.tzinfo is not None:
            return found.astimezone(zone(tz)).replace(tzinfo=None)
        return found
    except OverflowError:  # an instant of year 1 or 9999 that the case zone moves out of the calendar
        return None
    except ValueError:
        match = _ISO_LOCAL.search(str(text))
        return datetime(*map(int, match.groups())) if match else None


def read_headers(spec) -> dict:
    """The E01 header fields of an inspected image ({} for a raw image, which carries none)."""
    if spec.format != "E01":
        return {}
    from models.image.disk.first_open import try_open
    from models.image.disk.headers import ewf_headers
    from models.image.disk.media import EwfMedia

    try_open(spec, spec.path.name)  # libewf parses the header on open: first in a forked child (ImageError)
    media = EwfMedia(spec)
    try:
        fields = ewf_headers(media.handle)
        fields["header_codepage"] = media.codepage or fields.get("header_codepage")
        return fields
    finally:
        media.close()


def entry_image(root, rel: str, codepage: str | None = None) -> dict:
    """{"path", "format", "segments", "headers", "error"} of a disk_image entry found through safepath."""
    from models.bundle.safepath import SafePathError, resolve_inside
    from models.image.disk.container import inspect

    out = {"path": rel, "format": None, "segments": [], "headers": {}, "error": None}
    try:
        spec = inspect(resolve_inside(Path(root), rel), codepage)
        out["format"], out["segments"] = spec.format, [PurePosixPath(s).name for s in spec.segments]
        out["headers"] = read_headers(spec)
    except (ImageError, SafePathError, OSError) as exc:
        out["error"] = str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
    return out


def _log(root, rel: str) -> dict | None:
    from models.bundle.safe_read import read_metadata
    from models.bundle.safepath import SafePathError, resolve_inside
    from models.integrity.recorded import parse_acquisition_log

    try:
        parsed = parse_acquisition_log(read_metadata(resolve_inside(Path(root), rel), LOG_CAP))
    except (OSError, SafePathError):
        return None
    if parsed is None:
        return None
    meta = {LOG_KEYS[k]: v for k, v in parsed.meta.items() if k in LOG_KEYS and v}
    digests = {}
    for recorded in parsed.digests:
        if recorded.role == "acquisition":
            digests.setdefault(recorded.algorithm, str(recorded.value).lower())
    return {"path": rel, "format": parsed.format, "meta": meta, "digests": digests}


def image_records(item: dict, context) -> list[dict]:
    """Per disk image of the item (or the image opened on its own): its header fields and the logs beside
    it, each image read once per context."""
    cache = context.cache.setdefault("image_records", {})
    codepage = context.setting("image_header_codepage")
    image = getattr(context.bundle, "image", None)
    if image is not None:
        if "." not in cache:
            out = {"path": image.path.name, "format": image.format, "segments": [PurePosixPath(s).name for s in
                                                                                 image.segments],
                   "headers": {}, "error": None, "logs": []}
            if codepage and not image.codepage:  # the case's choice, unless the command line gave one
                image = replace(image, codepage=codepage)
            try:
                out["headers"] = read_headers(image)
            except (ImageError, OSError, ValueError) as exc:
                out["error"] = str(exc).splitlines()[0][:300]
            cache["."] = out
        return [cache["."]]
    logs = acquisition_logs(item, context)
    found = []
    for rel in image_paths(item):
        if rel not in cache:
            record = entry_image(context.bundle.root, rel, codepage)
            folder = PurePosixPath(rel).parent
            beside = [p for p in logs if PurePosixPath(p).parent == folder]
            record["logs"] = [parsed for p in beside if (parsed := _log(context.bundle.root, p))]
            cache[rel] = record
        found.append(cache[rel])
    return found
