"""The append-only audit log: each entry carries the SHA-256 of the entry before it, so any edit breaks the chain."""

import hashlib
import json
import logging
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass

from models.common.atomic import write_atomic
from models.common.small_file import read_small
from models.common.timeutil import ns_to_utc_iso

GENESIS = "0" * 64
ANCHOR_CAP = 4096  # an anchor is ~90 bytes: anything larger is not one
ANCHORED_KEY = "audit.anchored"  # store meta: an anchor file was written for this store (its absence then shows)


@dataclass(frozen=True)
class ChainStatus:
    ok: bool
    broken_at_seq: int | None
    head_digest: str
    count: int
    problem: str | None = None  # what models.store.audit_guard found beyond the chain (tables, anchor), for a person


def canonical(value) -> str:
    """The one JSON spelling digests are taken over: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def entry_digest(prev_digest: str, seq: int, at: str, reviewer: str, action: str, payload_json: str) -> str:
    body = canonical({"seq": seq, "at": at, "reviewer": reviewer, "action": action, "payload": payload_json})
    return hashlib.sha256((prev_digest + body).encode("utf-8")).hexdigest()


@contextmanager
def transaction(db):
    """One write transaction (BEGIN IMMEDIATE); joins the caller's if one is already open."""
    conn = db.conn
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.rollback()
        db.__dict__.pop("audit_appended", None)
        raise
    conn.commit()
    appended = db.__dict__.pop("audit_appended", None)
    if appended:
        advance_anchor(db, *appended)


def anchor_path(db) -> str | None:
    """The file beside the store holding the chain's head (NAME.audit-head); None for an in-memory database."""
    row = db.conn.execute("PRAGMA database_list").fetchone()
    return f"{row[2]}.audit-head" if row and row[2] else None


def _read_small(path: str) -> bytes:
    """The anchor's bytes (models.common.small_file: never a FIFO waited on, a link followed, a huge file read)."""
    return read_small(path, ANCHOR_CAP)


def read_anchor(db) -> dict | None:
    path = anchor_path(db)
    if path is None:
        return None
    try:
        anchor = json.loads(_read_small(path))
        return anchor if isinstance(anchor, dict) and isinstance(anchor.get("seq"), int) else {"seq": -1}
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {"seq": -1}  # unreadable: models.store.audit_guard reports it


def was_anchored(db) -> bool:
    try:
        row = db.conn.execute("SELECT value FROM meta WHERE key = ?", [ANCHORED_KEY]).fetchone()
    except sqlite3.OperationalError:  # a bare audit table (no meta): never anchored
        return False
    return bool(row and row[0])


def advance_anchor(db, seq: int, digest: str) -> None:
    """Record the chain's head outside the database, so that cutting its last entries shows. An anchor the
    chain does not reach any more is left as it is: the mismatch stays visible (models.store.audit_guard)."""
    path = anchor_path(db)
    if path is None:
        return
    from models.store.guards import audit_record

    audit_record.write(db, seq, digest)  # per user, outside the store's folder: a rollback with the anchor shows
    anchor = read_anchor(db)
    if anchor is not None:
        row = db.conn.execute("SELECT digest FROM audit WHERE seq = ?", [anchor.get("seq")]).fetchone()
        if row is None or row[0] != anchor.get("digest"):
            return
    try:
        write_atomic(path, canonical({"seq": seq, "digest": digest}).encode("utf-8"))
    except OSError as exc:  # a full disk after the commit: the decision stands, the guard catches the anchor up
        logging.getLogger(__name__).warning("audit anchor not advanced: %s", exc)


def head_digest(db) -> str:
    row = db.conn.execute("SELECT digest FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return row[0] if row else GENESIS


def append(db, reviewer: str, action: str, payload) -> dict:
    """Append one entry (UTC time, reviewer, action, payload) chained to the one before; returns the entry."""
    with transaction(db) as conn:
        row = conn.execute("SELECT seq, digest FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
        at = ns_to_utc_iso(time.time_ns())
        payload_json = canonical(payload)
        digest = entry_digest(prev, seq, at, reviewer or "", action, payload_json)
        conn.execute("INSERT INTO audit(seq, at, reviewer, action, payload_json, prev_digest, digest) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", [seq, at, reviewer or "", action, payload_json, prev, digest])
        if anchor_path(db) is not None:  # from now on a missing anchor file is a finding (models.store.audit_guard)
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, '1')", [ANCHORED_KEY])
        db.__dict__["audit_appended"] = (seq, digest)  # the anchor moves once this is committed
    return {"seq": seq, "at": at, "reviewer": reviewer or "", "action": action, "payload": payload,
            "prev_digest": prev, "digest": digest}


def verify_chain(db) -> ChainStatus:
    """Recompute every digest in order; the first entry that does not match (or skips a seq) is reported."""
    prev, count, expected_seq = GENESIS, 0, 1
    rows = db.conn.execute("SELECT seq, at, reviewer, action, payload_json, prev_digest, digest FROM audit "
                           "ORDER BY seq")
    for seq, at, reviewer, action, payload_json, prev_digest, digest in rows:
        computed = entry_digest(prev, seq, at or "", reviewer or "", action or "", payload_json or "")
        if seq != expected_seq or prev_digest != prev or digest != computed:
            return ChainStatus(ok=False, broken_at_seq=seq, head_digest=head_digest(db), count=count)
        prev, count, expected_seq = digest, count + 1, seq + 1
    return ChainStatus(ok=True, broken_at_seq=None, head_digest=prev, count=count)


def iter_payloads(db, action: str):
    """The decoded payloads of the entries of one action, oldest first (a text that is no JSON as it stands)."""
    for (text,) in db.conn.execute("SELECT payload_json FROM audit WHERE action = ? ORDER BY seq", [action]):
        yield _payload(text)


def load_entries(db, limit: int | None = None) -> list[dict]:
    """Audit records, oldest first (the payload decoded)."""
    sql = "SELECT seq, at, reviewer, action, payload_json, prev_digest, digest FROM audit ORDER BY seq"
    rows = db.conn.execute(sql + (f" LIMIT {int(limit)}" if limit else "")).fetchall()
    keys = ("seq", "at", "reviewer", "action", "payload", "prev_digest", "digest")
    return [dict(zip(keys, (*r[:4], _payload(r[4]), *r[5:]))) for r in rows]


def _payload(text):
    """An entry's payload decoded; its text as it stands when it is no JSON (edited outside the program: the
    chain check says so, and the window that lists the entries must not fail on it)."""
    try:
        return json.loads(text or "null")
    except (ValueError, RecursionError):
        return text
