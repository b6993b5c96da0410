"""用系统程序打开: the desktop gets a read-only copy outside the bundle, never the evidence; no program: a message."""

import stat
from pathlib import Path

from PySide6.QtGui import QDesktopServices

from models.bundle.safepath import is_inside
from tests.ui.demo_window import new_window, open_checked, stop


def test_no_program_for_the_type_offers_the_preview_and_the_evidence_is_untouched(qtbot, tmp_path, store_dir,
                                                                                  make_bundle, monkeypatch):
    asked = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: asked.append(url.toLocalFile()) or False)
    window = new_window(qtbot, tmp_path, store_dir)
    window.show()
    try:
        bundle = make_bundle.clean()
        evidence = bundle / "evidence" / "E1" / "chat.txt"
        before = (evidence.read_bytes(), evidence.stat().st_mtime_ns, stat.S_IMODE(evidence.stat().st_mode))
        open_checked(qtbot, window, bundle)
        tab = window.files_tab
        menu = tab.file_menu("evidence/E1/chat.txt")
        action = next(a for a in menu.actions() if a.text() == "用系统程序打开（只读副本）")
        action.trigger()
        qtbot.waitUntil(lambda: tab.system_viewer.message is not None, timeout=20000)
        box = tab.system_viewer.message
        assert box.isVisible() and "没有登记" in box.text()
        assert len(asked) == 1
        handed = Path(asked[0])
        assert not is_inside(bundle, handed) and handed != evidence
        assert handed.read_bytes() == before[0] and not stat.S_IMODE(handed.stat().st_mode) & 0o222
        assert (evidence.read_bytes(), evidence.stat().st_mtime_ns, stat.S_IMODE(evidence.stat().st_mode)) == before
        with qtbot.waitSignal(tab.file_selected, timeout=5000) as shown:
            next(b for b in box.buttons() if b.text() == "内置预览").click()
        assert shown.args == ["evidence/E1/chat.txt"]
    finally:
        stop(window)
