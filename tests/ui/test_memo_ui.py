"""The memo in the window: create an identity, export a signed memo in a worker, verify it, reject a changed byte."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from checks.registry import default_registry
from checks.runner import build_context, run_checks
from models.bundle.manifest import load_bundle
from models.inventory.scan import scan_bundle
from models.store import review
from models.store.store import open_store
from tests.ui.shots import shots_folder, use_cjk_font
from ui.app import make_context
from ui.common.tasks import TaskRunner
from ui.memo.identity_dialog import IdentityDialog
from ui.memo.memo_dialog import IDENTITY_KEY, NAME_KEY, MemoDialog
from ui.memo.verify_memo_dialog import VerifyMemoDialog

TIMEOUT = 60_000
SHOTS = shots_folder()


@pytest.fixture
def context(tmp_path, store_dir):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ctx = make_context(store_dir=store_dir, settings=settings, runner=TaskRunner(max_threads=1))
    ctx.reviewer = "张检察官"
    yield ctx
    ctx.runner.cancel_all()
    ctx.runner.wait(10_000)


def reviewed_case(bundle_path, store_dir):
    """Scanned bundle with every check's results stored: what the window has before a memo."""
    bundle = load_bundle(bundle_path)
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    for item_id, pairs in run_checks(bundle, build_context(bundle, store), default_registry()).items():
        review.save_check_results(store, item_id, pairs)
    return bundle, store


def create_identity(qtbot, context, out: Path, training=False, passphrase="口令pw") -> IdentityDialog:
    dialog = IdentityDialog(context)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("张检察官")
    dialog.training_box.setChecked(training)
    dialog.passphrase_edit.setText(passphrase)
    dialog.repeat_edit.setText(passphrase)
    dialog.out_edit.setText(str(out))
    assert dialog.create(), dialog.message.text()
    return dialog


def export(qtbot, context, bundle, store, out: Path, passphrase: str) -> MemoDialog:
    dialog = MemoDialog(context, bundle, store)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.identity_edit.text() == context.settings.value(IDENTITY_KEY)  # remembered
    dialog.passphrase_edit.setText(passphrase)
    dialog.out_edit.setText(str(out))
    dialog.acknowledge_box.setChecked(True)  # no item has the reviewer's outcome: signed knowingly
    assert dialog.export() is not None, dialog.message.text()
    qtbot.waitUntil(lambda: dialog.handle is None, timeout=TIMEOUT)
    return dialog


def verify(qtbot, context, path: Path) -> VerifyMemoDialog:
    dialog = VerifyMemoDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.verify(path) is not None
    qtbot.waitUntil(lambda: dialog.verify_button.isEnabled(), timeout=TIMEOUT)
    return dialog


