"""Every entry of one file system through TSK, as the folder source's Entry plus what an image adds."""

import calendar
import time
from collections.abc import Iterator
from datetime import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

import pytsk3

from models.bundle.names import name_text
from models.image.listing import iso_times
from models.image.listing.fat_names import ShortNames, short_text
from models.runtime.jobs import check_cancel

_KINDS = {pytsk3.TSK_FS_META_TYPE_REG: "file", pytsk3.TSK_FS_META_TYPE_DIR: "dir", pytsk3.TSK_FS_META_TYPE_LNK: "link",
          pytsk3.TSK_FS_META_TYPE_VIRT: "file", pytsk3.TSK_FS_META_TYPE_VIRT_DIR: "dir"}
_NAME_KINDS = {pytsk3.TSK_FS_NAME_TYPE_REG: "file", pytsk3.TSK_FS_NAME_TYPE_DIR: "dir",
               pytsk3.TSK_FS_NAME_TYPE_LNK: "link", pytsk3.TSK_FS_NAME_TYPE_VIRT: "file",
               pytsk3.TSK_FS_NAME_TYPE_VIRT_DIR: "dir"}
_VIRTUAL = {pytsk3.TSK_FS_META_TYPE_VIRT, pytsk3.TSK_FS_META_TYPE_VIRT_DIR}
_UNALLOC = int(pytsk3.TSK_FS_NAME_FLAG_UNALLOC)
_DATA = pytsk3.TSK_FS_ATTR_TYPE_NTFS_DATA
LOCAL_SOURCE = "filesystem_local"  # FAT's times: local, read in the case zone (timeline: zone not known)


class ImageEntry(NamedTuple):
    """models.bundle.source.Entry's fields in its order, then: the TSK address (inode / MFT entry, 'addr-type-id'
    for a stream), role (None for the file system's own entries, 'virtual' for TSK's made-up ones such as
    $MBR, $FAT1, $OrphanFiles, 'metadata' for NTFS's $ files, 'volume_label' for FAT's label), the file
    a stream belongs to, time source."""

    path: str
    kind: str
    size: int | None = None
    mode: int | None = None
    modified_ns: int | None = None
    accessed_ns: int | None = None
    changed_ns: int | None = None
    created_ns: int | None = None
    link_target: str | None = None
    error: str | None = None
    deleted: bool = False
    address: str | None = None
    role: str | None = None
    stream_of: str | None = None
    time_source: str = "filesystem"


def _fat_times(tz_name: str):
    """FAT keeps a modified time (2 s steps; exFAT 10 ms), an access date and a created time (10 ms), all
    local with no zone, and no change time. TSK turns them into epoch seconds with mktime in this process's
    zone; each is taken back to the wall clock the same way and read in the case zone instead."""
    zone = ZoneInfo(tz_name)
    seen: dict[int, int] = {0: None}  # files of one copy share few values; TSK's 0: no time kept

    def convert(seconds: int):
        if len(seen) > 100_000:
            seen.clear()
            seen[0] = None
        wall = time.localtime(seconds)
        base = seen[seconds] = int(datetime(*wall[:6], tzinfo=zone).timestamp()) * 1_000_000_000
        return base

    def times(meta) -> tuple:
        get = seen.get
        modified, accessed, created = meta.mtime, meta.atime, meta.crtime
        m = get(modified, False)
        if m is False:
            m = convert(modified)
        a = get(accessed, False)
        if a is False:
            a = convert(accessed)
        c = get(created, False)
        if c is False:
            c = convert(created)
        return (m if m is None else m + meta.mtime_nano), a, None, (c if c is None else c + meta.crtime_nano)
    return times


def _iso_wall(seconds: int) -> int:
    """The wall clock TSK read, as UTC seconds: TSK made `seconds` with mktime (tm_isdst 0) in this process's
    zone, so the same mktime is undone here (twice at most: a summer-time hour apart)."""
    wall = calendar.timegm(time.localtime(seconds)[:6])
    for _ in range(2):
        back = int(time.mktime(time.gmtime(wall)[:8] + (0,)))
        if back == seconds:
            break
        wall += seconds - back
    return wall


def _iso_times(meta) -> tuple:
    """ISO 9660 keeps one recording time per entry (TSK: crtime), a wall clock with its own UTC offset that
    TSK drops. It is read as UTC, as `fls -z UTC` does, the same in any process zone; models.image.listing.iso_times
    then applies each record's offset."""
    out = []
    for seconds, nano in ((meta.mtime, meta.mtime_nano), (meta.atime, meta.atime_nano),
                          (meta.ctime, meta.ctime_nano), (meta.crtime, meta.crtime_nano)):
        out.append(None if not seconds and not nano else _iso_wall(seconds) * 1_000_000_000 + nano)
    return tuple(out)


