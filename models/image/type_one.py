"""One file inside a disk image typed: content read through TSK, the same detection and EXIF as for a folder's
file. Called where TSK may run: the typing pool's workers and the image reader's helper (models.image.typing,
models.image.file_child)."""

from models.inventory.exif import ExifSummary, exif_to_json_text, may_have_exif, read_exif
from models.inventory.filetype import HEAD_BYTES, detect_mime
from models.inventory.type_write import form, mismatch


def type_image_file(source, path: str, address: str | None, tz_name: str, exif: bool = True) -> tuple:
    """(mime, category, mismatch, exif_json, type_error), as models.inventory.typing_pass.type_one gives for a
    folder's file."""
    try:
        with source.open(path, address) as stream:
            head = stream.read(HEAD_BYTES)
            mime = detect_mime(head)
            exif_json = None
            if exif and may_have_exif(mime, head):
                stream.seek(0)
                try:
                    exif_json = exif_to_json_text(read_exif(stream), tz_name)
                except OSError as exc:
                    exif_json = exif_to_json_text(ExifSummary(error=f"无法读取：{exc}"), tz_name)
    except (OSError, ValueError) as exc:
        return None, None, None, None, f"无法读取：{type(exc).__name__}: {exc}"[:300]
    name = path.rsplit(":/", 1)[-1]
    return mime, form(mime, name), mismatch(name, mime), exif_json, None


def type_records(source, records: list[tuple], tz_name: str, exif: bool) -> list[tuple]:
    """[(id, path, size, address)] -> the rows models.inventory.type_write.Writer takes."""
    rows = []
    for rid, path, size, address in records:
        refused = source.claim_problem(path, size)
        typed = ((None, None, None, None, f"无法读取：{refused}") if refused
                 else type_image_file(source, path, address, tz_name, exif))
        rows.append((*typed, rid, size))
    return rows
