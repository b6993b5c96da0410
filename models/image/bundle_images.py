"""Disk images that are `disk_image` content entries of a case bundle, listed by the bundle's scan: each image
opened read-only (found through safepath, every segment a regular file inside the bundle, so no link leads
out), its partitions' entries written under the image's bundle path as 'PATH:/pN/path' in the rows a
standalone image's scan writes (models.image.scan). An image whose segment files keep their size and mtime is
not walked again: its rows stay as they are."""

import json
import os
import stat
from pathlib import Path

from models.bundle.bundle_error import ImageError
from models.bundle.safepath import SafePathError, is_inside, resolve_inside
from models.common.os_errors import os_reason
from models.image.disk.container import ImageSpec, inspect

META_PREFIX = "bundle_image:"  # meta key per image: its files' stamp, its description, why it could not be read
BATCH = 2000
LOG_SUFFIXES = (".txt", ".info", ".log")  # FTK Imager, Guymager and other acquisition logs


def image_entries(bundle) -> list[tuple[str | None, str]]:
    """(item id, bundle path) of every disk_image content entry, each path once, in manifest order."""
    found, seen = [], set()
    for item in getattr(bundle, "items", None) or []:
        for entry in item.get("content") or []:
            path = entry.get("path")
            if entry.get("type") == "disk_image" and isinstance(path, str) and path not in seen:
                seen.add(path)
                found.append((item.get("id"), path))
    return found


def open_spec(bundle, rel: str) -> ImageSpec:
    """The image of a content entry, its segments checked to be regular files inside the bundle (libewf opens
    segments by name and would follow a link). ImageError says why it cannot be read."""
    root = Path(bundle.root)
    try:
        spec = inspect(resolve_inside(root, rel))
    except SafePathError as exc:
        raise ImageError(str(exc)) from exc
    for segment in spec.segments:
        try:
            mode = os.lstat(segment).st_mode
        except OSError as exc:
            raise ImageError(f"无法读取镜像分段 / cannot read the image segment {Path(segment).name}: "
                             f"{os_reason(exc)}") from exc
        if not stat.S_ISREG(mode) or not is_inside(root, Path(segment)):
            raise ImageError(f"镜像分段不是证据包内的普通文件（链接或设备）/ an image segment is not a regular file "
                             f"inside the bundle (a link or a device): {Path(segment).name}")
    return spec


def companion_of(name: str, images: list[tuple]) -> str | None:
    """The item of the image a file of the same folder goes with (a segment: same stem, same letter, digits
    after it, as usb.E02 or usb.002; an acquisition log: .txt, .info, .log), None when it goes with none."""
    lower = name.lower()
    if lower.endswith(LOG_SUFFIXES):
        return images[0][0]
    stem, dot, suffix = name.rpartition(".")
    for item, rel in images:
        own_stem, _dot, own_suffix = rel.rpartition("/")[2].rpartition(".")
        if dot and stem == own_stem and suffix[:1].lower() == own_suffix[:1].lower() and suffix[1:].isdigit() \
                and (suffix[:1].isdigit() or len(suffix) == 3):
            return item
    return None


def stamp(spec: ImageSpec, tz_name: str) -> list:
    """What decides whether an image is walked again: each segment's name, size and mtime, and the case zone
    (FAT's local times are read in it)."""
    found = []
    for segment in spec.segments:
        st = os.lstat(segment)
        found.append([Path(segment).name, st.st_size, st.st_mtime_ns])
    return [tz_name, spec.codepage, found]


def _inner_range(rel: str) -> tuple[str, str]:
    """Bounds of the paths inside an image in the files table: 'REL:/' <= path < 'REL:0'."""
    return rel + ":/", rel + ":0"


