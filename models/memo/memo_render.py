"""The memo PDF: HTML laid out by QTextDocument, painted page by page on QPdfWriter with footers; JSON attached."""

from __future__ import annotations

import json
import os
import zlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from models.common.atomic import write_atomic
from models.common.os_errors import os_reason
from models.memo.memo_html import SIGN_LABEL, L, memo_html, use_english
from models.memo.memo_sections import sections
from models.memo.memo_sign import StampPlace, format_when, sign_pdf

FONT_FAMILY = "WenQuanYi Micro Hei"  # headings, footer, marks; and the body when no Song face qualifies
# Song/Ming faces for the body, tried in order; one is used only where installed (EVIDENCEDESK_MEMO_BODY_FONT
# names another or "none" for the fallback). Measured: see body_font_family.
SONG_FACES = ("Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN", "SimSun", "Songti SC")
DPI = 300
A4_MM = (210.0, 297.0)
MARGINS_MM = (25.0, 22.0, 20.0, 28.0)  # left, top, right, bottom (footer lives in the bottom margin)
STAMP_PT = (230, 62)
FINDINGS_NAME = "findings.json"


class MemoError(Exception):
    """The memo cannot be written; str() is a one-line Chinese message."""


@dataclass
class RenderedMemo:
    pdf: bytes
    pages: int
    stamp: StampPlace
    attached: bool = False  # the findings are already inside (never now: attached on the writer that signs)


