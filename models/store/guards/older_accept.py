"""The reviewer takes a store older than this machine's record of it as the truth: deliberately, audited.

A rollback (models.store.guards.audit_record) refuses the memo; when the newer store is lost for good, the
reviewer can only go on from the older one. accept_older() writes the audit entry that says who gave up which
recorded head (seq, digest, when) and which head was kept; the per-user record then follows this store's chain
again (a later rollback is still caught), and the memo can be signed."""

from models.store import audit
from models.store.guards import audit_record
from models.store.guards.audit_record import ACCEPT_ACTION


def accept_older(db, reviewer: str) -> dict | None:
    """Take this store as the truth although this machine recorded a later head: an audit entry by reviewer
    names the head given up (seq, digest, when) and the one kept; the record then follows this chain (written
    as the entry is committed). None when there is nothing to accept (no such finding, or a chain that breaks:
    a different finding, not this one to wave)."""
    chain = audit.verify_chain(db)
    record = audit_record.read(db)
    if not chain.ok or record is None or audit_record.problem(db, chain) is None:
        return None
    return audit.append(db, reviewer, ACCEPT_ACTION, {
        "given_up": {"seq": record["seq"], "digest": record["digest"], "at": record.get("at"),
                     "store": record.get("store")},
        "kept": {"seq": chain.count, "digest": chain.head_digest},
        "note": "审查人确认以此较旧的审查库为准，放弃本机记录的较新审计日志末条 / the reviewer took this older store "
                "as the truth, giving up the later head recorded on this machine"})
