"""A SQLite file of the evidence read for a preview: opened through a read-only, immutable URI (no lock, no journal,
no -wal or -shm file made beside it), so the bytes and times of the evidence stay as they were."""

import sqlite3
from pathlib import Path
from urllib.parse import quote

ROWS = 500  # a preview's rows per table


def evidence_uri(path: Path) -> str:
    """file:/…?mode=ro&immutable=1 for this file (the path quoted: '?', '#' and '%' are legal in names)."""
    return f"file:{quote(str(Path(path).resolve()), safe='/')}?mode=ro&immutable=1"


def open_readonly(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(evidence_uri(path), uri=True, check_same_thread=False)
    conn.execute("PRAGMA query_only = ON")
    return conn


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_tables(path: Path, rows: int = ROWS) -> dict:
    """{'tables': {name: {'columns': [...], 'rows': [[...]], 'count': n}}} of every table (first `rows` rows)."""
    conn = open_readonly(path)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        tables = {}
        for name in names:
            cursor = conn.execute(f"SELECT * FROM {_quoted(name)} LIMIT ?", [rows])
            columns = [d[0] for d in cursor.description]
            values = [[_cell(v) for v in row] for row in cursor.fetchall()]
            count = conn.execute(f"SELECT COUNT(*) FROM {_quoted(name)}").fetchone()[0]
            tables[name] = {"columns": columns, "rows": values, "count": count}
        return {"tables": tables}
    finally:
        conn.close()


def _cell(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bytes):
        return f"<{len(value)} 字节> " + value[:16].hex(" ")
    return str(value)


def hex_dump(data: bytes, start: int = 0) -> str:
    """Offset, sixteen bytes in hex, and their printable ASCII, a line each."""
    lines = []
    for offset in range(0, len(data), 16):
        chunk = data[offset:offset + 16]
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        lines.append(f"{start + offset:08x}  {chunk[:8].hex(' '):<23}  {chunk[8:].hex(' '):<23}  {text}")
    return "\n".join(lines)
