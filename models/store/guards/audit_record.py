"""A second record of each store's audit head, kept per user outside the store's folder.

The anchor beside the store (NAME.audit-head) catches entries cut off the chain, but a store put back from an
older copy together with its anchor (a rollback: a backup restored over the folder) reached its anchor, and the
decisions made since were lost unsaid. Each commit that moves the anchor also writes here, in the user's state
folder ($XDG_STATE_HOME/EvidenceDesk/audit-heads, else ~/.local/state/...; platformdirs elsewhere), one small
file per store named by the store's own id (meta store.id, made once per store: two stores of one bundle are
two records). models.store.audit_guard compares the chain with it: shorter, or not passing through the
recorded head, is a finding. A store copied to another machine finds no record there and is not accused; a
state folder that cannot be written (HOME read-only) is said once and nothing else changes.

The older store may be all there is (the newer one lost with a disk): models.store.guards.older_accept lets the
reviewer take it as the truth, deliberately. An audit entry says who gave up which recorded head and when; from
then on the record follows this store's chain again, and the memo can be signed. Nothing does it by default."""

import json
import logging
import os
import re
from pathlib import Path

from models.common.atomic import write_atomic
from models.common.small_file import read_small

STORE_ID_KEY = "store.id"
ACCEPT_ACTION = "store.older_accepted"  # the reviewer took this older store as the truth: the head given up
ACCEPTABLE = "为准（记入审计日志）"  # in each finding accept_older() answers: the command line adds how
_ID = re.compile(r"[0-9a-f]{32}")
_said_unwritable: list[str] = []


def state_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_state_dir("EvidenceDesk", appauthor=False)) / "audit-heads"


def store_id(db) -> str | None:
    try:
        row = db.conn.execute("SELECT value FROM meta WHERE key = ?", [STORE_ID_KEY]).fetchone()
    except Exception:  # noqa: BLE001 - a bare audit table (no meta): no record
        return None
    return row[0] if row and isinstance(row[0], str) and _ID.fullmatch(row[0]) else None


def _path(db) -> Path | None:
    sid = store_id(db)
    return state_dir() / f"{sid}.json" if sid else None


def read(db) -> dict | None:
    """The head last recorded for this store on this machine: {seq, digest, at, store}; None when there is none
    (a store copied here, a state folder unreadable) or it is not one."""
    path = _path(db)
    if path is None:
        return None
    try:
        record = json.loads(read_small(str(path), 4096))
    except (OSError, ValueError):
        return None
    if not (isinstance(record, dict) and isinstance(record.get("seq"), int) and record["seq"] > 0
            and isinstance(record.get("digest"), str)):
        return None
    return record


def write(db, seq: int, digest: str) -> None:
    """Record the chain's head for this store (after a commit, as the anchor is). A record the chain does not
    reach is left as it is: the finding stays (problem())."""
    path = _path(db)
    if path is None:
        return
    record = read(db)
    if record is not None and not accepted(db, record):
        row = db.conn.execute("SELECT digest FROM audit WHERE seq = ?", [record["seq"]]).fetchone()
        if record["seq"] > seq or row is None or row[0] != record["digest"]:
            return
    row = db.conn.execute("SELECT at FROM audit WHERE seq = ?", [seq]).fetchone()
    where = db.conn.execute("PRAGMA database_list").fetchone()
    record = {"seq": seq, "digest": digest, "at": row[0] if row else None, "store": where[2] if where else None}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8"), mode=0o600)
    except OSError as exc:
        if not _said_unwritable:  # once per run: every commit would say it again
            _said_unwritable.append(str(path.parent))
            logging.getLogger(__name__).warning(
                "无法在本机记录审计日志末条（%s：%s），审查库被旧副本替换时将无法察觉；审查照常进行 / the audit head "
                "cannot be recorded in the user's state folder; a store put back from an older copy will not be "
                "noticed", path.parent, exc.strerror or exc)


def accepted(db, record: dict) -> bool:
    """The reviewer gave up this recorded head (models.store.guards.older_accept): an audit entry of this store
    names it (read here without models.store.audit, which writes through this module)."""
    rows = db.conn.execute("SELECT payload_json FROM audit WHERE action = ?", [ACCEPT_ACTION])
    for (text,) in rows:
        try:
            given_up = json.loads(text or "null").get("given_up")
        except (ValueError, AttributeError):
            continue
        if isinstance(given_up, dict) and (given_up.get("seq"), given_up.get("digest")) == (record["seq"],
                                                                                          record["digest"]):
            return True
    return False


def problem(db, chain) -> str | None:
    """The chain against the head recorded on this machine: None when it reaches that head (or none is recorded,
    or the reviewer gave it up: models.store.guards.older_accept)."""
    record = read(db)
    if record is None or accepted(db, record):
        return None
    seq, at = record["seq"], when(record.get("at"))
    if seq > chain.count:
        lost = seq - chain.count
        head = db.conn.execute("SELECT at FROM audit WHERE seq = ?", [chain.count]).fetchone()
        since = when(head[0]) if head else "审查开始"  # the store's last entry: what came after it is gone
        return (f"审查库被替换为较旧的副本：{since} 之后所作的审查决定缺失（审计日志少 {lost} 条：本机记录到第 "
                f"{seq} 条，记于 {at}；库中只有 {chain.count} 条）；请找回较新的审查库，或交技术人员处理，"
                f"或确认以此较旧的审查库为准（记入审计日志） / the store was put back from an older copy: "
                f"decisions made after {since} are missing ({lost} audit entries)")
    row = db.conn.execute("SELECT digest FROM audit WHERE seq = ?", [seq]).fetchone()
    if row is None or row[0] != record["digest"]:
        return (f"审查库的审计日志与本机记录不符（第 {seq} 条，记于 {at}），审查库可能被另一副本替换，此前所作的"
                f"审查决定可能缺失；可找回原审查库，或确认以此审查库为准（记入审计日志） / the audit log is not "
                f"the one this machine recorded (entry {seq}, {at}): another copy?")
    return None


def when(at) -> str:
    """An audit entry's UTC time as a person reads it, the zone said."""
    if not isinstance(at, str) or len(at) < 19:
        return "（时间不明）"
    return at[:19].replace("T", " ") + " UTC"


def new_id() -> str:
    return os.urandom(16).hex()