def test_identity_export_verify_and_tamper(qtbot, qapp, context, make_bundle, store_dir, tmp_path):
    use_cjk_font(qapp)
    bundle, store = reviewed_case(make_bundle.clean(), store_dir)
    create_identity(qtbot, context, tmp_path / "id.p12", training=True)
    assert (tmp_path / "id.p12").is_file() and (tmp_path / "id.pem").is_file()
    assert context.settings.value(IDENTITY_KEY) == str(tmp_path / "id.p12")
    assert context.settings.value(NAME_KEY) == "张检察官"
    context.settings.sync()
    assert "口令pw" not in (tmp_path / "settings.ini").read_text(encoding="utf-8", errors="replace")

    out = tmp_path / "memo.pdf"
    dialog = export(qtbot, context, bundle, store, out, "口令pw")
    assert dialog.result and out.is_file(), dialog.message.text()
    assert dialog.open_button.isVisible() and dialog.passphrase_edit.text() == ""
    entry = store.db.execute("SELECT action, payload_json FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    assert entry[0] == "memo.exported" and dialog.result["sha256"] in entry[1]

    context.settings.setValue("reviewer/trust", str(tmp_path / "id.pem"))
    shown = verify(qtbot, context, out)
    assert shown.result.ok and shown.result.trusted and shown.result.training
    assert "完整有效" in shown.verdict.text() and "#1b7f1b" in shown.verdict.styleSheet()
    assert shown.findings["inventory"]["items"] == len(bundle.items)
    context.settings.setValue("reviewer/trust", "")
    unchecked = verify(qtbot, context, out)  # no trust certificate: intact, but the signer is not vouched for
    assert unchecked.result.ok and "未经信任" in unchecked.verdict.text() and "完整有效" not in unchecked.verdict.text()
    context.settings.setValue("reviewer/trust", str(tmp_path / "id.pem"))
    assert bundle.case["case_number"] in shown.summary.toPlainText()
    shown.resize(760, 600)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert shown.grab().save(str(SHOTS / "verify_memo.png"))

    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0x01
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(bytes(data))
    rejected = verify(qtbot, context, changed)
    assert not rejected.result.ok and "已被改动" in rejected.verdict.text()
    assert "#b00020" in rejected.verdict.styleSheet()
    SHOTS.mkdir(parents=True, exist_ok=True)
    rejected.resize(760, 600)
    rejected.grab().save(str(SHOTS / "verify_memo_rejected.png"))


def test_wrong_passphrase_says_so_and_writes_nothing(qtbot, context, make_bundle, store_dir, tmp_path):
    bundle, store = reviewed_case(make_bundle.clean(), store_dir)
    create_identity(qtbot, context, tmp_path / "id.p12")
    out = tmp_path / "memo.pdf"
    dialog = export(qtbot, context, bundle, store, out, "wrong")
    assert dialog.result is None and dialog.message.text() == "身份文件口令错误"
    assert not out.exists() and not list(tmp_path.glob(".memo.pdf*"))
    assert store.db.execute("SELECT COUNT(*) FROM audit WHERE action = 'memo.exported'").fetchone()[0] == 0


def test_bad_identity_and_output_are_refused_plainly(qtbot, context, make_bundle, store_dir, tmp_path):
    bundle, store = reviewed_case(make_bundle.clean(), store_dir)
    (tmp_path / "fake.p12").write_bytes(b"not a pkcs12 file")
    context.settings.setValue(IDENTITY_KEY, str(tmp_path / "fake.p12"))
    dialog = export(qtbot, context, bundle, store, tmp_path / "m.pdf", "pw")
    assert "不是 PKCS#12" in dialog.message.text() and not (tmp_path / "m.pdf").exists()
    create_identity(qtbot, context, tmp_path / "id.p12")
    dialog = MemoDialog(context, bundle, store)
    qtbot.addWidget(dialog)
    dialog.passphrase_edit.setText("口令pw")
    dialog.out_edit.setText(str(tmp_path / "absent" / "m.pdf"))
    assert dialog.export() is None and "目录不存在" in dialog.message.text()


def test_identity_dialog_checks_passphrases(qtbot, context, tmp_path):
    dialog = IdentityDialog(context)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("甲")
    dialog.passphrase_edit.setText("a")
    dialog.repeat_edit.setText("b")
    dialog.out_edit.setText(str(tmp_path / "x.p12"))
    assert not dialog.create() and "不一致" in dialog.message.text()
    assert not (tmp_path / "x.p12").exists()


def test_menu_installs_on_the_window(qtbot, context):
    from ui.memo.memo_actions import install_memo_actions
    from ui.window.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    actions = install_memo_actions(window)
    titles = [a.text() for a in window.menus["memo"].actions() if a.text()]
    assert titles == ["导出审查意见…", "验证审查意见…", "创建签名身份…"]
    actions.refresh()
    assert not actions.export_action.isEnabled() and actions.export() is None
    dialog = actions.verify()
    assert dialog.isVisible()
    dialog.reject()


def test_expired_identity_and_cancel_leave_no_memo(qtbot, context, make_bundle, store_dir, tmp_path):
    from models.memo.identity import make_identity

    bundle, store = reviewed_case(make_bundle.clean(), store_dir)
    make_identity("张检察官", tmp_path / "old.p12", b"pw", days=-2)
    context.settings.setValue(IDENTITY_KEY, str(tmp_path / "old.p12"))
    dialog = export(qtbot, context, bundle, store, tmp_path / "m.pdf", "pw")
    assert "过期" in dialog.message.text() and not (tmp_path / "m.pdf").exists()

    create_identity(qtbot, context, tmp_path / "id.p12")
    dialog = MemoDialog(context, bundle, store)
    qtbot.addWidget(dialog)
    dialog.passphrase_edit.setText("口令pw")
    dialog.out_edit.setText(str(tmp_path / "c.pdf"))
    dialog.acknowledge_box.setChecked(True)
    assert dialog.export() is not None
    dialog.cancel_or_close()  # the worker sees the flag before it paints the first page
    qtbot.waitUntil(lambda: dialog.handle is None, timeout=TIMEOUT)
    assert "已取消" in dialog.message.text() and not (tmp_path / "c.pdf").exists()
    assert not list(tmp_path.glob(".c.pdf*"))


def test_undecided_items_are_warned_before_signing_and_previewed(qtbot, context, make_bundle, store_dir, tmp_path):
    import datetime as dt

    bundle, store = reviewed_case(make_bundle.clean(), store_dir)
    create_identity(qtbot, context, tmp_path / "id.p12")
    dialog = MemoDialog(context, bundle, store)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.undecided == len(bundle.items) and dialog.warning.isVisible()
    assert f"尚有 {len(bundle.items)} 个证据项" in dialog.warning.text()
    out = Path(dialog.out_edit.text()).name
    assert bundle.case["case_number"] in out and f"{dt.date.today():%Y%m%d}" in out
    dialog.passphrase_edit.setText("口令pw")
    dialog.out_edit.setText(str(tmp_path / "m.pdf"))
    dialog.number_edit.setText("某检电审〔2026〕5号")
    assert dialog.export() is None and "仍然签名" in dialog.message.text()  # not before it is acknowledged
    assert dialog.preview() is not None
    qtbot.waitUntil(lambda: dialog.preview_dialog is not None, timeout=TIMEOUT)
    assert dialog.preview_dialog.pages() >= 2 and dialog.preview_dialog.warning.isVisible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(1500)  # QPdfView renders its pages after it is shown
    dialog.preview_dialog.grab().save(str(SHOTS / "memo_preview.png"))
    preview = Path(dialog.preview_dialog.path)
    dialog.preview_dialog.close()
    assert not preview.exists()  # the unsigned preview is not kept
    dialog.acknowledge_box.setChecked(True)
    assert dialog.export() is not None
    qtbot.waitUntil(lambda: dialog.handle is None, timeout=TIMEOUT)
    assert (tmp_path / "m.pdf").is_file() and dialog.result["undecided"] == len(bundle.items)
    assert MemoDialog(context, bundle, store).number_edit.text() == "某检电审〔2026〕5号"  # kept for the case


def test_open_without_a_pdf_viewer_offers_the_built_in_view(qtbot, context, make_bundle, store_dir, tmp_path,
                                                             monkeypatch):
    from PySide6.QtGui import QDesktopServices

    bundle, store = reviewed_case(make_bundle.clean(), store_dir)
    create_identity(qtbot, context, tmp_path / "id.p12")
    dialog = export(qtbot, context, bundle, store, tmp_path / "m.pdf", "口令pw")
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))  # a machine with no viewer
    assert dialog.open_pdf() is False
    assert "没有可用的 PDF 阅读器" in dialog.message.text() and dialog.preview_dialog.pages() >= 2


