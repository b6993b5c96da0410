"""The reviewer's corrections of a file's Art. 27 form: stored, applied to the files table, audited.

Here and not in models.inventory.category, so the form rules import nothing of the review store's audit."""

import time

from models.common.timeutil import ns_to_utc_iso
from models.inventory.category import FORMS, category_for
from models.store import audit


def set_category_override(store, path: str, category: str, reviewer: str, reason: str = "") -> None:
    """The reviewer corrects a file's form: kept in category_overrides, applied to files, audited."""
    if category not in FORMS:
        raise ValueError(f"unknown Art. 27 form {category!r}")
    at = ns_to_utc_iso(time.time_ns())
    with audit.transaction(store.db) as conn:
        row = conn.execute("SELECT category FROM files WHERE path = ?", [path]).fetchone()
        conn.execute("INSERT OR REPLACE INTO category_overrides(path, category, reviewer, at) VALUES (?, ?, ?, ?)",
                     [path, category, reviewer, at])
        conn.execute("UPDATE files SET category = ? WHERE path = ?", [category, path])
        audit.append(store.db, reviewer, "category.override",
                     {"path": path, "from": row[0] if row else None, "to": category, "reason": reason})


def clear_category_override(store, path: str, reviewer: str, reason: str = "") -> None:
    """Back to the form the content gives; audited."""
    with audit.transaction(store.db) as conn:
        row = conn.execute("SELECT mime, category FROM files WHERE path = ?", [path]).fetchone()
        computed = category_for(row[0], path) if row and row[0] else None
        conn.execute("DELETE FROM category_overrides WHERE path = ?", [path])
        conn.execute("UPDATE files SET category = ? WHERE path = ?", [computed, path])
        audit.append(store.db, reviewer, "category.clear",
                     {"path": path, "from": row[1] if row else None, "to": computed, "reason": reason})
