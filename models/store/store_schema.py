"""The store's tables, one migration function per schema version (never edit a released one: add the next)."""

import sqlite3

SCHEMA_VERSION = 6


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


def migrate_to_2(conn: sqlite3.Connection) -> None:
    """The timeline: one row per instant (a file's time or the manifest's), kept in time order by an index so
    the 时间线 tab pages it with LIMIT instead of holding millions of tuples. Derived from files and the manifest
    (models/timeline/timeline_store.py rebuilds it when they change); file rows name their file by id, manifest
    rows carry their own path and field label."""
    conn.executescript("""
    CREATE TABLE IF NOT EXISTS timeline (
        id INTEGER PRIMARY KEY, at_utc_ns INTEGER NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL,
        zone_known INTEGER NOT NULL, item TEXT, file_id INTEGER, path TEXT, label TEXT);
    CREATE INDEX IF NOT EXISTS timeline_at ON timeline(at_utc_ns);
    CREATE INDEX IF NOT EXISTS timeline_kind_at ON timeline(kind, at_utc_ns);
    """)


def migrate_to_3(conn: sqlite3.Connection) -> None:
    """Files inside disk images: the TSK address (inode / MFT entry, 'addr-type-id' for an NTFS stream) the
    content is read by, the role of entries that are not user files ('virtual': TSK's $MBR, $FAT1,
    $OrphanFiles ...; 'metadata': NTFS's $ files) and the file an alternate data stream belongs to."""
    conn.executescript("""
    ALTER TABLE files ADD COLUMN address TEXT;
    ALTER TABLE files ADD COLUMN role TEXT;
    ALTER TABLE files ADD COLUMN stream_of TEXT;
    """)


def migrate_to_4(conn: sqlite3.Connection) -> None:
    """A check result's message key and parameters (checks.base.CheckResult), so the window renders it in the
    interface language; rows stored before keep NULL and show their Chinese message."""
    conn.executescript("""
    ALTER TABLE check_results ADD COLUMN message_key TEXT;
    ALTER TABLE check_results ADD COLUMN params_json TEXT;
    """)


def migrate_to_5(conn: sqlite3.Connection) -> None:
    """Verification records read an item at a time (checks.runner.StoredVerifications): by an index, not a scan
    of every record per item (100k items: quadratic)."""
    conn.executescript("""
    CREATE INDEX IF NOT EXISTS verification_item ON verification(item);
    """)


def migrate_to_6(conn: sqlite3.Connection) -> None:
    """A finding's full file list beside its check result (models.store.finding_files): the facts keep a count and
    the first files, so a finding that names a million files is never one 31 MB JSON text read and parsed whole.
    Each path once per list (the unique index), read back in the order the check named them (seq)."""
    conn.executescript("""
    CREATE TABLE IF NOT EXISTS finding_files (
        item TEXT, check_name TEXT, key TEXT, seq INTEGER, path TEXT);
    CREATE INDEX IF NOT EXISTS finding_files_order ON finding_files(item, check_name, key, seq);
    CREATE UNIQUE INDEX IF NOT EXISTS finding_files_path ON finding_files(item, check_name, key, path);
    """)


MIGRATIONS = {1: migrate_to_1, 2: migrate_to_2, 3: migrate_to_3, 4: migrate_to_4, 5: migrate_to_5, 6: migrate_to_6}
