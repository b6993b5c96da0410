"""The review store: one SQLite file per bundle (WAL), schema version in the file, one migration per version."""

import os
import shutil
import sqlite3
import weakref
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import sqlite_utils

from models.bundle.names import from_os
from models.store import store_lock
from models.store.guards import audit_record, files_seal, settings_audit, store_create, store_damage
from models.store.guards.store_damage import StoreError
from models.store.store_schema import MIGRATIONS, SCHEMA_VERSION

STORE_ENV = "EVIDENCEDESK_STORE"
__all__ = ["Store", "StoreError", "open_store", "open_store_file", "default_store_dir", "migrate"]


@dataclass
class Store:
    db: sqlite_utils.Database
    path: Path
    replaced: str | None = None  # set when a damaged store was moved aside on open: what was kept and where

    def meta(self, key: str, default=None):
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value) -> None:
        with self.db.conn:
            self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [key, str(value)])

    def close(self) -> None:
        self.db.conn.close()


_opened: list[weakref.ref] = []  # every Store of this process: a damaged one found mid-command is closed first


def open_stores() -> list[Store]:
    alive = [ref() for ref in _opened]
    _opened[:] = [ref for ref, store in zip(_opened, alive) if store is not None]
    return [store for store in alive if store is not None]


def default_store_dir() -> Path:
    """$EVIDENCEDESK_STORE, else the user's data folder."""
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("EvidenceDesk", appauthor=False)) / "stores"


def _schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(path: Path, conn: sqlite3.Connection) -> None:
    """Bring the file to SCHEMA_VERSION, one migration at a time, after a backup copy of the old file."""
    version = _schema_version(conn)
    if version < 0:  # models.store.guards.store_damage keeps such a file aside before it gets here
        raise StoreError(f"审查库版本号 {version} 无效 / invalid store schema version")
    if version > SCHEMA_VERSION:
        raise StoreError(f"审查库版本 {version} 高于本程序支持的 {SCHEMA_VERSION} / store is newer than this program")
    if 0 < version < SCHEMA_VERSION:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy2(path, path.with_name(f"{path.name}.v{version}.bak"))
    for target in range(version + 1, SCHEMA_VERSION + 1):
        with conn:
            MIGRATIONS[target](conn)
            conn.execute(f"PRAGMA user_version = {target}")
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", [str(target)])


def _build(conn: sqlite3.Connection) -> None:
    """A new store's schema and seal (models.store.guards.store_create builds it beside its name)."""
    files_seal.register(conn)
    migrate(Path(conn.execute("PRAGMA database_list").fetchone()[2]), conn)
    files_seal.install(sqlite_utils.Database(conn))


def open_store_file(path: Path) -> Store:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        store_create.create(path, _build)  # whole or not at all: never a 0-byte store
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.isolation_level = ""  # back to Python's implicit transactions, committed by `with conn:`
        files_seal.register(conn)
        migrate(path, conn)
        db = sqlite_utils.Database(conn)
        files_seal.install(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"无法打开审查库 / cannot open the review store {path}: {exc}") from exc
    store = Store(db=db, path=path)
    _opened.append(weakref.ref(store))
    return store


def open_store(bundle, store_dir: Path | None = None, notify=None) -> Store:
    """The bundle's store, keyed by its manifest digest; reopening a bundle reuses it. The file is checked
    first (models.store.guards.store_damage): a damaged one is kept aside and a fresh store started, store.replaced
    saying so.
    Opened under the store's lock (models.store.store_lock; notify(message) if another process holds it)."""
    folder = Path(store_dir) if store_dir else default_store_dir()
    path = folder / f"{bundle.digest}.sqlite"
    with store_lock.held(path, notify):
        reason = store_damage.damage(path)
        replaced = store_damage.move_aside(path, reason) if reason else None
        store = open_store_file(path)
        store.replaced = replaced
        made_for = store.meta("manifest_digest")
        if made_for is None:
            store.set_meta("manifest_digest", bundle.digest)
        elif made_for != bundle.digest:  # copied or renamed from another case: its decisions are not this one's
            store.close()
            raise StoreError(f"审查库 {path} 属于另一份清单（清单摘要 {str(made_for)[:16]}…，本证据包为 "
                             f"{bundle.digest[:16]}…），不予使用：它的审查决定不属于本案；请移走该文件或用 --store "
                             f"另选文件夹 / the review store belongs to another manifest and is not used")
        if audit_record.store_id(store.db) is None:  # this store's own name in the per-user audit record
            store.set_meta(audit_record.STORE_ID_KEY, audit_record.new_id())
        settings_audit.adopt(store)  # a code page or document number kept before they were audited
        store.set_meta("bundle_root", from_os(os.path.abspath(bundle.root)))  # a folder name that is not UTF-8
    return store