def test_a_case_not_yet_examined_is_not_signed(qtbot, context, make_bundle, store_dir, tmp_path):
    bundle = load_bundle(make_bundle.clean())
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)  # scanned, but no check has run yet
    create_identity(qtbot, context, tmp_path / "id.p12")
    dialog = MemoDialog(context, bundle, store)
    qtbot.addWidget(dialog)
    dialog.passphrase_edit.setText("口令pw")
    dialog.out_edit.setText(str(tmp_path / "m.pdf"))
    dialog.acknowledge_box.setChecked(True)
    assert dialog.export() is None and "尚未完成扫描、校验和检查" in dialog.message.text()
    assert not (tmp_path / "m.pdf").exists()


def test_no_memo_from_a_store_whose_audit_does_not_hold(qtbot, context, make_bundle, store_dir, tmp_path):
    import sqlite3

    bundle, store = reviewed_case(make_bundle.clean(), store_dir)
    review.decide(store, "E1", "a30_1_original_media", "confirm", "张检察官")
    with sqlite3.connect(store.path) as conn:  # edited outside the program; the audit chain is untouched
        conn.execute("UPDATE decisions SET decision = 'override', reason = '改'")
    conn.close()
    create_identity(qtbot, context, tmp_path / "id.p12")
    out = tmp_path / "memo.pdf"
    dialog = export(qtbot, context, bundle, store, out, "口令pw")
    assert not out.exists() and dialog.result is None
    assert "审计日志校验失败" in dialog.message.text() and "审查决定" in dialog.message.text()
    assert "decisions" not in dialog.message.text()  # the table's word, never its name
    store.close()