def _times(meta) -> tuple:
    """(modified, accessed, changed, created) in UTC ns; None where the file system keeps none (TSK's 0)."""
    out = []
    for seconds, nano in ((meta.mtime, meta.mtime_nano), (meta.atime, meta.atime_nano),
                          (meta.ctime, meta.ctime_nano), (meta.crtime, meta.crtime_nano)):
        out.append(None if not seconds and not nano else seconds * 1_000_000_000 + nano)
    return tuple(out)


def _link(meta) -> str | None:
    target = getattr(meta, "link", None)
    if isinstance(target, bytes):
        return name_text(target)
    return target or None


def _streams(handle, base: ImageEntry, name_of) -> list[ImageEntry]:
    """NTFS alternate data streams of one file (named $DATA attributes) as entries 'path:stream'."""
    found = []
    try:
        for attr in handle:
            info = attr.info
            if info.type != _DATA or not info.name or info.name in (b"$Data", b"$I30"):
                continue
            stream = name_of(info.name)
            found.append(base._replace(path=f"{base.path}:{stream}", kind="file", size=info.size,
                                       address=f"{base.address}-{int(info.type)}-{info.id}", stream_of=base.path))
    except OSError:
        pass
    return found


class Lister:
    """One file system's folders listed one at a time, as `fls -r` finds their entries (deleted names included);
    prefix is 'IMAGE:/pN'. tz_name given: the file system keeps local times (FAT). fs_bytes: (read(offset, size),
    size) of the file system's own bytes, for what TSK does not read (ISO offsets). A folder is (TSK address,
    path below the partition, the folder's key: its address, or its first block where TSK numbers records).
    The walk enters each key once (models.image.listing.walk.enter): a folder linked into a loop or twice."""

    def __init__(self, fs, prefix: str, tz_name: str | None = None, fs_bytes=None):
        self.fs, self.prefix = fs, prefix
        iso = fs.info.ftype == pytsk3.TSK_FS_TYPE_ISO9660
        self.exact = iso_times.corrector(*(fs_bytes or (None, 0)), prefix) if iso else None  # TSK drops offsets
        self.times = _fat_times(tz_name) if tz_name else _iso_times if iso else _times
        self.source = LOCAL_SOURCE if tz_name else "filesystem"
        self.ntfs = fs.info.ftype == pytsk3.TSK_FS_TYPE_NTFS
        fat = fs.info.ftype in (pytsk3.TSK_FS_TYPE_FAT12, pytsk3.TSK_FS_TYPE_FAT16, pytsk3.TSK_FS_TYPE_FAT32)
        self.by_block = fat or iso or fs.info.ftype == pytsk3.TSK_FS_TYPE_EXFAT
        root = fs.info.root_inum
        self.root = (root, "", self._key(None, root))
        self.fs_size = fs.info.block_count * fs.info.block_size
        self.short = ShortNames(fs_bytes[0]) if fat and fs_bytes and fs_bytes[0] else None  # GBK 8.3 names

    def _key(self, handle, addr: int):
        if not self.by_block:
            return addr
        try:
            handle = handle if handle is not None else self.fs.open_meta(inode=addr)
        except OSError:
            return addr
        return _first_block(handle) or addr

    def folder(self, addr: int, rel: str, key=None) -> tuple[list[ImageEntry], list[tuple]]:
        """(entries of the folder, its subfolders in listing order)."""
        fs, prefix, times, source, ntfs = self.fs, self.prefix, self.times, self.source, self.ntfs
        try:
            directory = fs.open_dir(inode=addr)
        except OSError as exc:
            return [ImageEntry(f"{prefix}/{rel}" if rel else prefix, "dir", error=str(exc).splitlines()[0][:200],
                               address=str(addr), time_source=source)], []
        make = ImageEntry._make
        found, subfolders, names = [], [], set()
        base = f"{prefix}/{rel}/" if rel else f"{prefix}/"
        for handle in directory:  # one pass per entry: each attribute read through pytsk3 has a cost
            info = handle.info
            name = info.name
            raw = name.name
            if raw == b"." or raw == b"..":
                continue
            text = name_text(raw)  # a GBK or Latin-1 name keeps its bytes (models.bundle.names), shown decoded
            if self.short is not None and b"^" in raw:
                text = self.short.name(name.meta_addr, raw) or text
            if text in names:  # a deleted name beside a live one (or two deleted): told apart by address
                text = f"{text} [{name.meta_addr}]"
            names.add(text)
            meta = info.meta
            deleted = bool(int(name.flags) & _UNALLOC)
            if meta is None and name.meta_addr:  # a deleted name: its metadata read as fls does
                try:
                    handle = fs.open_meta(inode=name.meta_addr)
                    meta = handle.info.meta
                except OSError:
                    meta = None
            path = base + text
            if meta is None:
                found.append(ImageEntry(path, _NAME_KINDS.get(name.type, "other"), deleted=deleted,
                                        address=str(name.meta_addr), time_source=source))
                continue
            mtype, maddr = meta.type, meta.addr
            kind = _KINDS.get(mtype, "other")
            role = "virtual" if mtype in _VIRTUAL else None
            if ntfs and role is None and maddr < 24 and not rel and raw.startswith(b"$"):
                role = "metadata"
            elif role is None and raw.endswith(b"(Volume Label Entry)"):  # TSK shows FAT's label as a file
                role = "volume_label"
            huge = kind == "dir" and role is None and meta.size > self.fs_size
            entry = make((path, kind, meta.size if kind != "dir" else None, None, *times(meta),
                          _link(meta) if kind == "link" else None, _huge_folder(meta.size, self.fs_size) if huge
                          else None, deleted, str(maddr), role, None, source))
            found.append(entry)
            if huge:  # TSK would build runs for every claimed block before failing (18 s for 2^63 bytes)
                continue
            if ntfs:
                found.extend(_streams(handle, entry, _name_of))
            if kind == "dir":  # TSK's $OrphanFiles: a search of the whole file system, asked for on its own
                key = ("virtual", maddr) if role == "virtual" else self._key(handle, maddr)
                key = ("deleted", key) if deleted else key  # a deleted folder's place may be another's now
                subfolders.append((maddr, f"{rel}/{text}" if rel else text, key))
        if self.short is not None:
            found.extend(self._control_names(addr, base, {int(e.address) for e in found if e.address}, names))
        return (self.exact(found) if self.exact else found), subfolders

    def _control_names(self, addr: int, base: str, listed: set, names: set) -> list[ImageEntry]:
        """FAT short entries TSK skips for a control character in their name: listed with what their entry
        says (a hidden file is evidence too), the content not read."""
        try:
            runs = [(run.addr, run.len) for attr in self.fs.open_meta(inode=addr) for run in attr]
        except OSError:
            return []
        found = []
        for inode, raw in self.short.unlisted(runs, listed):
            text = short_text(raw)
            text = f"{text} [{inode}]" if text in names else text
            names.add(text)
            folder = bool(raw[11] & 0x10)
            found.append(ImageEntry(base + text, "dir" if folder else "file",
                                    None if folder else int.from_bytes(raw[28:32], "little"), error=CONTROL_NAME,
                                    deleted=raw[0] == 0xE5, address=str(inode), time_source=self.source))
        return found


