"""Chinese paperwork PDFs for the sample cases (扣押决定书, 清单, 笔录, 通知书, 鉴定意见书), drawn with QtGui."""

from __future__ import annotations

import html
import os
import re

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QUuid
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

FONT_FAMILIES = ["WenQuanYi Micro Hei", "Microsoft YaHei", "SimSun", "PingFang SC", "Noto Sans CJK SC"]
FIXED_STAMP = b"20261120020000"  # 2026-11-20 10:00 +08:00, in UTC
FIXED_XMP = b"2026-11-20T02:00:00"
_APP = None


def ensure_gui() -> None:
    """QtGui text layout needs a QGuiApplication: make an offscreen one when the process has none."""
    global _APP
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _APP = QGuiApplication([])


def _html(title: str, number: str, paragraphs: list[str], table: list[list[str]] | None,
          signatures: list[str], dated: str) -> str:
    esc = html.escape
    parts = [f"<h2 align='center'>{esc(title)}</h2>", f"<p align='right'>{esc(number)}</p>"]
    parts += [f"<p>{esc(p)}</p>" for p in paragraphs]
    if table:
        rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in table)
        parts.append(f"<table border='1' cellspacing='0' cellpadding='3' width='100%'>{rows}</table>")
    if signatures:
        parts.append("<p>" + "&nbsp;&nbsp;&nbsp;&nbsp;".join(esc(s) for s in signatures) + "</p>")
    if dated:
        parts.append(f"<p align='right'>{esc(dated)}</p>")
    return "<html><body>" + "".join(parts) + "</body></html>"


def _stable(pdf: bytes) -> bytes:
    """Replace the times Qt stamps into Info and XMP with fixed ones of equal length (offsets stay valid)."""
    pdf = re.sub(rb"\((D:)\d{14}", rb"(\g<1>" + FIXED_STAMP, pdf)
    return re.sub(rb"(Date=\")\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", rb"\g<1>" + FIXED_XMP, pdf)


def render_pdf(title: str, number: str, paragraphs: list[str], table: list[list[str]] | None = None,
               signatures: list[str] | None = None, dated: str = "") -> bytes:
    """One A4 page of Chinese paperwork as PDF bytes with embedded subset fonts (pdftotext reads it)."""
    ensure_gui()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter)
    writer.setResolution(150)
    writer.setTitle(title)
    writer.setCreator("EvidenceDesk demo")
    writer.setDocumentId(QUuid.createUuidV5(QUuid(), (title + number).encode("utf-8")))
    doc = QTextDocument()
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSize(11)
    doc.setDefaultFont(font)
    doc.setHtml(_html(title, number, paragraphs, table, signatures or [], dated))
    doc.print_(writer)
    del writer
    buf.close()
    return _stable(bytes(data.data()))
