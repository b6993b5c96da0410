"""A rescan's stored rows kept compact (models.inventory.known_rows): the same answers a dict of tuples gave."""

from models.inventory.known_rows import KnownRows

ROWS = [("evidence/a.txt", "E1", 1, "file", 10, 0o644, 5, 5, 5, None, None, None, 0),
        ("evidence/b.txt", "E1", 1, "file", 20, 0o644, 6, 6, 6, None, None, None, 0),
        ("evidence/\udcff.txt", None, 0, "file", 30, 0o644, 7, 7, 7, None, None, None, 0)]


def test_unchanged_rows_are_not_written_again_and_changes_are():
    known = KnownRows(iter(ROWS))
    assert len(known) == 3
    assert known.changed(ROWS[0][0], ROWS[0][1:]) is False
    assert known.changed(ROWS[1][0], ROWS[1][1:5] + (21,) + ROWS[1][6:]) is True  # another mode
    assert known.changed(ROWS[0][0], ROWS[0][1:]) is True  # a path seen twice: written, as dict.pop gave None
    assert known.changed("evidence/new.txt", ROWS[0][1:]) is True
    assert known.changed(ROWS[2][0], ROWS[2][1:2] + (None,) + ROWS[2][3:]) is True  # 0 is not None
    assert len(known) == 0 and list(known) == []


def test_the_paths_never_seen_are_the_ones_removed():
    known = KnownRows(iter(ROWS))
    known.pop(ROWS[1][0])
    assert known.pop("not stored") is None
    assert list(known) == [ROWS[0][0], ROWS[2][0]] and len(known) == 2
    assert not KnownRows(iter([]))