class ImageLister:
    """Lists every disk_image entry of a bundle into the store during its scan. `known` is the scan's
    {path: stat columns} of a rescan (None on a first scan): paths found or kept are taken out of it, so the
    scan removes only what is gone."""

    def __init__(self, bundle, store, known: dict | None, summary, progress=None, cancel=None):
        self.bundle, self.store, self.known, self.summary = bundle, store, known, summary
        self.progress, self.cancel = progress, cancel
        self.tz = bundle.timezone or "UTC"

    def run(self) -> None:
        entries = image_entries(self.bundle)
        current = {META_PREFIX + rel for _item, rel in entries}
        with self.store.db.conn as conn:  # images no longer in the manifest: their descriptions go
            for key, in conn.execute("SELECT key FROM meta WHERE key >= ? AND key < ?",
                                     [META_PREFIX, META_PREFIX[:-1] + ";"]).fetchall():
                if key not in current:
                    conn.execute("DELETE FROM meta WHERE key = ?", [key])
        for item, rel in entries:
            self.one(item, rel)
        self.companions(entries)

    def companions(self, entries: list) -> None:
        """Segments (.E02, .002 ...) and acquisition logs beside a listed image belong to its item (the
        folder walk, which knows content entries only, wrote them as additions): as verify counts them."""
        conn, found = self.store.db.conn, []
        by_folder: dict[str, list] = {}
        for item, rel in entries:
            by_folder.setdefault(rel.rpartition("/")[0], []).append((item, rel))
        for folder, images in by_folder.items():
            low = folder + "/" if folder else ""
            sql, params = "SELECT path FROM files WHERE item IS NULL AND kind = 'file'", []
            if folder:
                sql, params = sql + " AND path >= ? AND path < ?", [low, folder + "0"]
            for path, in conn.execute(sql, params).fetchall():
                name = path[len(low):]
                item = None if "/" in name else companion_of(name, images)
                if item is not None:
                    found.append((item, path))
                    self.summary.additions -= path.startswith("evidence/")
        if found:
            with conn:
                conn.executemany("UPDATE files SET item = ?, listed = 1 WHERE path = ?", found)

    def _saved(self, rel: str) -> dict:
        text = self.store.meta(META_PREFIX + rel)
        try:
            return json.loads(text) if text else {}
        except ValueError:
            return {}

    def one(self, item, rel: str) -> None:
        try:
            spec = open_spec(self.bundle, rel)
            mark = stamp(spec, self.tz)
        except (ImageError, OSError) as exc:
            self._unreadable(rel, str(exc))
            return
        saved = self._saved(rel)
        if self.known is not None and saved.get("stamp") == mark and not saved.get("error"):
            self._keep(rel)
            return
        self._walk(item, rel, spec, mark)

    def _unreadable(self, rel: str, reason: str) -> None:
        """The image file stays listed (the folder walk wrote it) and carries the reason; what an earlier scan
        listed inside it is removed with the scan's other stale rows."""
        with self.store.db.conn as conn:
            conn.execute("UPDATE files SET error = ? WHERE path = ?", [reason, rel])
        self.summary.errors += 1
        self.store.set_meta(META_PREFIX + rel, json.dumps({"error": reason}))

    def _keep(self, rel: str) -> None:
        """An unchanged image: its rows stay; counted as a walk would count them."""
        low, high = _inner_range(rel)
        conn = self.store.db.conn
        for path, in conn.execute("SELECT path FROM files WHERE path >= ? AND path < ?", [low, high]):
            self.known.pop(path, None)
        count, size, errors, links = conn.execute(
            "SELECT count(*), CAST(TOTAL(CASE WHEN kind = 'file' AND role IS NULL THEN size END) AS INTEGER), "
            "count(error), sum(kind = 'link') FROM files WHERE path >= ? AND path < ?", [low, high]).fetchone()
        self.summary.files += count
        self.summary.bytes += size
        self.summary.errors += errors
        self.summary.links += links or 0

    def _walk(self, item, rel: str, spec: ImageSpec, mark: list) -> None:
        from models.image.listing.walk_split import folder_rows
        from models.image.source import ImageSource

        conn, summary = self.store.db.conn, self.summary
        try:
            source = ImageSource(spec, self.tz, rel)
        except (ImageError, OSError) as exc:
            self._unreadable(rel, str(exc))
            return
        rescan = self.known is not None  # a first scan: nothing to update
        try:
            info = source.info()
            pending = []
            for rows, counts in folder_rows(source, _Covered(item), self.cancel):  # helpers: a stalled TSK stops
                pending += rows
                if rescan:
                    for row in rows:
                        self.known.pop(row[0], None)
                summary.files += counts[0]
                summary.bytes += counts[1]
                summary.errors += counts[2]
                summary.links += counts[3]
                if len(pending) >= BATCH:
                    self._write(conn, rescan, pending)
                    pending = []
            self._write(conn, rescan, pending)
        finally:
            source.close()
        with conn:  # the image file's own row: any reason an earlier scan gave is gone
            conn.execute("UPDATE files SET error = NULL WHERE path = ? AND error IS NOT NULL AND kind = 'file'", [rel])
        self.store.set_meta(META_PREFIX + rel, json.dumps({"stamp": mark, "image": info}))

    def _write(self, conn, rescan: bool, rows: list) -> None:
        from models.image.listing.rows import write_rows

        if not rows:
            return
        write_rows(conn, rows, rescan)
        self.summary.changed += len(rows)
        if self.progress:
            self.progress(self.summary.files, None, self.summary.bytes, None)


