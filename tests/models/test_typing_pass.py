"""The typing pass's shortcuts give the answers of the plain functions; results before a cancel are kept."""

import os
import threading

import pytest

from models.bundle.safepath import SafePathError
from models.inventory.category import category_for, category_table, form_by_type
from models.inventory.filetype import detect_path, extension_mismatch
from models.inventory.type_write import mismatch
from models.inventory.typing_pass import _Resolver, type_batch


def test_form_by_type_agrees_with_category_for(corpus_dir):
    mimes = {detect_path(p)[0] for p in (corpus_dir / "filetypes").rglob("*") if p.is_file()}
    mimes |= {"text/plain", "application/vnd.sqlite3", "message/rfc822", "application/x-dosexec", "text/html", None}
    names = ["a.log", "run.sh", "聊天记录.txt", "wechat/x/msg.db", "a.p12", "mmssms.db", "plain.bin", "交易流水.csv",
             "qq/1/a.db", "page.html", "x"]
    by_type = 0
    for mime in mimes:
        form = form_by_type(mime)
        by_type += form is not None
        for name in names:
            assert (form or category_for(mime, name)) == category_for(mime, name), (mime, name)
    assert by_type > 10  # the shortcut is taken for most types
    assert form_by_type("text/plain") is None  # logs, scripts and chats are told by their names
    assert form_by_type("application/x-nothing-matches") == category_table()["default"]


@pytest.mark.parametrize("name", ["a.jpg", ".bashrc", "..x", "...", "a.", "a..b", ".a.JPG", "..a.jpg", "x", "d/e.f/g",
                                  "d/.h.PNG", "a.tar.gz", ".", "..", "报告.PDF"])
def test_mismatch_shortcut_agrees(name):
    for mime in ("image/jpeg", "text/plain", "image/png", "application/gzip", "application/pdf", None):
        assert mismatch(name, mime) == int(extension_mismatch(name, mime)), (name, mime)


def test_resolver_checks_each_folder_and_suspect_names(tmp_path):
    root = tmp_path / "b"
    (root / "in").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    os.symlink(tmp_path / "outside", root / "out")
    resolve = _Resolver(str(root))
    assert resolve("in/a.txt") == os.path.join(str(root), "in", "a.txt")
    assert resolve("in/b.txt") == os.path.join(str(root), "in", "b.txt")  # the folder's checks are cached
    assert resolve("top.txt") == os.path.join(str(root), "top.txt")
    for bad in ("out/a.txt", "out/b.txt", "in/..", "in/a\\b", "/etc/passwd", "in/../../x", "C:x"):
        with pytest.raises(SafePathError):
            resolve(bad)


def test_type_batch_reports_a_path_leading_out(tmp_path):
    root = tmp_path / "b"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("not evidence")
    os.symlink(tmp_path, root / "up")
    (root / "ok.txt").write_text("hello\n")
    rows = type_batch(str(root), [(1, "up/secret.txt", 12), (2, "ok.txt", 6)], "Asia/Shanghai", exif=False)
    assert rows[0][0] is None and "证据包之外" in rows[0][4]
    assert rows[1][:5] == ("text/plain", "27.7", 0, None, None)


@pytest.mark.parametrize("uptime", [None, 5.0], ids=["this machine", "just booted"])
def test_results_before_a_cancel_are_stored(tmp_path, store_dir, monkeypatch, uptime):
    """Writes are grouped (one commit per FLUSH_S); what was typed before a cancel still reaches the store. The
    first batch goes out at once even on a machine booted seconds ago (monotonic() counts from boot)."""
    import types

    from models.bundle.manifest import load_bundle
    from models.inventory import type_write, typing_pass
    from models.inventory.scan import scan_bundle
    from models.runtime.jobs import Cancelled
    from models.store.store import open_store

    (tmp_path / "f").mkdir()
    for n in range(6):
        (tmp_path / f"f/{n}.txt").write_text(f"line {n}\n")
    bundle = load_bundle(tmp_path / "f")
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    monkeypatch.setattr(typing_pass, "BATCH", 2)
    monkeypatch.setattr(type_write.Writer, "FLUSH_S", 3600.0)  # only the first batch is written at once
    if uptime is not None:
        monkeypatch.setattr(type_write, "time", types.SimpleNamespace(monotonic=lambda: uptime))
    cancel, seen = threading.Event(), []

    def progress(done, total, *_):
        seen.append(done)

    real = typing_pass.type_batch

    def batch_then_cancel(*args):
        out = real(*args)
        if seen:
            cancel.set()  # after the second batch has been typed
        return out

    monkeypatch.setattr(typing_pass, "type_batch", batch_then_cancel)
    with pytest.raises(Cancelled):
        typing_pass.fill_types(bundle, store, progress=progress, cancel=cancel, workers=1)
    typed = store.db.execute("SELECT COUNT(*) FROM files WHERE mime = 'text/plain'").fetchone()[0]
    assert typed == 4  # two batches: the first written at once, the second by the flush on the way out
    assert seen == [2, 4]
