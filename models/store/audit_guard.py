"""The audit log protects the decisions: the review tables must follow from the chain, and the chain must
reach the head recorded outside the database.

Editing `decisions`, `outcomes` or `tags` directly, cutting the last audit entries, or putting back another
copy of the store went unnoticed, and a memo signed whatever the tables held. check(db) replays the chain
(the last decision per clause, outcome per item, tag per path and heading) and compares the tables with it,
then compares the chain with the anchor file beside the store (models.store.audit.advance_anchor). The window shows
a banner (ui/review/audit_banner.py); `memo` refuses to sign (exit 2), in the command line and in the window."""

import json
from contextlib import contextmanager

from models.common.labels import label
from models.store import audit, records_seal
from models.store.guards import audit_record, files_seal, settings_audit

TABLES = {  # table -> (key columns, audit actions that set a row, action that removes one)
    "decisions": (("item", "check_name"), ("decision.confirm", "decision.override", "decision.answer"),
                  "decision.revert"),  # 0 in the window: back to 待决 (models.store.decision_revert)
    "outcomes": (("item",), ("outcome.set",), None),
    "tags": (("path", "heading"), ("tag.add",), "tag.remove"),
    "category_overrides": (("path",), ("category.override",), "category.clear"),  # the memo counts forms by it
}
# an entry's payload as the row it sets, where the two are not spelled alike (models.store.overrides)
ROW_OF = {"category_overrides": lambda p: {"path": p.get("path"), "category": p.get("to")}}


class AuditError(Exception):
    """The review store's audit does not hold: nothing is signed from it."""


def replay(db) -> dict[str, dict]:
    """table -> {key: record} as the audit chain says the tables should be."""
    state = {table: {} for table in TABLES}
    rows = db.conn.execute("SELECT action, payload_json FROM audit ORDER BY seq")
    for action, payload_json in rows:
        for table, (keys, sets, removes) in TABLES.items():
            if action in sets or action == removes:
                try:
                    record = json.loads(payload_json or "null")
                    record = ROW_OF[table](record) if table in ROW_OF else record
                    key = tuple(record.get(k) for k in keys)
                except (ValueError, AttributeError):
                    continue  # the chain check reports an entry that does not decode
                if action == removes:
                    state[table].pop(key, None)
                else:
                    state[table][key] = record
    return state


def _norm(value):
    return None if value == "" else value


def table_problems(db) -> list[str]:
    """Rows that differ from the chain's replay: changed, added or removed outside the program."""
    problems = []
    for table, expected in replay(db).items():
        keys, words = TABLES[table][0], label("table", table, "zh")  # a table's name is code: its word
        cursor = db.conn.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        seen = set()
        for row in cursor:
            record = dict(zip(names, row))
            key = tuple(record.get(k) for k in keys)
            seen.add(key)
            want = expected.get(key)
            if want is None:
                problems.append(f"{words} 中 {'/'.join(map(str, key))} 无审计记录 / a row with no audit entry")
            elif any(_norm(record[c]) != _norm(want[c]) for c in names if c in want):
                problems.append(f"{words} 中 {'/'.join(map(str, key))} 与审计记录不符 / a row differs from its "
                                "audit entry")
        for key in expected.keys() - seen:
            problems.append(f"{words} 中 {'/'.join(map(str, key))} 已被删除 / a row was removed outside the program")
    return problems


def anchor_problem(db, chain: audit.ChainStatus) -> str | None:
    """The chain against the head recorded beside the store; None when it reaches that head."""
    anchor = audit.read_anchor(db)
    if anchor is None:
        if audit.was_anchored(db):
            return (f"库外的审计锚点文件 {audit.anchor_path(db)} 缺失（被删除，或审查库被单独复制、替换）"
                    " / the audit anchor beside the store is missing")
        return None  # a store from before anchors: the next entry writes one
    seq, digest = anchor.get("seq"), anchor.get("digest")
    if seq is None or seq < 0:
        return (f"库外的审计锚点文件 {audit.anchor_path(db)} 无法读取（须为普通小文件） / the audit anchor beside the "
                "store cannot be read")
    if seq > chain.count:
        return (f"审计日志末尾缺少 {seq - chain.count} 条记录（库外锚点记到第 {seq} 条，库中只有 {chain.count} 条）"
                " / the last audit entries were cut off")
    row = db.conn.execute("SELECT digest FROM audit WHERE seq = ?", [seq]).fetchone()
    if seq and (row is None or row[0] != digest):
        return (f"第 {seq} 条审计记录与库外锚点不符，审查库可能被另一副本替换 / the audit log is not the one the "
                "anchor recorded (another copy?)")
    return None


def check(db) -> audit.ChainStatus:
    """The chain, the tables against it, the chain against its anchor: ok, or the first problem found."""
    chain = audit.verify_chain(db)
    if not chain.ok:
        return chain
    problem = anchor_problem(db, chain)
    rolled_back = audit_record.problem(db, chain)  # an older copy put back with its anchor: the anchor agrees
    if rolled_back:
        problem = (problem + "；" if problem else "") + rolled_back
    tables = table_problems(db) + settings_audit.problems(db)
    if tables:
        more = f"（另 {len(tables) - 1} 处）" if len(tables) > 1 else ""
        problem = (problem + "；" if problem else "") + tables[0] + more
    if problem:
        return audit.ChainStatus(ok=False, broken_at_seq=None, head_digest=chain.head_digest, count=chain.count,
                                 problem=problem)
    anchor, record = audit.read_anchor(db), audit_record.read(db)
    if chain.count and (anchor is None or anchor.get("seq", 0) < chain.count
                        or record is None or record["seq"] < chain.count):
        audit.advance_anchor(db, chain.count, chain.head_digest)  # a crash between commit and anchor: catch up
    return chain


def describe(status: audit.ChainStatus) -> str:
    """One line for a person."""
    if status.ok:
        return "审计日志完整 / the audit log holds"
    if status.problem:
        return f"审计日志校验失败 / the audit log does not hold：{status.problem}"
    return (f"审计日志校验失败：第 {status.broken_at_seq} 条记录起哈希链断裂 / the audit chain breaks at entry "
            f"{status.broken_at_seq}")


def require_intact(db) -> None:
    """Raise AuditError (a one-line message) unless the audit holds and the machine records the memo signs are as
    their writers left them (models.store.records_seal): before anything is signed."""
    status = check(db)
    if status.ok:
        sealed = records_seal.problems(db) + files_seal.problems(db)
        if sealed:
            status = audit.ChainStatus(ok=False, broken_at_seq=None, head_digest=status.head_digest,
                                       count=status.count, problem="；".join(sealed))
    if not status.ok:
        raise AuditError(describe(status) + "；不签署审查意见 / no memo is signed from this store")


@contextmanager
def one_snapshot(db):
    """Everything read inside sees the store as one instant (a WAL read transaction): the audit checked and the
    tables then read for the memo are the same, whatever another hand writes in between."""
    conn = db.conn
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.commit()
