"""The details of a disk image itself, for its node in the item tree, the item holding it, or a file inside it:
the E01 case header fields with Chinese labels (ui.detail.image_section), the header's code page, and where
the header differs from the item's record (checks.image_compare, as clauses 35.1 and 35.2 weigh it).

An image opened on its own: the description its scan saved. A disk_image entry of a bundle: read from the
image (read-only, through safepath), once per case and path."""

from PySide6.QtCore import QCoreApplication

CONTEXT = "ImageDetails"


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def image_name(bundle, path: str) -> str | None:
    """The image a path names: the image itself ('evidence/E2/usb.E01', 'usb.E01') or a file inside one."""
    from models.image.files import image_name as inside

    if bundle is None or not path:
        return None
    if ":/" in path:
        return inside(bundle, path)
    image = getattr(bundle, "image", None)
    if image is not None:
        return path if path == image.path.name else None
    images = {e.get("path") for i in bundle.items for e in i.get("content") or [] if e.get("type") == "disk_image"}
    return path if path in images else None


def _entry_info(bundle, rel: str, codepage: str | None = None) -> dict:
    """ImageSource.info() of a bundle's disk_image entry, its narrow header read in the case's code page (None:
    libewf's default, then windows-936); {"error": ...} where it cannot be opened."""
    from pathlib import Path

    from models.bundle.bundle_error import ImageError
    from models.bundle.safepath import SafePathError, resolve_inside
    from models.image.disk.container import inspect
    from models.image.source import ImageSource

    try:
        source = ImageSource(inspect(resolve_inside(Path(bundle.root), rel), codepage), bundle.timezone, rel)
    except (ImageError, SafePathError, OSError, ValueError) as exc:
        return {"error": str(exc).splitlines()[0] if str(exc) else type(exc).__name__}
    try:
        return source.info()
    except (OSError, ValueError) as exc:
        return {"error": str(exc).splitlines()[0]}
    finally:
        source.close()


def _headers_in(image, codepage: str) -> dict:
    """The header fields of an image opened on its own, read again in the case's code page ({} if it fails:
    the scan's reading stays)."""
    from dataclasses import replace

    from checks.image_records import read_headers
    from models.bundle.bundle_error import ImageError

    try:
        return read_headers(replace(image, codepage=codepage))
    except (ImageError, OSError, ValueError):
        return {}


def image_info(bundle, store, name: str, cache: dict) -> dict:
    """The image's description (format, segments, header fields, partitions), its header in the code page the
    case chose (models.image.disk.codepages, as the checks read it)."""
    from models.image.disk.codepages import normalized, stored

    codepage = stored(store)
    image = getattr(bundle, "image", None)
    if image is not None:
        from models.image.scan import image_info as saved

        info = dict(saved(store) or {})
        if codepage and info.get("format") == "E01" and normalized(info.get("header_codepage")) != codepage:
            if ("headers", codepage) not in cache:
                cache[("headers", codepage)] = _headers_in(image, codepage)
            info.update(cache[("headers", codepage)])
        return info
    key = (str(bundle.root), name, codepage)
    if key not in cache:
        cache[key] = _entry_info(bundle, name, codepage)
    return cache[key]


def _item_of(bundle, name: str) -> dict | None:
    for item in bundle.items:
        if any(e.get("path") == name for e in item.get("content") or []):
            return item
    return None


def record_rows(bundle, name: str, info: dict) -> list:
    """Where the header agrees with the item's record and where not (clauses 35.1, 35.2), in the reader's words."""
    from checks.image_compare import label_differences, process_differences
    from checks.wording import difference_text
    from models.common.i18n import language

    item = _item_of(bundle, name) if getattr(bundle, "image", None) is None else None
    if item is None or info.get("format") != "E01":
        return []
    record = {"path": name, "format": "E01", "headers": info, "logs": []}
    rows = process_differences(item, [record], bundle.timezone) + label_differences(item, [record])
    lang = "en" if language() == "en" else "zh"
    if not rows:
        return [(_t("比对结果"), _t("文件头与取证记录一致（第三十五条第一、二项）"))]
    return [(_t("不一致"), difference_text(row, lang)) for row in rows]


def image_sections(bundle, store, name: str, cache: dict) -> list[tuple[str, list]]:
    """(title, rows) of the image's sections: its header, then its comparison with the record."""
    from ui.detail.image_section import header_rows, image_title

    info = image_info(bundle, store, name, cache)
    shown = name.rsplit("/", 1)[-1]
    if info.get("error"):
        return [(_t("磁盘镜像 %1").replace("%1", shown), [(_t("无法读取"), info["error"])])]
    rows = header_rows(info, bundle.timezone)
    if info.get("format") == "E01" and not info.get("software"):
        rows.append((_t("获取软件"), _t("文件头未记录（以取证记录为准）")))
    sections = [(_t("磁盘镜像 %1").replace("%1", image_title(info, shown)), rows)]
    compared = record_rows(bundle, name, info)
    if compared:
        sections.append((_t("与取证记录比对"), compared))
    return sections
