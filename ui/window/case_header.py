"""The case header: 案号, title, charge, unit, prepared by / at, time zone of the open bundle."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from models.common.timeutil import format_local, zone_label


class CaseHeader(QWidget):
    """One line of case facts; set_case(bundle) fills it, set_case(None) clears it."""

    def __init__(self, context=None, parent=None):
        super().__init__(parent)
        self.context = context
        self.today = None  # the date the alerts count from; None: today in the case zone
        self.alert = QLabel()
        self.alert.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.alert.setWordWrap(True)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.alert)
        self.setStyleSheet("CaseHeader { background: #eef2f7; border-bottom: 1px solid #c8d0da; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.set_case(None)

    def set_case(self, bundle) -> None:
        self.setVisible(bundle is not None)
        self.label.setText(self.html(bundle) if bundle is not None else "")
        text = self.alert_text(bundle) if bundle is not None and not bundle.adhoc else ""
        self.alert.setText(text)
        self.alert.setVisible(bool(text))

    def alert_text(self, bundle) -> str:
        """'⚠ E3 冻结期限还剩 5 天（2026-12-11 届满）' for each freeze within the warning days."""
        from models.timeline.freeze_alerts import freeze_alerts, today_in
        from ui.window.settings_dialog import freeze_warning_days

        settings = getattr(self.context, "settings", None)
        today = self.today or today_in(bundle.timezone)
        parts = []
        for alert in freeze_alerts(bundle, today, freeze_warning_days(settings)):
            day = alert.expires_on.isoformat()
            if alert.days_left < 0:
                parts.append(self.tr("%1 冻结期限已于 %2 届满").replace("%1", alert.item).replace("%2", day))
            else:
                parts.append(self.tr("%1 冻结期限还剩 %2 天（%3 届满）").replace("%1", alert.item).replace(
                    "%2", str(alert.days_left)).replace("%3", day))
        return ("⚠ " + "；".join(parts)) if parts else ""

    def fields(self, bundle) -> list[tuple[str, str]]:
        """(label, value) pairs shown, in order; empty values are left out."""
        case = bundle.case
        if bundle.adhoc:
            return [(self.tr("证据包"), self.tr("临时证据包（无清单）")), (self.tr("文件夹"), str(bundle.root)),
                    (self.tr("时区"), zone_label(bundle.timezone))]
        prepared = " ".join(v for v in (case.get("prepared_by") or "",
                                        format_local(case.get("prepared_at"), bundle.timezone) or "") if v)
        pairs = [(self.tr("案号"), case.get("case_number", "")), (self.tr("案件"), case.get("title", "")),
                 (self.tr("罪名"), case.get("charge", "")), (self.tr("单位"), case.get("unit", "")),
                 (self.tr("制作人/制作时间"), prepared), (self.tr("时区"), zone_label(bundle.timezone))]
        return [(k, v) for k, v in pairs if v]

    def html(self, bundle) -> str:
        from html import escape

        cells = [f"<span style='color:#555'>{escape(k)}</span> <b>{escape(str(v))}</b>" for k, v in self.fields(bundle)]
        return " &nbsp;|&nbsp; ".join(cells)
