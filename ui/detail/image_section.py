"""What the window shows of a disk image: the header fields and partitions the scan saved (models.image.scan),
as rows for the detail pane and labels for the item tree's partition nodes."""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "ImageSection"
HEADER_ROWS = (("format", QT_TRANSLATE_NOOP("ImageSection", "镜像格式")),
               ("segments", QT_TRANSLATE_NOOP("ImageSection", "分段文件")),
               ("case_number", QT_TRANSLATE_NOOP("ImageSection", "案件编号")),
               ("evidence_number", QT_TRANSLATE_NOOP("ImageSection", "证据编号")),
               ("examiner", QT_TRANSLATE_NOOP("ImageSection", "检验人")),
               ("description", QT_TRANSLATE_NOOP("ImageSection", "描述")),
               ("notes", QT_TRANSLATE_NOOP("ImageSection", "备注")),
               ("acquired_at", QT_TRANSLATE_NOOP("ImageSection", "获取时间")),
               ("system_date", QT_TRANSLATE_NOOP("ImageSection", "系统时间")),
               ("software", QT_TRANSLATE_NOOP("ImageSection", "获取软件")),
               ("software_version", QT_TRANSLATE_NOOP("ImageSection", "软件版本")),
               ("os", QT_TRANSLATE_NOOP("ImageSection", "操作系统")),
               ("model", QT_TRANSLATE_NOOP("ImageSection", "介质型号")),
               ("serial_number", QT_TRANSLATE_NOOP("ImageSection", "介质序列号")),
               ("device_label", QT_TRANSLATE_NOOP("ImageSection", "设备标签")),
               ("md5", QT_TRANSLATE_NOOP("ImageSection", "镜像内存储的 MD5")),
               ("sha1", QT_TRANSLATE_NOOP("ImageSection", "镜像内存储的 SHA-1")),
               ("header_codepage", QT_TRANSLATE_NOOP("ImageSection", "文件头代码页")))
ROLES = {"virtual": QT_TRANSLATE_NOOP("ImageSection", "TSK 虚拟条目（非用户文件）"),
         "metadata": QT_TRANSLATE_NOOP("ImageSection", "NTFS 元数据文件"),
         "volume_label": QT_TRANSLATE_NOOP("ImageSection", "FAT 卷标条目")}
OTHER_ROLE = QT_TRANSLATE_NOOP("ImageSection", "文件系统条目（非用户文件）")
FORMATS = {"raw": QT_TRANSLATE_NOOP("ImageSection", "原始镜像"),
           "split_raw": QT_TRANSLATE_NOOP("ImageSection", "分段原始镜像"),
           "E01": "E01"}


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def role_text(role: str) -> str:
    """What a file-system entry that is no user's file is (a TSK virtual entry, NTFS metadata, a FAT label)."""
    return _t(ROLES[role]) if role in ROLES else _t(OTHER_ROLE)


