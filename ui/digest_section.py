"""The detail pane's digest section: recorded and computed values side by side per algorithm, with the status."""

from PySide6.QtCore import QCoreApplication

from models.common.labels import source_label
from models.common.timeutil import format_local
from ui.verify_table_model import ALGORITHM_NAMES, STATUS_MARK, status_text

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


def attach_to_detail_pane(pane) -> None:
    """After DetailPane.show_file: the EXIF section (when the file has EXIF), then the digest section."""
    from ui.exif_section import add_exif_section

    def add(path: str) -> None:
        if pane.store is None:
            return
        tz_name = pane.bundle.timezone if pane.bundle is not None else None
        add_exif_section(pane, pane.store, path, tz_name)
        add_digest_section(pane, pane.store, path, tz_name)
    pane.file_shown.connect(add)