def _huge_folder(size: int, fs_size: int) -> str:
    return (f"目录声称大小 {size:,} 字节超过文件系统（{fs_size:,} 字节），元数据已损坏，未展开 / the folder claims "
            f"{size:,} bytes, more than its file system ({fs_size:,} bytes): damaged metadata, not listed")


CONTROL_NAME = ("8.3 文件名含控制字符，TSK 不列出此目录项，此处按目录项列出，内容未读取 / the 8.3 name holds a control "
                "character: TSK skips this entry; listed here from the entry itself, its content not read")


def _first_block(handle):
    """The first block of a folder's content (FAT, ISO 9660): where TSK numbers entries by the place of their
    record, two records of one folder carry two addresses."""
    try:
        for attr in handle:
            for run in attr:
                return ("block", int(run.addr))
    except OSError:
        pass
    return None


def _name_of(raw: bytes) -> str:
    return name_text(raw)


ENTERED = ("目录内容已在本分区列出（目录环或同一目录的第二个链接），此处不再展开 / this folder's content is "
           "already listed in this partition (a directory loop or a second link to one folder): not listed again here")


DELETED_VISITS = 4  # a deleted folder's clusters or inode are often another folder's since, as fls shows it


def enter(subfolders: list, entered: dict) -> tuple[list, list[str]]:
    """(the subfolders to list, the rel paths of those whose content is listed already). A hostile file system
    can link a folder into itself or link one folder twice at every level (2^24 paths from 24 folders): a
    folder is entered once, a deleted one's place a few times, so the work stays in proportion to the disk."""
    fresh, again = [], []
    for sub in subfolders:
        key = sub[2]
        visits = entered.get(key, 0)
        if visits >= (DELETED_VISITS if isinstance(key, tuple) and key[0] == "deleted" else 1):
            again.append(sub[1])
        else:
            entered[key] = visits + 1
            fresh.append(sub)
    return fresh, again


def walk(fs, prefix: str, tz_name: str | None = None, cancel=None, fs_bytes=None) -> Iterator[list[ImageEntry]]:
    """Entries folder by folder, depth first (a folder's entries, then each of its subfolders in turn)."""
    lister = Lister(fs, prefix, tz_name, fs_bytes)
    stack, entered = [lister.root], {lister.root[2]: 1}
    while stack:
        check_cancel(cancel)
        found, subfolders = lister.folder(*stack.pop())
        subfolders, again = enter(subfolders, entered)
        if again:
            paths = {f"{prefix}/{rel}" for rel in again}
            found = [e._replace(error=ENTERED) if e.path in paths and e.error is None else e for e in found]
        stack.extend(reversed(subfolders))
        yield found