def list_bundle_images(bundle, store, known: dict | None, summary, progress=None, cancel=None) -> None:
    """The scan's step for disk images (models.inventory.scan.scan_bundle)."""
    if image_entries(bundle):
        ImageLister(bundle, store, known, summary, progress, cancel).run()


def bundle_image_info(store, rel: str) -> dict | None:
    """The {"image": ...} description the last scan saved of one disk_image entry (None before, or when the
    image could not be read: then {"error": reason})."""
    text = store.meta(META_PREFIX + rel)
    if not text:
        return None
    data = json.loads(text)
    return {"image": data["image"]} if "image" in data else {"error": data.get("error")}


_INNER_UNTYPED = "FROM files WHERE kind = 'file' AND mime IS NULL AND role IS NULL AND address IS NOT NULL"


def untyped_inner_records(bundle, store) -> list[tuple]:
    """(id, path, size, address) of the user files inside the bundle's disk images not typed yet (deleted ones
    too: TSK reads their content where it can)."""
    if not image_entries(bundle):
        return []
    return store.db.execute(f"SELECT id, path, size, address {_INNER_UNTYPED} ORDER BY id").fetchall()


def fill_inner_types(bundle, records: list[tuple], write, cancel=None, exif: bool = True) -> None:
    """Type the files inside the bundle's disk images through TSK, image by image (models.image.typing); an
    image that cannot be opened gives each of its files the reason."""
    from models.image import typing as image_typing

    by_image: dict[str, list] = {}
    for record in records:
        by_image.setdefault(record[1].split(":/", 1)[0], []).append(record)
    tz = bundle.timezone or "UTC"
    for rel, group in by_image.items():
        batches = [group[i:i + image_typing.BATCH] for i in range(0, len(group), image_typing.BATCH)]
        try:
            spec = open_spec(bundle, rel)
            if len(group) >= image_typing.POOL_FROM and (os.cpu_count() or 1) > 1:
                image_typing._in_pool(bundle, batches, write, cancel, exif, spec, rel)
            else:  # a short list: in one helper process, as the pool's workers read it (TSK never here)
                image_typing.type_in_helper(spec, tz, rel, group, write, cancel, exif)
        except (ImageError, OSError) as exc:
            reason = f"无法读取镜像：{exc}"[:300]
            write([(None, None, None, None, reason, rid, size) for rid, _path, size, _address in group])


class _Covered:
    """Every entry of a bundle's image belongs to the image's item and is listed (never an addition); a class,
    not a closure, so that helper processes started by pickling can have it (models.image.listing.walk_split)."""

    def __init__(self, item):
        self.item = item

    def locate(self, _path):
        return self.item, True
