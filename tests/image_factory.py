"""Disk images made by code for tests (mkfs.vfat + mtools, ewfacquirestream, mkfs.ext4 -d), and `fls` read
as an oracle. Nothing here is committed as an image: every image is written into the test's tmp_path."""

import os
import shutil
import subprocess
from pathlib import Path

# past instants given to the files before they are copied in (mcopy -m keeps them)
FILE_TIMES = {"keep.txt": 1_500_000_000, "目录/中文文件.txt": 1_600_000_000, "删除.txt": 1_550_000_000,
              "目录/照片.jpg": 1_580_000_000}
TOOLS = ("mkfs.vfat", "mcopy", "mdel", "ewfacquirestream", "fls")


def require(*tools: str) -> None:
    """A missing tool fails the test (scripts/setup.sh --dev installs them); it never skips."""
    missing = [t for t in tools if shutil.which(t) is None]
    assert not missing, f"tools missing (scripts/setup.sh --dev installs them): {missing}"


def _run(args, **kwargs):
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1", LC_ALL="C.UTF-8", TZ="UTC")  # mcopy -m writes UTC wall clock
    return subprocess.run(args, check=True, capture_output=True, env=env, **kwargs)


def fat32_image(folder: Path, size_mb: int = 40, files: dict | None = None, jpeg: bytes | None = None) -> Path:
    """A FAT32 image with Chinese names, a folder, a JPEG (when given) and a deleted file (删除.txt)."""
    require("mkfs.vfat", "mcopy", "mdel")
    src = folder / "fat_src"
    (src / "目录").mkdir(parents=True)
    contents = {"keep.txt": b"hello\n", "目录/中文文件.txt": "你好\n".encode(), "删除.txt": b"gone\n"}
    if jpeg is not None:
        contents["目录/照片.jpg"] = jpeg
    contents.update(files or {})
    for rel, data in contents.items():
        (src / rel).write_bytes(data)
        seconds = FILE_TIMES.get(rel, 1_500_000_000)
        os.utime(src / rel, (seconds, seconds))
    image = folder / "fat32.raw"
    with open(image, "wb") as out:
        out.truncate(size_mb * 1024 * 1024)
    _run(["mkfs.vfat", "-F", "32", "-n", "EVIDENCE", str(image)])
    _run(["mcopy", "-s", "-m", "-i", str(image), *[str(p) for p in sorted(src.iterdir())], "::/"])
    _run(["mdel", "-i", str(image), "::/删除.txt"])
    return image


def e01_of(raw: Path, target: Path, codepage: str = "windows-936", fmt: str = "encase6", segment: str | None = None,
           compression: str = "deflate:fast", **headers) -> Path:
    """An E01 of a raw image through ewfacquirestream, with the given header values (case, description,
    examiner, evidence, notes) stored in the code page given."""
    require("ewfacquirestream")
    flags = {"case": "-C", "description": "-D", "examiner": "-e", "evidence": "-E", "notes": "-N"}
    args = ["ewfacquirestream", "-q", "-A", codepage, "-f", fmt, "-c", compression, "-d", "sha1", "-t", str(target)]
    if segment:
        args += ["-S", segment]
    for key, value in headers.items():
        args += [flags[key], value]
    with open(raw, "rb") as stream:
        _run(args, stdin=stream)
    return target.with_suffix(".E01")


def ext4_image(folder: Path, size_mb: int = 8) -> Path | None:
    """An ext4 image of a small tree (mkfs.ext4 -d); None where mkfs.ext4 is absent."""
    if shutil.which("mkfs.ext4") is None:
        return None
    src = folder / "ext_src"
    (src / "文档").mkdir(parents=True)
    (src / "文档" / "报告.txt").write_text("报告内容\n", encoding="utf-8")
    (src / "a.bin").write_bytes(os.urandom(5000))
    image = folder / "ext4.img"
    with open(image, "wb") as out:
        out.truncate(size_mb * 1024 * 1024)
    _run(["mkfs.ext4", "-q", "-F", "-d", str(src), str(image)])
    return image


