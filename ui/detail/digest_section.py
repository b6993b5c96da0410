"""The detail pane's digest section: recorded and computed values side by side per algorithm, with the status."""

from PySide6.QtCore import QCoreApplication

from models.common.labels import source_label
from models.common.timeutil import format_local
from ui.verify.verify_table_model import ALGORITHM_NAMES, STATUS_MARK, status_text

CONTEXT = "DigestSection"
FIELDS = ("algorithm", "recorded", "computed", "status", "recorded_source", "error", "explanation", "verified_at")


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def section_title() -> str:
    return _t("完整性校验值")


def digest_records(store, path: str) -> list[dict]:
    """The verification records of one bundle-relative path, by algorithm."""
    if store is None:
        return []
    rows = store.db.execute(f"SELECT {', '.join(FIELDS)} FROM verification WHERE path = ? ORDER BY algorithm, id",
                            [path]).fetchall()
    return [dict(zip(FIELDS, row)) for row in rows]


def _value_text(rec: dict) -> str:
    mark = STATUS_MARK.get(rec["status"], "!")
    lines = [f"{mark} {status_text(rec['status'])}",
             _t("记录：%1").replace("%1", rec["recorded"] or _t("（无）")),
             _t("计算：%1").replace("%1", rec["computed"] or _t("（未算出）"))]
    if rec["recorded_source"]:
        lines.append(_t("记录来源：%1").replace("%1", source_label(rec["recorded_source"])))
    for text in (rec["error"], rec["explanation"]):
        if text:
            lines.append(text)
    return "\n".join(lines)


def digest_rows(store, path: str, tz_name: str | None = None) -> list[tuple[str, str]]:
    """(label, value) rows for DetailPane.add_section: one per algorithm, selectable text to copy."""
    records = digest_records(store, path)
    if not records:
        return [(_t("状态"), _t("尚未校验（在“校验”页点击“校验”）"))]
    rows = []
    for rec in records:
        if rec["status"] == "unlisted" and not rec["algorithm"]:
            rows.append((_t("清单"), f"! {status_text('unlisted')}"))
            continue
        label = ALGORITHM_NAMES.get((rec["algorithm"] or "").lower(), (rec["algorithm"] or "").upper())
        rows.append((label, _value_text(rec)))
    times = sorted({r["verified_at"] for r in records if r["verified_at"]})
    if times:
        rows.append((_t("校验时间"), format_local(times[-1], tz_name) or times[-1]))
    return rows


def add_digest_section(pane, store, path: str, tz_name: str | None = None):
    """Add the section to a DetailPane (DetailPane.add_section(title, rows)); returns its group box."""
    return pane.add_section(section_title(), digest_rows(store, path, tz_name))


def image_digest_job(bundle, path: str, address: str | None, size: int | None = None):
    """fn(progress, cancel): the four digests of a file inside a disk image, read through models/image."""
    def job(progress, cancel):
        from models.image.files import open_image_file
        from models.integrity.digests import ALGORITHMS, hash_stream

        with open_image_file(bundle, path, address, size) as stream:
            return hash_stream(stream, ALGORITHMS, progress, cancel)
    return job


def add_image_digest_section(pane, path: str):
    """A file inside a disk image has no manifest digest: its four digests computed on demand (a button, the
    image read-only), shown in the section when done."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QPushButton

    box = pane.add_section(section_title(), [(_t("状态"), _t("镜像内的文件：校验值按需计算，镜像不会被改动"))])
    form = box.layout()
    button = QPushButton(_t("计算哈希值"))
    form.addRow(button)
    address, claimed = (pane.record or {}).get("address"), (pane.record or {}).get("size")

    def selectable(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def finished(result=None, exc=None) -> None:
        if box not in pane.sections or pane.path != path:  # another file shown meanwhile
            return
        button.hide()
        if exc is not None:
            from ui.common.errors import reason_text

            form.addRow(QLabel(_t("错误")), selectable(_t("无法计算：%1").replace("%1", reason_text(exc))))
            return
        digests, size = result
        for name, value in digests.items():
            form.addRow(QLabel(ALGORITHM_NAMES.get(name, name.upper())), selectable(value))
        form.addRow(QLabel(_t("读取字节数")), selectable(f"{size:,}"))

    def start() -> None:
        button.setEnabled(False)
        button.setText(_t("正在计算…"))
        pane.context.runner.run(image_digest_job(pane.bundle, path, address, claimed), label=_t("正在计算哈希值"),
                                on_done=lambda result: finished(result),
                                on_error=lambda exc: finished(exc=exc))
    button.clicked.connect(start)
    return box


def attach_to_detail_pane(pane) -> None:
    """After DetailPane.show_file: the EXIF section (when the file has EXIF), then the digest section."""
    from ui.detail.exif_section import add_exif_section

    def add(path: str) -> None:
        if pane.store is None:
            return
        tz_name = pane.bundle.timezone if pane.bundle is not None else None
        add_exif_section(pane, pane.store, path, tz_name)
        from models.image.files import is_image_path

        record = pane.record or {}
        if is_image_path(pane.bundle, path) and record.get("kind") == "file" and not digest_records(pane.store, path):
            add_image_digest_section(pane, path)
        else:
            add_digest_section(pane, pane.store, path, tz_name)
    pane.file_shown.connect(add)
