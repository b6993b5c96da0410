"""A freeze ending within the warning days shows in the case header (Art. 38.3), counted from any day."""

from datetime import date, timedelta
from types import SimpleNamespace

from PySide6.QtCore import QSettings

from models.timeline.freeze_alerts import freeze_alerts
from ui.app import make_context
from ui.window.case_header import CaseHeader


def bundle_with(expiries: dict, today: date):
    items = [{"id": item, "freeze": {"expires_at": (today + timedelta(days=days)).isoformat() + "T12:00:00+08:00"}}
             for item, days in expiries.items()] + [{"id": "E9"}]
    return SimpleNamespace(items=items, timezone="Asia/Shanghai", adhoc=False,
                           case={"case_number": "某检刑诉〔2026〕1号", "title": "某案"}, root=".")


def test_alerts_within_the_warning_days_soonest_first():
    today = date.today() + timedelta(days=400)  # any day
    alerts = freeze_alerts(bundle_with({"E1": 40, "E2": 5, "E3": -2}, today), today, 15)
    assert [(a.item, a.days_left) for a in alerts] == [("E3", -2), ("E2", 5)]


def test_the_header_shows_them_and_follows_the_setting(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    header = CaseHeader(make_context(settings=settings))
    qtbot.addWidget(header)
    today = date.today() - timedelta(days=123)
    header.today = today
    bundle = bundle_with({"E2": 5}, today)
    header.set_case(bundle)
    assert "E2 冻结期限还剩 5 天" in header.alert.text() and not header.alert.isHidden()
    settings.setValue("review/freeze_warning_days", 3)
    header.set_case(bundle)
    assert header.alert.text() == "" and header.alert.isHidden()