def fls_entries(image: Path, zone: str = "UTC", sector_offset: int | None = None, fs_type: str | None = None) -> dict:
    """`fls -r -m / -z ZONE` as {(path, meta address): (size, atime, mtime, ctime, crtime, deleted)}, without
    the ($FILE_NAME) rows and NTFS index streams ($I30, $O ...) that are not files."""
    require("fls")
    args = ["fls", "-r", "-m", "/", "-z", zone]
    if sector_offset:
        args += ["-o", str(sector_offset)]
    if fs_type:
        args += ["-f", fs_type]
    out = _run(args + [str(image)]).stdout.decode("utf-8", "replace")
    found = {}
    for line in out.splitlines():
        fields = line.split("|")
        name, addr = fields[1], fields[2]
        if "($FILE_NAME)" in name:
            continue
        deleted = name.endswith((" (deleted)", "(deleted-realloc)"))
        name = name.rsplit(" (deleted", 1)[0] if deleted else name
        name = name.split(" -> ", 1)[0]  # a link's target, shown after its name
        if "-144-" in addr and ":" in name.rsplit("/", 1)[-1]:
            continue
        size, atime, mtime, ctime, crtime = (int(v) for v in fields[6:11])
        found[(name, addr.split("-")[0])] = (size, atime, mtime, ctime, crtime, deleted)
    return found


def our_entries(entries, prefix: str) -> dict:
    """ImageEntry list in the shape of fls_entries (seconds, 0 for a time the file system lacks)."""
    def sec(ns):
        return 0 if ns is None else ns // 1_000_000_000
    found = {}
    for e in entries:
        if not e.path.startswith(prefix + "/"):
            continue
        name = "".join("^" if ord(c) < 0x20 else c for c in e.path[len(prefix):])  # as fls prints controls
        name = name.removesuffix(f" [{e.address}]")
        found[(name, e.address.split("-")[0])] = (e.size, sec(e.accessed_ns), sec(e.modified_ns),
                                                  sec(e.changed_ns), sec(e.created_ns), e.deleted)
    return found


def _gpt_header(total: int, current: int, backup: int, entries_lba: int, entries_crc: int, disk: bytes) -> bytes:
    import struct
    import zlib

    fields = [b"EFI PART", 0x00010000, 92, 0, 0, current, backup, 34, total - 34, disk, entries_lba, 128, 128,
              entries_crc]
    layout = "<8sIIII QQQQ16s QIII"
    header = bytearray(struct.pack(layout.replace(" ", ""), *fields))
    struct.pack_into("<I", header, 16, zlib.crc32(header))
    return bytes(header).ljust(512, b"\0")


def gpt_image(folder: Path, parts_mb=(8, 12)) -> tuple[Path, list[int]]:
    """A GPT disk (protective MBR, both headers, basic data partitions from sector 2048, 1 MiB aligned), a
    FAT16 file system in each (mkfs.vfat --offset) holding part<N>.txt; returns the image and each
    partition's first sector."""
    import struct
    import uuid
    import zlib

    require("mkfs.vfat", "mcopy")
    starts, lba = [], 2048
    for size in parts_mb:
        starts.append(lba)
        lba += size * 2048
    total = lba + 2048
    image = folder / "gpt.img"
    entries = bytearray(128 * 128)
    basic_data = uuid.UUID("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7").bytes_le
    for index, (start, size) in enumerate(zip(starts, parts_mb)):
        name = f"数据{index + 1}".encode("utf-16-le").ljust(72, b"\0")
        struct.pack_into("<16s16sQQQ72s", entries, index * 128, basic_data, uuid.uuid4().bytes_le, start,
                         start + size * 2048 - 1, 0, name)
    crc, disk = zlib.crc32(entries), uuid.uuid4().bytes_le
    mbr = bytearray(512)
    struct.pack_into("<B3sB3sII", mbr, 446, 0, b"\0\2\0", 0xEE, b"\xff\xff\xff", 1, min(total - 1, 0xFFFFFFFF))
    mbr[510:512] = b"\x55\xaa"
    with open(image, "wb") as out:
        out.truncate(total * 512)
        out.write(mbr)
        out.write(_gpt_header(total, 1, total - 1, 2, crc, disk))
        out.write(entries)
        out.seek((total - 33) * 512)
        out.write(entries)
        out.write(_gpt_header(total, total - 1, 1, total - 33, crc, disk))
    for index, (start, size) in enumerate(zip(starts, parts_mb)):
        _run(["mkfs.vfat", "-F", "16", "-s", "2", f"--offset={start}", str(image), str(size * 1024)])
        src = folder / f"part{index + 1}.txt"
        src.write_text(f"分区 {index + 1}\n", encoding="utf-8")
        os.utime(src, (1_500_000_000 + index, 1_500_000_000 + index))
        _run(["mcopy", "-m", "-i", f"{image}@@{start * 512}", str(src), "::/"])
    return image, starts


