"""Whether the store's verification is for the bundle as it is now: a mark of the scanned state it was made for.
Here, under everything, because `check`, the window and the memo all ask it (the memo is in models/)."""

import hashlib

VERIFIED_STATE = "verified_state"  # store meta: the bundle state (bundle_state) the verification was made for


def bundle_state(store) -> str:
    """SHA-256 over the scanned files' path, size, modification and change times: a changed, added or removed
    file changes it (the store itself is named by the manifest's digest). Read from the last scan, in SQL order
    (a million rows stream through without being held)."""
    digest = hashlib.sha256()
    rows = store.db.conn.execute("SELECT path, size, modified_ns, changed_ns, deleted, kind FROM files ORDER BY path")
    for row in rows:
        digest.update(repr(tuple(row)).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _last_verified(store) -> str:
    row = store.db.conn.execute("SELECT MAX(verified_at) FROM verification").fetchone()
    return (row[0] if row else None) or ""


def mark_verified(store) -> None:
    """Record that the verification now in the store is for the bundle as the last scan saw it."""
    store.set_meta(VERIFIED_STATE, f"{bundle_state(store)}|{_last_verified(store)}")


def verification_current(store, strict: bool = False) -> bool:
    """True when the store's verification is for the bundle as it is now. A verification marked by
    mark_verified must match the bundle's state; one saved since without a mark (the window's verify tab)
    counts unless strict, as does an unmarked one."""
    state, _sep, at = (store.meta(VERIFIED_STATE) or "").partition("|")
    if state and at == _last_verified(store):
        return state == bundle_state(store)
    if strict:
        return False
    return store.db.conn.execute("SELECT 1 FROM verification LIMIT 1").fetchone() is not None
