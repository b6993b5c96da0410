"""The detail pane's EXIF section: the camera's own record from files.exif_json, times read with their zone."""

import json

from PySide6.QtCore import QCoreApplication

from models.common.timeutil import format_local, format_utc

CONTEXT = "ExifSection"


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def section_title() -> str:
    return "EXIF"


def exif_data(store, path: str) -> dict | None:
    if store is None:
        return None
    row = store.db.execute("SELECT exif_json FROM files WHERE path = ?", [path]).fetchone()
    if not row or not row[0]:
        return None
    try:
        return json.loads(row[0])
    except ValueError:
        return {"error": _t("EXIF 记录损坏")}


def time_text(local_iso: str | None, offset: str | None, utc_ns, tz_name: str | None) -> str | None:
    """'2026-10-01 20:15:03 +08:00（相机记录的时区）' or the case-zone reading marked as such."""
    if not local_iso:
        return None
    shown = local_iso.replace("T", " ")
    if offset:
        text = f"{shown} {offset}" + _t("（相机记录的时区）")
    else:
        text = f"{shown} " + _t("时区未知（按案件时区解读）")
        if utc_ns is not None:
            text += "\n" + _t("按 %1 解读：%2").replace("%1", tz_name or "Asia/Shanghai").replace(
                "%2", format_local(utc_ns, tz_name))
    if utc_ns is not None:
        text += f"\nUTC {format_utc(utc_ns)}"
    return text


def gps_text(gps, altitude) -> str | None:
    if not gps:
        return None
    lat, lon = gps
    text = f"{lat:.6f}, {lon:.6f}\n"
    text += (_t("北纬") if lat >= 0 else _t("南纬")) + f" {abs(lat):.6f}°，"
    text += (_t("东经") if lon >= 0 else _t("西经")) + f" {abs(lon):.6f}°"
    if altitude is not None:
        text += "\n" + _t("海拔 %1 米").replace("%1", f"{altitude:.1f}")
    return text


def exif_rows(store, path: str, tz_name: str | None) -> list[tuple[str, str]]:
    """(label, value) rows for DetailPane.add_section; empty when the file has no EXIF."""
    data = exif_data(store, path)
    if data is None:
        return []
    rows = [(_t("厂商"), data.get("make")), (_t("型号"), data.get("model")),
            (_t("机身序列号"), data.get("body_serial")), (_t("软件"), data.get("software")),
            (_t("拍摄时间"), time_text(data.get("datetime_original"), data.get("offset"),
                                     data.get("original_utc_ns"), tz_name)),
            (_t("数字化时间"), time_text(data.get("datetime_digitized"),
                                      data.get("offset_digitized") or data.get("offset"),
                                      data.get("digitized_utc_ns"), tz_name)),
            (_t("GPS"), gps_text(data.get("gps"), data.get("altitude"))),
            (_t("读取问题"), data.get("error"))]
    return [(label, value) for label, value in rows if value]


def add_exif_section(pane, store, path: str, tz_name: str | None):
    """Add the section to a DetailPane when the file has EXIF; returns the group box or None."""
    rows = exif_rows(store, path, tz_name)
    return pane.add_section(section_title(), rows) if rows else None
