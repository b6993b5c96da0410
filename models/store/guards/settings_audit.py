"""Case settings the memo depends on, audited like decisions: the E01 header's code page (the check results the
memo signs are read in it) and the memo's document number (printed on it).

They lived in the store's meta table, unaudited: an sqlite3 edit changed the next check's reading of an E01
header or the number on the next memo unnoticed. Each is now set with an audit entry in the same transaction
(keep()), and models.store.audit_guard compares meta with the last entry of each key (problems()). A store made
before this holds values with no entry: adopt() records them once, on open, as an audited entry of their own
(visible in the log), so they are protected from then on.

The reviewer's corrections of a file's form (category_overrides, which the memo's counts use) are audited as
decisions are (models.store.audit_guard.TABLES). The form the typing pass found (files.category) is machine
output like the rest of the inventory (paths, sizes, times the memo also counts): not audited, but sealed by
triggers on the files table (models.store.guards.files_seal)."""

from models.store import audit

ACTION = "setting.set"
KEYS = {  # meta key -> its words for a person (the keys are those of models.memo.memo_data and image.disk.codepages)
    "memo.document_number": "文书编号",
    "image.header_codepage": "E01 文件头代码页",
}


def _norm(value):
    return value or None  # "" is the default, as no value


def _audited(db) -> dict[str, str | None]:
    """key -> the value its last audit entry set (keys never audited absent)."""
    found = {}
    for payload in audit.iter_payloads(db, ACTION):
        if isinstance(payload, dict) and payload.get("key") in KEYS:
            found[payload["key"]] = _norm(payload.get("value"))
    return found


def _meta(db, key: str):
    row = db.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return _norm(row[0]) if row else None


def keep(store, key: str, value: str | None, reviewer: str = "") -> None:
    """Keep value under key in the store's meta, audited (nothing written when it is the value already kept)."""
    if _norm(value) == _meta(store.db, key) and key in _audited(store.db):
        return
    with audit.transaction(store.db) as conn:
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [key, value or ""])
        audit.append(store.db, reviewer, ACTION, {"key": key, "value": value or ""})


def adopt(store) -> None:
    """Values kept before settings were audited: one audited entry each, so an edit from now on shows."""
    audited = _audited(store.db)
    for key in KEYS:
        value = _meta(store.db, key)
        if key not in audited and value is not None:
            with audit.transaction(store.db):
                audit.append(store.db, "", ACTION, {"key": key, "value": value, "adopted": True})


def problems(db) -> list[str]:
    audited = _audited(db)
    found = []
    for key, words in KEYS.items():
        value = _meta(db, key)
        if (audited[key] if key in audited else None) != value:
            found.append(f"审查库设置中 {words} 与审计记录不符 / a case setting differs from its audit entry")
    return found
