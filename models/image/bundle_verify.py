"""A `disk_image` content entry of a bundle verified (BUNDLE-FORMAT.md): its manifest digests against the
image file's bytes and against its media stream (an E01's through libewf, a split raw image's segments one
after another), a digest equal to either being a match whose source says which; the MD5/SHA-1 an E01 stores
and the digests of an FTK Imager .txt / Guymager .info log beside the image against the media stream, which
is what they record. The media stream is read once for all of these; the image file's own bytes are read
after it only for a manifest digest the media stream did not match (a single raw file is its own media
stream: read once in all)."""

import os
import stat
from pathlib import Path, PurePosixPath

from models.bundle.bundle_error import ImageError
from models.bundle.names import from_os, to_os
from models.bundle.safe_read import LOG_CAP, MetadataReadError, read_metadata
from models.bundle.safepath import resolve_inside
from models.common.os_errors import os_reason
from models.image.bundle_images import open_spec
from models.image.verify import SOURCE as EWF_SOURCE
from models.image.verify import damaged_text
from models.integrity.digests import digest_file, error_text, normalise
from models.integrity.recorded import hex_problem, parse_acquisition_log
from models.integrity.verify_result import VerifyResult

MEDIA_SOURCE = "manifest_media"  # labels.json source: a manifest digest that is the media stream's
# as models.integrity.verify has them (not imported: it imports this module; a test keeps them equal)
IMAGE_LOG_SUFFIXES = (".txt", ".info", ".log")
RECORD_DEFECT = "记录有误 / record defect"


def acquisition_logs(root: Path, item_id, image_rel: str) -> tuple[list[tuple[str, dict]], list[VerifyResult]]:
    """([(source, {algorithm: hex})], findings) of the FTK Imager / Guymager logs beside an image: those named
    after the image (usb.E01.txt, usb.info) when there are any, else every log-like file of its folder."""
    image = PurePosixPath(image_rel)
    try:
        names = sorted(from_os(n) for n in os.listdir(root / to_os(str(image.parent)))
                       if from_os(n).lower().endswith(IMAGE_LOG_SUFFIXES))
    except OSError:
        return [], []
    stem = image.name.split(".", 1)[0] + "."
    own = [n for n in names if n.startswith(stem)]
    logs, findings = [], []
    for name in own or names:
        rel = name if str(image.parent) == "." else f"{image.parent}/{name}"
        try:  # a guess by suffix: a FIFO, a device or a large .txt there is no acquisition log
            data = read_metadata(root / to_os(rel), LOG_CAP)
        except MetadataReadError:
            continue
        except OSError as exc:
            findings.append(VerifyResult(None, rel, None, None, f"log:{rel}", None, "unreadable",
                                         os_reason(exc)))
            continue
        parsed = parse_acquisition_log(data)
        if parsed is None or not parsed.digests:
            continue
        values: dict = {}
        for recorded in parsed.digests:  # one value per algorithm: the acquisition hash, else a verified one
            values.setdefault(recorded.algorithm, recorded.value)
        logs.append((f"{'guymager' if parsed.format == 'guymager' else 'ftk_log'}:{rel}", values))
    return logs, findings


def _manifest_digests(item_id, rel: str, digests) -> tuple[dict, list[VerifyResult]]:
    """The manifest's valid digests {algorithm: hex} and a record-defect finding for each invalid one."""
    valid, findings = {}, []
    for algorithm, value in (digests or {}).items():
        algorithm, value = str(algorithm).lower(), str(value).lower()
        problem = hex_problem(algorithm, value)
        if problem:
            findings.append(VerifyResult(item_id, rel, algorithm, value, "manifest", None, "unreadable",
                                         f"{RECORD_DEFECT}: 记录的校验值无效 / invalid recorded digest: {problem}"))
        else:
            valid[algorithm] = value
    return valid, findings


class _Media:
    """The media stream's digests (or why it could not be read) and the digests it stores itself (E01)."""

    def __init__(self):
        self.digests: dict = {}
        self.stored: dict = {}
        self.error: str | None = None
        self.format: str | None = None
        self.damaged: str | None = None  # chunks libewf found failing their checksum (read as zeros)


def _read_media(spec, algorithms: set, progress, cancel) -> _Media:
    """One read of the media stream for every algorithm wanted, plus those the E01 stores."""
    from models.image.disk.media_child import read_media

    out = _Media()
    out.format = spec.format
    try:  # libewf's reading in a forked child (a thread per digest there: both cores)
        read = read_media(spec, lambda stored: normalise(algorithms | set(stored)), progress, cancel)
    except ImageError as exc:
        out.error = str(exc)
        return out
    except OSError as exc:
        out.error = f"介质数据流无法读取 / the media stream cannot be read: {error_text(exc)}"
        return out
    out.stored, out.digests, done, size = read["stored"], read["digests"], read["done"], read["size"]
    if spec.format == "E01":
        out.damaged = damaged_text(read["damaged"])
    if done != size:
        out.error = f"介质数据流读取不完整 / the media stream was cut short: {done} of {size} bytes"
        out.digests = {}
    return out


def _file_digests(path: Path, algorithms: set, progress, cancel) -> tuple[dict, str | None]:
    try:
        return digest_file(path, algorithms, progress, cancel), None
    except OSError as exc:
        return {}, error_text(exc)


