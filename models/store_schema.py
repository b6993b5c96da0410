"""The store's tables, one migration function per schema version (never edit a released one: add the next)."""

import sqlite3

SCHEMA_VERSION = 1


def migrate_to_1(conn: sqlite3.Connection) -> None:
    conn.executescript("""
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE IF NOT EXISTS files (
        id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, item TEXT, listed INTEGER NOT NULL DEFAULT 0,
        kind TEXT NOT NULL, size INTEGER, mode INTEGER,
        modified_ns INTEGER, accessed_ns INTEGER, changed_ns INTEGER, created_ns INTEGER,
        time_source TEXT, link_target TEXT, deleted INTEGER NOT NULL DEFAULT 0, error TEXT,
        mime TEXT, category TEXT, extension_mismatch INTEGER, exif_json TEXT, type_error TEXT);
    CREATE INDEX IF NOT EXISTS files_item ON files(item);
    CREATE TABLE IF NOT EXISTS verification (
        id INTEGER PRIMARY KEY, item TEXT, path TEXT, algorithm TEXT, recorded TEXT, recorded_source TEXT,
        computed TEXT, status TEXT, error TEXT, explanation TEXT, verified_at TEXT, program_version TEXT);
    CREATE INDEX IF NOT EXISTS verification_path ON verification(path);
    CREATE TABLE IF NOT EXISTS check_results (
        item TEXT, check_name TEXT, article TEXT, status TEXT, facts_json TEXT, message TEXT, run_at TEXT,
        PRIMARY KEY (item, check_name));
    CREATE TABLE IF NOT EXISTS decisions (
        item TEXT, check_name TEXT, decision TEXT, reason TEXT, note TEXT, answer TEXT, reviewer TEXT,
        decided_at TEXT, PRIMARY KEY (item, check_name));
    CREATE TABLE IF NOT EXISTS tags (
        path TEXT, heading TEXT, note TEXT, reviewer TEXT, tagged_at TEXT, PRIMARY KEY (path, heading));
    CREATE TABLE IF NOT EXISTS outcomes (
        item TEXT PRIMARY KEY, outcome TEXT, basis TEXT, reason TEXT, corrections TEXT, reviewer TEXT,
        decided_at TEXT);
    CREATE TABLE IF NOT EXISTS audit (
        seq INTEGER PRIMARY KEY, at TEXT, reviewer TEXT, action TEXT, payload_json TEXT, prev_digest TEXT,
        digest TEXT);
    CREATE TABLE IF NOT EXISTS category_overrides (path TEXT PRIMARY KEY, category TEXT, reviewer TEXT, at TEXT);
    """)


MIGRATIONS = {1: migrate_to_1}