def ensure_gui_app():
    """A QGuiApplication for fonts and painting; offscreen when there is no display."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["evidencedesk-memo"])
    return app


def _mm(mm: float) -> float:
    return mm / 25.4 * DPI


def _pt(px: float) -> int:
    return round(px * 72 / DPI)


def _writer(buffer):
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    writer.setCreator("证审台 EvidenceDesk")
    writer.setTitle(L("电子数据审查意见书"))
    return writer


def _document(html: str, writer, width: float, height: float):
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QFont, QTextDocument

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)  # lay out at the writer's resolution, not the screen's
    font = QFont(body_font_family(), 10)
    doc.setDefaultFont(font)
    doc.setHtml(html)
    doc.setPageSize(QSizeF(width, height))
    return doc


def body_font_family() -> str:
    """The first installed Song/Ming face of SONG_FACES, else FONT_FAMILY."""
    from PySide6.QtGui import QFontDatabase

    wanted = os.environ.get("EVIDENCEDESK_MEMO_BODY_FONT")
    if wanted:
        return FONT_FAMILY if wanted == "none" else wanted
    installed = set(QFontDatabase.families())
    return next((f for f in SONG_FACES if f in installed), FONT_FAMILY)


def _sign_block_y(doc) -> float:
    """Top of the paragraph that holds the signature mark, in document pixels."""
    block = doc.lastBlock()  # the mark sits before the annex: walk back from the end (find() is slow)
    while block.isValid():
        if block.text().startswith(L(SIGN_LABEL)):
            return doc.documentLayout().blockBoundingRect(block).top()
        block = block.previous()
    return doc.documentLayout().documentSize().height()


def _stamp_place(doc, body_h: float, page_w_px: float, page_h_px: float) -> StampPlace:
    y = _sign_block_y(doc)
    page, offset = divmod(y, body_h)
    stamp_h_px = STAMP_PT[1] * DPI / 72
    if offset + stamp_h_px > body_h:
        page, offset = page + 1, 0.0
    top_px = _mm(MARGINS_MM[1]) + offset
    x2 = page_w_px - _mm(MARGINS_MM[2])
    x1 = x2 - STAMP_PT[0] * DPI / 72
    y_top, y_bottom = _pt(page_h_px - top_px), _pt(page_h_px - top_px - stamp_h_px)
    return StampPlace(int(page), (_pt(x1), y_bottom, _pt(x2), y_top))


def _footer(painter, page: int, pages: int, digest: str, page_w: float, page_h: float) -> None:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFont

    left, right = _mm(MARGINS_MM[0]), page_w - _mm(MARGINS_MM[2])
    painter.setFont(QFont(FONT_FAMILY, 8))
    top = page_h - _mm(MARGINS_MM[3]) + _mm(6)
    line = _mm(4.5)
    pages_text = f"第 {page} 页 共 {pages} 页" if L.zh else f"Page {page} of {pages}"
    painter.drawLine(int(left), int(top - _mm(2)), int(right), int(top - _mm(2)))
    painter.drawText(QRectF(left, top, right - left, line), Qt.AlignmentFlag.AlignHCenter, pages_text)
    painter.setFont(QFont("DejaVu Sans Mono", 6))
    painter.drawText(QRectF(left, top + line, right - left, line), Qt.AlignmentFlag.AlignHCenter,
                     f"{L('审计日志链头摘要')}: {digest or '-'}")


def _training_mark(painter, page_w: float, page_h: float) -> None:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QPainterPath, QPen

    painter.save()
    painter.setPen(QPen(QColor(200, 0, 0), 6))
    painter.setFont(QFont(FONT_FAMILY, 14, QFont.Weight.Bold))
    box = QRectF(page_w - _mm(MARGINS_MM[2]) - _mm(38), _mm(6), _mm(38), _mm(11))
    painter.drawRect(box)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "培训 TRAINING")
    # the watermark is drawn as outlines so it does not mix into the text that pdftotext extracts
    path = QPainterPath()
    font = QFont(FONT_FAMILY)
    font.setPixelSize(int(_mm(30)))
    path.addText(0, 0, font, "培训")
    rect = path.boundingRect()
    painter.translate(page_w / 2, page_h / 2)
    painter.rotate(-35)
    painter.translate(-rect.center())
    painter.fillPath(path, QColor(220, 0, 0, 40))
    painter.restore()


def _findings_bytes(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def _findings_deflated(data: dict, chunk: int = 1 << 16) -> tuple[bytes, int]:
    """The findings JSON (the bytes of _findings_bytes) deflated as it is written, and its size: a proposal's list
    of a million files is never held as one text and its bytes besides."""
    packer, parts, pending, size, held = zlib.compressobj(6), [], [], 0, 0
    for piece in json.JSONEncoder(ensure_ascii=False, indent=1, sort_keys=True).iterencode(data):
        pending.append(piece)
        held += len(piece)
        if held >= chunk:
            block = "".join(pending).encode("utf-8")
            size, pending, held = size + len(block), [], 0
            parts.append(packer.compress(block))
    block = "".join(pending).encode("utf-8")
    parts += [packer.compress(block), packer.flush()]
    return b"".join(parts), size + len(block)


def _check(cancel) -> None:
    if cancel is not None and cancel.is_set():
        from models.runtime.jobs import Cancelled

        raise Cancelled()


def _lay_out(doc, report, cancel, steps: int = 40) -> None:
    """Lay the document out in steps (Qt lays out up to a position asked for), reporting and honouring cancel
    between them: a long annex takes minutes and would otherwise show no progress and ignore cancel."""
    layout, end = doc.documentLayout(), doc.characterCount()
    for step in range(1, steps + 1):
        _check(cancel)
        layout.blockBoundingRect(doc.findBlock(max(0, min(end - 1, end * step // steps))))
        report(step, steps)


def render_pdf(data: dict, english: bool = False, cancel=None, progress=None,
               attachment: str | None = None) -> RenderedMemo:
    """Lay out and paint the memo (findings attached when Qt can); returns PDF bytes, pages, stamp place.

    progress(part, 100): the layout the first half, painting the second; attachment: the digest table's file name,
    when the complete table goes with the memo (the annex says so)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QPainter

    ensure_gui_app()
    use_english(english, data["timezone"])
    data = dict(data, generated_at_local=format_when(_utc(data["generated_at"]), data["timezone"]),
                attachment=attachment)
    report = progress or (lambda *a: None)
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _writer(buffer)  # the findings are attached with the digest table, on the writer that signs
    page_w, page_h = _mm(A4_MM[0]), _mm(A4_MM[1])
    body_w = page_w - _mm(MARGINS_MM[0]) - _mm(MARGINS_MM[2])
    body_h = page_h - _mm(MARGINS_MM[1]) - _mm(MARGINS_MM[3])
    _check(cancel)  # the layout below is one call into Qt: a cancel (the window closing) is looked at around it
    doc = _document(memo_html(data, sections(data)), writer, body_w, body_h)
    _lay_out(doc, lambda step, steps: report(50 * step // steps, 100), cancel)
    stamp = _stamp_place(doc, body_h, page_w, page_h)
    _check(cancel)
    pages = max(doc.pageCount(), stamp.page + 1)
    painter = QPainter(writer)
    try:
        for index in range(pages):
            _check(cancel)
            report(50 + 50 * index // pages, 100)
            if index:
                writer.newPage()
            painter.save()
            painter.translate(_mm(MARGINS_MM[0]), _mm(MARGINS_MM[1]) - index * body_h)
            doc.drawContents(painter, QRectF(0, index * body_h, body_w, body_h))
            painter.restore()
            _footer(painter, index + 1, pages, data["audit"]["head_digest"], page_w, page_h)
            if data["reviewer"]["training"]:
                _training_mark(painter, page_w, page_h)
    finally:  # also on cancel: a painter left active on a writer being freed crashes Qt
        painter.end()
        del doc
        buffer.close()
    return RenderedMemo(bytes(array.data()), pages, stamp)


def _utc(text: str):
    import datetime as dt

    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def attach_findings(pdf: bytes, data: dict | None, table=None) -> bytes:
    """The findings JSON (findings.json; None: attached already) and the complete digest table as PDF attachments."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    _attach(writer, data, table)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _attach(writer, data: dict | None, table=None) -> None:
    """Add the attachments to an incremental writer: the findings (unless None), and the digest table
    (memo_digests.DigestTable, already deflated: the CSV is never held whole)."""
    from pyhanko.pdf_utils import embed, generic

    def attach(name: str, deflated: bytes, size: int, mime: str, description: str) -> None:
        ef = embed.EmbeddedFileObject(writer, dict_data={"/Filter": generic.pdf_name("/FlateDecode")},
                                      encoded_data=deflated, mime_type=mime)
        ef["/Params"] = generic.DictionaryObject({"/Size": generic.NumberObject(size)})
        embed.embed_file(writer, embed.FileSpec(file_spec_string=name, file_name=name, embedded_data=ef,
                                                description=description))

    if data is not None:
        attach(FINDINGS_NAME, *_findings_deflated(data), "application/json",
               "EvidenceDesk review findings (machine-readable)")
    if table is not None:
        attach(table.name, table.deflated, table.size, "text/csv", L("附件：电子数据校验值表"))


def write_memo(data: dict, identity, out_path, english: bool = False, progress=None, cancel=None,
               table=None) -> Path:
    """Render, attach the findings and the digest table, sign, then move into place: a memo is final or absent.

    table: memo_digests.digest_table of the store the data came from (required when the annex prints only the
    files not matching); cancel (threading.Event) is honoured up to the final write (models.runtime.jobs.Cancelled).
    progress(step, steps, part, parts): part of parts within the layout step."""
    from concurrent.futures import ThreadPoolExecutor

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from models.memo.memo_sign import stamp_font_for

    out = Path(out_path)
    steps = ("render", "attach", "sign", "write")
    report = progress or (lambda *a: None)
    if table is None and data["verification"].get("printed", "all") != "all":
        raise MemoError("审查意见的附件只列印结果不一致的文件，须附完整的校验值表")
    report(0, len(steps), 0, None)
    with ThreadPoolExecutor(1) as pool:  # the stamp font is cut while Qt lays out (Qt releases the GIL)
        font = pool.submit(stamp_font_for, identity.name, identity.training, english)
        rendered = render_pdf(data, english, cancel, lambda part, parts: report(0, len(steps), part, parts),
                              table.name if table is not None else None)
        report(1, len(steps), 0, None)
        # the attachments go into the signed revision itself: one writer, the memo's bytes not copied again
        writer = IncrementalPdfFileWriter(BytesIO(rendered.pdf))
        _attach(writer, data, table)
        report(2, len(steps), 0, None)
        _check(cancel)
        when = format_when(_utc(data["generated_at"]), data["timezone"])
        signed = sign_pdf(rendered.pdf, identity, rendered.stamp, when, reason=L("电子数据审查意见书"),
                          english=english, font=font.result(), writer=writer)
    report(3, len(steps), 0, None)
    _check(cancel)
    _write_atomic(out, signed)
    report(4, len(steps), len(signed), len(signed))
    return out


def _write_atomic(out: Path, data: bytes) -> None:
    """The signed memo; MemoError when it cannot be written."""
    try:
        write_atomic(out, data)
    except OSError as exc:
        raise MemoError(f"无法写入审查意见 {out}：{os_reason(exc)}") from exc


def read_findings(path) -> dict:
    """The findings JSON attached to a memo."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(path, "rb") as f:
        reader = PdfFileReader(f)
        names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
        for i in range(0, len(names), 2):
            if str(names[i]) == FINDINGS_NAME:
                return json.loads(names[i + 1]["/EF"]["/F"].data.decode("utf-8"))
    raise MemoError("审查意见中没有附带审查结果数据")
