"""The window's memo of a bundle above the whole-annex limit: signed with the complete digest table attached, and
the built-in view and the verify dialog still open it (the limit lowered so the bundle stays small)."""

from models.integrity.verify import save_results, verify_bundle
from models.memo import memo_digests
from models.store.verified_state import mark_verified
from tests.models.test_memo_scale import _attachments, _pages, make_many
from tests.ui.test_memo_ui import context, create_identity, export, reviewed_case, verify  # noqa: F401
from ui.memo.memo_preview import MemoPreviewDialog


def test_the_window_signs_the_table_and_opens_the_memo(qtbot, context, store_dir, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setattr(memo_digests, "PRINT_ALL_FILES", 20)
    root = make_many(tmp_path / "bundle", 60)
    (root / "evidence/E1/d0/f00042.txt").write_bytes(b"changed")
    bundle, store = reviewed_case(root, store_dir)
    save_results(store, verify_bundle(bundle))
    mark_verified(store)
    create_identity(qtbot, context, tmp_path / "id.p12")
    out = tmp_path / "memo.pdf"
    dialog = export(qtbot, context, bundle, store, out, "口令pw")
    assert dialog.result and out.is_file(), dialog.message.text()
    table = _attachments(out)[memo_digests.TABLE_NAMES["zh"]]
    lines = table.decode("utf-8-sig").splitlines()
    assert len(lines) == 61 and sum("不一致" in line for line in lines) == 1
    assert "findings.json" in _attachments(out)

    shown = verify(qtbot, context, out)
    assert shown.result.unchanged and shown.findings["verification"]["printed"] == "not_matching"
    assert [r["path"] for r in shown.findings["verification"]["rows"]] == ["evidence/E1/d0/f00042.txt"]
    view = MemoPreviewDialog(str(out), parent=None, title="memo")
    qtbot.addWidget(view)
    assert view.pages() == _pages(out) >= 2
