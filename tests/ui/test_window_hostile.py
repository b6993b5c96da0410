"""Hostile bundles opened in the window (issue 19): each is refused or opened with a clear Chinese message, never
a traceback, an internal error or a code; the GUI thread stays live, no scan hangs, and another case opens after."""

import os
import stat
import time

import pytest
from PySide6.QtCore import QTimer

from tests.hostile_bundle import hostile_bundle, replace_with_fifo
from tests.ui.test_no_codes import CODE

TIMEOUT = 60_000
CHINESE = "\u4e00"


class Heartbeat:
    """A 10 ms timer on the GUI thread: the largest gap between its beats is how long the window stood still."""

    def __init__(self):
        self.last, self.worst = time.monotonic(), 0.0
        self.timer = QTimer(interval=10)
        self.timer.timeout.connect(self._beat)
        self.timer.start()

    def _beat(self):
        now = time.monotonic()
        self.worst, self.last = max(self.worst, now - self.last), now


def clear_text(text: str) -> None:
    assert any(CHINESE <= ch <= "\u9fff" for ch in text), text
    for bad in ("Traceback", "internal error", "内部错误", "Errno"):
        assert bad not in text, text
    words = " ".join(w for w in text.split() if "/" not in w)  # paths (the test's folder) aside
    assert not CODE.findall(words), text


def opens_after(qtbot, window, tmp_path) -> None:
    """The window is still usable: a sound bundle opens and its scan ends."""
    (tmp_path / "sound").mkdir()
    with qtbot.waitSignal(window.scan_finished, timeout=TIMEOUT) as done:
        assert window.open_bundle(hostile_bundle(tmp_path / "sound"))
    assert done.args[0] is not None


def _fifo_manifest(tmp_path, window):
    root = hostile_bundle(tmp_path)
    replace_with_fifo(root / "bundle.json")
    return root, "不是普通文件"


def _device_manifest(tmp_path, window):
    root = hostile_bundle(tmp_path)
    (root / "bundle.json").unlink()
    try:
        os.mknod(root / "bundle.json", stat.S_IFCHR | 0o600, os.makedev(1, 5))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"mknod not permitted here: {exc}")
    return root, "不是普通文件"


def _deep_manifest(tmp_path, window):
    root = hostile_bundle(tmp_path)
    (root / "bundle.json").write_text('{"format": "evidence-bundle/1", "case": ' + "[" * 10_000 + "]" * 10_000 + "}")
    return root, "嵌套超过"


def _empty_e01(tmp_path, window):
    (tmp_path / "disk.E01").write_bytes(b"")
    return tmp_path / "disk.E01", "空文件"


def _fifo_e01(tmp_path, window):
    os.mkfifo(tmp_path / "disk.E01")
    return tmp_path / "disk.E01", "不是文件夹或磁盘镜像"


def _store_inside(tmp_path, window):
    root = hostile_bundle(tmp_path)
    window.context.store_dir = root / "evidence"  # `evidence-desk --store BUNDLE/evidence`
    return root, "审查库文件夹不得位于打开的证据包内"


@pytest.mark.parametrize("make", [_fifo_manifest, _device_manifest, _deep_manifest, _empty_e01, _fifo_e01,
                                  _store_inside])
def test_a_hostile_bundle_is_refused_in_words(qtbot, window, shown, tmp_path, store_dir, make):
    path, said = make(tmp_path, window)
    beat = Heartbeat()
    assert window.open_bundle(path) is False
    window.context.store_dir = store_dir
    assert [kind for kind, _t, _x in shown] == ["warning"], shown
    _kind, title, text = shown[0]
    assert title == "无法打开证据包" and said in text, text
    clear_text(text)
    assert window.bundle is None and beat.worst < 3.0
    assert not list((tmp_path / "bundle" / "evidence").glob("*.sqlite")) if (tmp_path / "bundle").exists() else True
    opens_after(qtbot, window, tmp_path)


def _latin1_folder(tmp_path):
    """A bundle (with a disk image) in a folder whose name is Latin-1, as media written on Windows have:
    the scan ended in an internal error (UnicodeEncodeError) saving the image's description."""
    root = hostile_bundle(tmp_path)
    target = os.path.join(os.fsencode(tmp_path), "café".encode("latin-1"))
    os.rename(os.fsencode(root), target)
    return os.fsdecode(target), None


def _e01_with_a_fifo_segment(tmp_path):
    """An E01 set whose second segment is a FIFO: the scan waited for a writer for ever."""
    import hashlib
    import json

    from tests.image_factory import e01_of, require

    require("ewfacquirestream")
    raw = tmp_path / "disk.raw"
    raw.write_bytes(os.urandom(3 << 20))
    (tmp_path / "out").mkdir()
    e01_of(raw, tmp_path / "out" / "usb", segment="1MiB", compression="none")
    root = hostile_bundle(tmp_path)
    for segment in sorted((tmp_path / "out").iterdir()):
        os.replace(segment, root / "evidence" / "E1" / segment.name)
    replace_with_fifo(root / "evidence" / "E1" / "usb.E02")
    data = json.loads((root / "bundle.json").read_text(encoding="utf-8"))
    data["items"][0]["content"].append({"path": "evidence/E1/usb.E01", "type": "disk_image",
                                        "digests": {"md5": hashlib.md5(raw.read_bytes()).hexdigest()}})
    (root / "bundle.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return root, "evidence/E1/usb.E01"


def _fifo_digest_list(tmp_path):
    root = hostile_bundle(tmp_path)
    replace_with_fifo(root / "evidence" / "E1" / "dir.md5")
    return root, "evidence/E1/dir.md5"


@pytest.mark.parametrize("make", [_latin1_folder, _e01_with_a_fifo_segment, _fifo_digest_list])
def test_a_hostile_bundle_opens_scans_and_verifies(qtbot, window, shown, tmp_path, make):
    path, unreadable = make(tmp_path)
    beat, summaries = Heartbeat(), []
    window.scan_finished.connect(summaries.append)
    with qtbot.waitSignals([window.scan_finished, window.types_finished], timeout=TIMEOUT):
        assert window.open_bundle(path)
    assert summaries[0] is not None, shown  # the scan ended, and not in a failure
    with qtbot.waitSignal(window.verify_tab.verify_finished, timeout=TIMEOUT):
        window.verify_tab.verify()
    assert shown == [] and beat.worst < 3.0, (shown, beat.worst)
    rows = [window.verify_tab.model.record(r) for r in range(window.verify_tab.model.rowCount())]
    if unreadable:
        found = [r for r in rows if r["path"] == unreadable]
        assert found and {r["status"] for r in found} == {"unreadable"}, rows
        clear_text(found[0]["error"])
    opens_after(qtbot, window, tmp_path)