def _size(length: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if length >= scale:
            return f"{length / scale:,.1f} {unit}"
    return f"{length:,} B"


def partition_text(part: dict) -> str:
    """'p1 · FAT32 · 40.0 MiB'; a partition with no file system TSK reads says so."""
    system = part.get("file_system") or _t("无可读文件系统")
    return f"{part['name']} · {system} · {_size(part.get('length') or 0)}"


def partition_tip(part: dict) -> str:
    lines = [f"{part.get('table') or _t('无分区表')} {part.get('description') or ''}".strip(),
             _t("起始偏移 %1 字节").replace("%1", f"{part.get('start', 0):,}")]
    for key in ("note", "error"):  # said by models.image.disk.volumes in both languages
        if part.get(key):
            lines.append(part[key])
    return "\n".join(lines)


def image_title(info: dict | None, name: str) -> str:
    fmt = (info or {}).get("format")
    return f"{name}（{_t(FORMATS.get(fmt, fmt))}）" if fmt else name


CODEPAGE_NAMES = {"windows-874": QT_TRANSLATE_NOOP("ImageSection", "泰文"),
                  "windows-932": QT_TRANSLATE_NOOP("ImageSection", "日文 Shift-JIS"),
                  "windows-936": QT_TRANSLATE_NOOP("ImageSection", "简体中文 GBK"),
                  "windows-949": QT_TRANSLATE_NOOP("ImageSection", "韩文"),
                  "windows-950": QT_TRANSLATE_NOOP("ImageSection", "繁体中文 Big5"),
                  "windows-1250": QT_TRANSLATE_NOOP("ImageSection", "中欧语言"),
                  "windows-1251": QT_TRANSLATE_NOOP("ImageSection", "西里尔文"),
                  "windows-1252": QT_TRANSLATE_NOOP("ImageSection", "西欧语言"),
                  "windows-1253": QT_TRANSLATE_NOOP("ImageSection", "希腊文"),
                  "windows-1254": QT_TRANSLATE_NOOP("ImageSection", "土耳其文"),
                  "windows-1255": QT_TRANSLATE_NOOP("ImageSection", "希伯来文"),
                  "windows-1256": QT_TRANSLATE_NOOP("ImageSection", "阿拉伯文"),
                  "windows-1257": QT_TRANSLATE_NOOP("ImageSection", "波罗的海语言"),
                  "windows-1258": QT_TRANSLATE_NOOP("ImageSection", "越南文")}


def codepage_text(codepage: str) -> str:
    """'windows-936（简体中文 GBK）' (libewf says cp936). The code page is the narrow header's; the UTF-16 header
    EnCase 4 and later write beside it is read without one, which the ASCII row says."""
    from models.image.disk.codepages import normalized

    name = normalized(codepage) or ""
    if name == "ascii":
        return _t("ASCII（窄文件头；UTF-16 文件头不受代码页影响）")
    if name in CODEPAGE_NAMES:
        return _t("%1（%2）").replace("%1", name).replace("%2", _t(CODEPAGE_NAMES[name]))
    return str(codepage)


def _header_time(value: str, tz: str | None) -> str:
    """An EnCase 4+ header's instant in the case zone with its offset; an older header's wall clock as written
    (no 'T', no offset invented: the image does not say its zone)."""
    from datetime import datetime

    from models.common.timeutil import format_local

    try:
        aware = datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return value
    if aware:
        return format_local(value, tz) or value
    return value.replace("T", " ", 1) + _t("（镜像未记录时区）")


def header_rows(info: dict, tz: str | None = None) -> list:
    """(label, value) of the fields the image holds; absent ones left out."""
    rows = []
    for key, label in HEADER_ROWS:
        value = info.get(key)
        if key == "format" and value:
            value = _t(FORMATS.get(value, value))
        if isinstance(value, list):
            value = "、".join(value)
        if key in ("acquired_at", "system_date") and isinstance(value, str):
            value = _header_time(value, tz)
        if key == "header_codepage" and value:
            value = codepage_text(value)
        if value:
            rows.append((_t(label), value))
    return rows


def file_rows(info: dict, record: dict, name: str) -> list:
    """Where a file of the image sits: its partition and file system, TSK address, role, the file of a stream."""
    rows = []
    inner = record["path"][len(name) + 2:]
    part_name = inner.split("/", 1)[0]
    part = next((p for p in info.get("partitions", []) if p.get("name") == part_name), None)
    if part is not None:
        rows.append((_t("分区"), partition_text(part)))
    if record.get("address"):
        rows.append((_t("TSK 地址（inode / MFT 记录号）"), record["address"]))
    if record.get("role"):
        rows.append((_t("条目类别"), _t(ROLES.get(record["role"], record["role"]))))
    if record.get("stream_of"):
        rows.append((_t("所属文件（NTFS 备用数据流）"), record["stream_of"]))
    return rows
