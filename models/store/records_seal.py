"""The machine records the memo signs (verification and check results) carry a seal kept with each write.

They are not audited (a check run rewrites thousands of rows), so an edit made outside the program, say a
digest's status turned from mismatch to match, went into a signed memo unnoticed. Each writer now updates, in
its own transaction, a sum of its rows' SHA-256 (mod 2**256, so an item's rows are taken out and put back
without reading the rest) kept in the store's meta; the memo recomputes it before signing
(models.store.audit_guard.require_intact). Like the audit chain it has no key: it shows an edit made with a
database tool, not one made by someone who also recomputes the seal."""

import hashlib

TABLES = {  # table -> columns sealed (the rowid/id only orders inserts)
    "verification": ("item", "path", "algorithm", "recorded", "recorded_source", "computed", "status", "error",
                     "explanation", "verified_at", "program_version"),
    "check_results": ("item", "check_name", "article", "status", "facts_json", "message", "run_at", "message_key",
                      "params_json"),
    "finding_files": ("item", "check_name", "key", "seq", "path"),  # models.store.finding_files
}
MODULUS = 1 << 256


def _key(table: str) -> str:
    return f"seal.{table}"


def _sum(conn, table: str, where: str = "", params=()) -> int:
    """The rows' SHA-256 summed; a row spelled as Python's repr of its tuple (exact for text, numbers and NULL,
    and several times faster than JSON: a check of 100k items rewrites millions of rows)."""
    columns = ", ".join(f"CAST({c} AS BLOB)" for c in TABLES[table])  # bytes: a damaged row's text is no error
    rows = conn.execute(f"SELECT {columns} FROM {table} {where}", list(params))
    sha, to_int = hashlib.sha256, int.from_bytes
    return sum(to_int(sha(repr(row).encode("ascii")).digest(), "big") for row in rows) % MODULUS


def _stored(conn, table: str) -> int | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", [_key(table)]).fetchone()
    try:
        return int(row[0], 16) if row and row[0] else None
    except ValueError:
        return -1  # not a seal: check() reports it


class Rewrite:
    """Inside a writer's transaction: delete(where) instead of its DELETE, then added() after its INSERTs."""

    def __init__(self, conn, table: str):
        self.conn, self.table = conn, table
        stored = _stored(conn, table)
        # a store from before seals (or with a mangled one) starts from what it holds now
        self.seal = stored if stored is not None and stored >= 0 else _sum(conn, table)
        self.last = None
        self.added_sum = 0  # the rows this rewrite inserted, summed (Run.reseal)

    def delete(self, where: str = "", params=()) -> None:
        # the whole table emptied: nothing left to seal (a rewrite of it all starts afresh)
        self.seal = 0 if not where else (self.seal - _sum(self.conn, self.table, where, params)) % MODULUS
        self.conn.execute(f"DELETE FROM {self.table} {where}", list(params))

    def added(self) -> None:
        """After the INSERTs: the rows past the last rowid that stood after the deletes (SQLite reuses freed ones)."""
        self.added_sum = _sum(self.conn, self.table, "WHERE rowid > ?", [self.last])
        self.seal = (self.seal + self.added_sum) % MODULUS
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [_key(self.table), f"{self.seal:x}"])

    def inserting(self) -> None:
        """Before the INSERTs (after every delete)."""
        self.last = self.conn.execute(f"SELECT COALESCE(MAX(rowid), 0) FROM {self.table}").fetchone()[0]


class Run:
    """A writer that rewrites an item at a time (a whole check): wrote(item, rewrite) after each; reseal(conn) at the
    end. A row edited outside the program stayed unsealed after the check that replaced it (its edited digest was
    taken out, not the one sealed), so the memo was refused until a whole-case verify started the seal afresh.
    Several tables (check results and their side lists): each resealed on its own."""

    def __init__(self, *tables: str):
        self.tables = tables
        self.by_table = {table: {} for table in tables}

    @property
    def sums(self) -> dict:
        return self.by_table[self.tables[0]]

    def wrote(self, item, rewrite: Rewrite) -> None:
        self.by_table[rewrite.table][item] = rewrite.added_sum  # written again in the same run: its last rows stand

    def reseal(self, conn) -> bool:
        """Inside the one transaction that wrote every item (no other hand wrote in between): when the table holds
        rows of these items only, all of them this run's, the seal becomes the sum of what it wrote. Rows of any
        other item keep the seal as it was, and with it any edit made to them (True when every table was sealed
        afresh)."""
        assert conn.in_transaction, "reseal inside the run's own transaction"
        return all([self._reseal(conn, table) for table in self.tables])

    def _reseal(self, conn, table: str) -> bool:
        sums = self.by_table[table]
        held = {row[0] for row in conn.execute(f"SELECT DISTINCT item FROM {table}")}
        if not held <= sums.keys():
            return False
        total = sum(sums[item] for item in held) % MODULUS
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [_key(table), f"{total:x}"])
        return True


def problems(db) -> list[str]:
    """Tables whose rows are not what their writers left (a store from before seals: none)."""
    from models.common.labels import label

    found = []
    for table in TABLES:
        stored = _stored(db.conn, table)
        if stored is not None and stored != _sum(db.conn, table):
            found.append(f"{label('table', table, 'zh')}在程序之外被改动 / {table} changed outside the program")
    return found