ISO_FILES = {"readme.txt": (b"hello iso\n", 1_500_000_000), "data.bin": (bytes(range(256)) * 20, 1_550_000_000),
             "子目录/中文说明.txt": ("光盘里的文件\n".encode(), 1_600_000_000)}


def iso_image(folder: Path) -> Path:
    """An ISO 9660 image with Joliet names (xorriso -as mkisofs -J): two files, a subfolder, a Chinese name."""
    require("xorriso")
    src = folder / "iso_src"
    (src / "子目录").mkdir(parents=True)
    for rel, (data, seconds) in ISO_FILES.items():
        (src / rel).write_bytes(data)
        os.utime(src / rel, (seconds, seconds))
    os.utime(src / "子目录", (1_580_000_000, 1_580_000_000))
    image = folder / "disc.iso"
    _run(["xorriso", "-as", "mkisofs", "-quiet", "-J", "-V", "EVIDENCE", "-o", str(image), str(src)])
    return image


def iso_set_offsets(image: Path, quarter_hours: int) -> int:
    """Write `quarter_hours` into the offset-from-GMT byte of every directory record's recording time (ECMA-119
    9.1.5: byte 6 of the 7-byte time at record offset 18), in the primary and every supplementary (Joliet)
    tree, as a disc mastered with that offset would carry; the wall clocks are left as they are. Returns how
    many records were changed."""
    import struct

    data = bytearray(image.read_bytes())
    value = quarter_hours & 0xFF
    changed, seen = 0, set()

    def directory(lba: int, length: int) -> None:
        nonlocal changed
        if lba in seen:
            return
        seen.add(lba)
        pos, end = lba * 2048, lba * 2048 + length
        while pos < end:
            size = data[pos]
            if size == 0:  # records do not cross a sector: the rest of this one is padding
                pos = (pos // 2048 + 1) * 2048
                continue
            data[pos + 24] = value
            changed += 1
            child, child_len = struct.unpack_from("<I", data, pos + 2)[0], struct.unpack_from("<I", data, pos + 10)[0]
            name = bytes(data[pos + 33:pos + 33 + data[pos + 32]])
            if data[pos + 25] & 2 and name not in (b"\0", b"\1"):
                directory(child, child_len)
            pos += size

    sector = 16
    while data[sector * 2048 + 1:sector * 2048 + 6] == b"CD001" and data[sector * 2048] != 255:
        if data[sector * 2048] in (1, 2):
            root = sector * 2048 + 156
            data[root + 24] = value
            directory(struct.unpack_from("<I", data, root + 2)[0], struct.unpack_from("<I", data, root + 10)[0])
        sector += 1
    image.write_bytes(bytes(data))
    return changed


def iso_set_volume_size(image: Path, blocks: int) -> None:
    """Write `blocks` into the volume space size (ECMA-119 8.4.8, both byte orders at offset 80) of every primary
    and supplementary volume descriptor, as a crafted disc would carry."""
    import struct

    data = bytearray(image.read_bytes())
    sector = 16
    while data[sector * 2048 + 1:sector * 2048 + 6] == b"CD001" and data[sector * 2048] != 255:
        if data[sector * 2048] in (1, 2):
            struct.pack_into("<I", data, sector * 2048 + 80, blocks)
            struct.pack_into(">I", data, sector * 2048 + 84, blocks)
        sector += 1
    image.write_bytes(bytes(data))
