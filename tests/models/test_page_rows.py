"""rows_by_id reads a page as one JSON text: every value must come back as the row-by-row read gives it."""

import sqlite3

from models.store.page_rows import rows_by_id

COLUMNS = ("id", "path", "size", "modified_ns", "error")
TRICKY = [
    (1, "证据/E1/微信聊天记录.db", 0, 1_700_000_000_123_456_789, None),
    (2, 'a "quoted"\\ path\nwith a newline\tand tab', 2**63 - 1, -1, "错误：\u0000 nul"),
    (3, "emoji 📷 and \u2028 separator", None, None, ""),
    (4, "x" * 5000, 1, 0, "\x7f\x1b control"),
]


def table() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE files (id INTEGER PRIMARY KEY, path TEXT, size INTEGER, modified_ns INTEGER, "
                 "error TEXT)")
    conn.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?)", TRICKY)
    return conn


def test_values_as_the_row_by_row_read_gives_them():
    conn = table()
    one_step = {row[0]: tuple(row) for row in rows_by_id(conn, "files", COLUMNS, [4, 2, 1, 3])}
    by_row = {row[0]: row for row in conn.execute("SELECT id, path, size, modified_ns, error FROM files")}
    assert one_step == by_row
    assert type(one_step[1][3]) is int and one_step[2][2] == 2**63 - 1


def test_only_the_ids_asked_for():
    conn = table()
    assert sorted(row[0] for row in rows_by_id(conn, "files", COLUMNS, [3, 1, 99])) == [1, 3]
    assert rows_by_id(conn, "files", COLUMNS, []) == []
