"""工具 > 比对原件与备份: files that differ, and a line diff for text and CSV over the decoded text."""

import os

from models.integrity.backup_diff import diff_backup, item_files, text_diff


def _bundle(tmp_path, original: dict[str, bytes], backup: dict[str, bytes]):
    root = tmp_path / "bundle"
    for folder, files in (("E1", original), ("E2", backup)):
        for name, data in files.items():
            path = root / "evidence" / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    e1 = {"id": "E1", "content": [{"path": f"evidence/E1/{n}"} for n in original]}
    e2 = {"id": "E2", "backup_of": "E1", "content": [{"path": "evidence/E2", "type": "directory"}]}
    return root, e1, e2


def test_the_files_that_differ_and_a_line_diff_of_the_csv(tmp_path):
    gbk = "账号,金额\nzhang,100\nli,200\n".encode("gb18030")
    changed = "账号,金额\nzhang,100\nli,900\n".encode("gb18030")
    root, e1, e2 = _bundle(tmp_path, {"flow.csv": gbk, "same.txt": b"a\nb\n", "gone.txt": b"x", "p.bin": b"\x00\x01"},
                           {"flow.csv": changed, "same.txt": b"a\nb\n", "extra.txt": b"y", "p.bin": b"\x00\x02"})
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}
    diffs = {d.path: d for d in diff_backup(root, e2, e1)}
    assert {p: d.status for p, d in diffs.items()} == {
        "flow.csv": "differs", "same.txt": "same", "gone.txt": "missing_in_backup",
        "extra.txt": "missing_in_original", "p.bin": "differs"}
    flow = diffs["flow.csv"]
    assert flow.text and "-li,200" in flow.lines and "+li,900" in flow.lines and " zhang,100" in flow.lines
    assert not diffs["p.bin"].text and diffs["p.bin"].lines == []
    assert before == {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}


def test_a_side_longer_than_the_cap_is_cut_and_says_so(tmp_path):
    old = b"".join(b"line %d\n" % i for i in range(2000))
    new = old.replace(b"line 5\n", b"line five\n")
    root, e1, e2 = _bundle(tmp_path, {"log.txt": old}, {"log.txt": new})
    (diff,) = diff_backup(root, e2, e1, cap=1000)
    assert diff.status == "differs" and diff.truncated and "+line five" in diff.lines
    (whole,) = diff_backup(root, e2, e1)
    assert not whole.truncated


def test_binary_text_names_fall_back_to_the_file_list(tmp_path):
    assert text_diff(bytes(range(256)) * 10, b"abc\n", "a.txt", "b.txt") is None


def test_links_in_the_backup_are_not_followed(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_bytes(b"secret")
    root, e1, e2 = _bundle(tmp_path, {"a.txt": b"a"}, {"a.txt": b"a"})
    os.symlink(outside, root / "evidence" / "E2" / "b.txt")
    assert set(item_files(root, e2)) == {"a.txt"}