def _against_media(item_id, rel: str, source: str, recorded: dict, media: _Media) -> list[VerifyResult]:
    """Recorded digests of the media stream (E01 header, acquisition log) compared with it."""
    out = []
    for algorithm, value in recorded.items():
        if media.error:
            out.append(VerifyResult(item_id, rel, algorithm, value, source, None, "unreadable", media.error))
            continue
        computed = media.digests.get(algorithm)
        out.append(VerifyResult(item_id, rel, algorithm, value, source, computed,
                                "match" if computed == value else "mismatch", media.damaged))
    return out


def _manifest_rows(item_id, rel: str, manifest: dict, files: dict, file_error, media: _Media,
                   one_stream: bool) -> list[VerifyResult]:
    """Each manifest digest: a match when it equals the file's bytes' ('manifest') or the media stream's
    (MEDIA_SOURCE); a mismatch names both computed values; unreadable when neither could be read whole."""
    out = []
    for algorithm, value in manifest.items():
        of_file, of_media = files.get(algorithm), media.digests.get(algorithm)
        if of_file == value:
            out.append(VerifyResult(item_id, rel, algorithm, value, "manifest", value, "match"))
        elif of_media == value:
            out.append(VerifyResult(item_id, rel, algorithm, value, MEDIA_SOURCE, value, "match"))
        elif of_file is None or (of_media is None and not one_stream):
            reason = file_error if of_file is None else media.error
            out.append(VerifyResult(item_id, rel, algorithm, value, "manifest", of_file, "unreadable", reason))
        elif one_stream:
            out.append(VerifyResult(item_id, rel, algorithm, value, "manifest", of_file, "mismatch"))
        else:
            error = (f"与镜像文件（{of_file}）和介质数据流（{of_media}）均不一致 / matches neither the image file "
                     f"({of_file}) nor its media stream ({of_media})")
            out.append(VerifyResult(item_id, rel, algorithm, value, "manifest", of_media, "mismatch", error))
    return out


def _check_file(root: Path, rel: str) -> tuple[str | None, str | None]:
    """(status, error) of the image file: status None when it is a regular file inside the bundle reached
    through no link leading out (the wording of models.integrity.verify's check of a listed file)."""
    from models.bundle.safepath import SafePathError

    try:
        mode = os.lstat(resolve_inside(root, rel)).st_mode
    except FileNotFoundError:
        return "missing", "文件不存在 / file not found"
    except (OSError, SafePathError) as exc:
        return "unreadable", os_reason(exc)
    if stat.S_ISDIR(mode):
        return "unreadable", "清单列为文件，实为文件夹 / listed as a file, found a folder"
    if not stat.S_ISREG(mode):
        return "unreadable", "不是普通文件（链接或设备）/ not a regular file (link or device)"
    return None, None


def verify_entry(bundle, item_id, rel: str, digests: dict, progress=None, cancel=None) -> list[VerifyResult]:
    """The results of one disk_image entry: manifest, E01 header and acquisition-log digests, and a row naming
    the reason when the media stream cannot be read (a missing or damaged segment)."""
    root = Path(bundle.root)
    manifest, results = _manifest_digests(item_id, rel, digests)
    logs, findings = acquisition_logs(root, item_id, rel)
    results += [f._replace(item=item_id) for f in findings]
    status, error = _check_file(root, rel)
    if status:  # absent, a folder, a link out: as for any listed file
        for source, values in [("manifest", manifest)] + logs:
            results += [VerifyResult(item_id, rel, a, v, source, None, status, error) for a, v in values.items()]
        return results or [VerifyResult(item_id, rel, None, None, "manifest", None, status, error)]
    media = _Media()
    try:
        spec = open_spec(bundle, rel)
    except ImageError as exc:
        spec, media.error = None, str(exc)
    one_stream = spec is not None and spec.format == "raw"  # the file's bytes are the media stream
    wanted = set(manifest) | {a for _source, values in logs for a in values}
    if spec is not None:
        media = _read_media(spec, wanted, progress, cancel)
    files, file_error = {}, None
    if one_stream:
        files, file_error = (media.digests, media.error)
    else:  # an E01's container or a split image's first segment, as a file: read only for a digest the
        unmatched = {a for a, v in manifest.items() if media.digests.get(a) != v}  # media stream does not match
        if unmatched:
            files, file_error = _file_digests(root / to_os(rel), unmatched, progress, cancel)
    results += _manifest_rows(item_id, rel, manifest, files, file_error, media, one_stream)
    results += _against_media(item_id, rel, EWF_SOURCE, media.stored, media)
    for source, values in logs:
        results += _against_media(item_id, rel, source, values, media)
    if media.error and not one_stream:  # the image's own reason, once, whatever the records say
        results.append(VerifyResult(item_id, rel, None, None, None, None, "unreadable", media.error))
    return results


def verify_images(bundle, items: list[dict], progress=None, cancel=None) -> list[VerifyResult]:
    """The results of every disk_image entry of the chosen items, in manifest order."""
    results = []
    for item in items:
        for entry in item.get("content") or []:
            if entry.get("type") == "disk_image" and isinstance(entry.get("path"), str):
                results += verify_entry(bundle, item.get("id"), entry["path"], entry.get("digests"), progress, cancel)
    return results
