"""Taking a clause's decision back to 待决: the row goes, the audit log keeps what it was and who took it back."""

from models.store import audit


def revert_decision(store, item: str, check_name: str, reviewer: str) -> dict | None:
    """Remove the reviewer's decision on one clause; returns the decision removed (None when there was none).
    Committed and audited at once, as every review write."""
    if not (reviewer or "").strip():
        raise ValueError("须署名审查人 / a reviewer is required")
    cursor = store.db.conn.execute("SELECT * FROM decisions WHERE item = ? AND check_name = ?", [item, check_name])
    row = cursor.fetchone()
    if row is None:
        return None
    removed = dict(zip([d[0] for d in cursor.description], row))
    with audit.transaction(store.db) as conn:
        conn.execute("DELETE FROM decisions WHERE item = ? AND check_name = ?", [item, check_name])
        audit.append(store.db, reviewer, "decision.revert", {"item": item, "check_name": check_name,
                                                             "removed": removed})
    return removed
