"""The typing pass for files inside a disk image: content read through TSK (deleted files too, where TSK
still finds their data), the same detection and EXIF as for a folder's files."""

from models.exif import ExifSummary, exif_to_json_text, may_have_exif, read_exif
from models.filetype import HEAD_BYTES, detect_mime
from models.jobs import check_cancel

_UNTYPED = "FROM files WHERE kind = 'file' AND mime IS NULL AND role IS NULL"


def untyped_image_records(store) -> list[tuple]:
    """(id, path, size, address) of the image's user files not typed yet (TSK's virtual and NTFS's own not)."""
    return store.db.execute(f"SELECT id, path, size, address {_UNTYPED} ORDER BY id").fetchall()


def type_image_file(source, path: str, address: str | None, tz_name: str, exif: bool = True) -> tuple:
    """(mime, category, mismatch, exif_json, type_error), as models.typing_pass.type_one for a folder's file."""
    from models.typing_pass import _form, _mismatch

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
    return mime, _form(mime, name), _mismatch(name, mime), exif_json, None


def fill_image_types(bundle, store, progress=None, cancel=None, exif: bool = True) -> int:
    """Type every untyped user file of the image; what was typed before a cancel is stored."""
    from models.image.scan import open_source
    from models.typing_pass import _Writer

    records = untyped_image_records(store)
    write = _Writer(store, [r[:3] for r in records], progress)
    source = open_source(bundle)
    try:
        for rid, path, size, address in records:
            check_cancel(cancel)
            write([(*type_image_file(source, path, address, bundle.timezone, exif), rid, size)])
    finally:
        write.flush()
        source.close()
    return len(records)
