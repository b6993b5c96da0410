"""Partitions of an image (DOS, GPT ... through TSK's volume system) and the file system TSK finds in each."""

from dataclasses import dataclass, field

import pytsk3

from models.image.disk.container import refused_format

FAT_TYPES = {pytsk3.TSK_FS_TYPE_FAT12, pytsk3.TSK_FS_TYPE_FAT16, pytsk3.TSK_FS_TYPE_FAT32, pytsk3.TSK_FS_TYPE_EXFAT}
_FS_NAMES = {pytsk3.TSK_FS_TYPE_FAT12: "FAT12", pytsk3.TSK_FS_TYPE_FAT16: "FAT16", pytsk3.TSK_FS_TYPE_FAT32: "FAT32",
             pytsk3.TSK_FS_TYPE_EXFAT: "exFAT", pytsk3.TSK_FS_TYPE_NTFS: "NTFS", pytsk3.TSK_FS_TYPE_EXT2: "ext2",
             pytsk3.TSK_FS_TYPE_EXT3: "ext3", pytsk3.TSK_FS_TYPE_EXT4: "ext4", pytsk3.TSK_FS_TYPE_HFS: "HFS+",
             pytsk3.TSK_FS_TYPE_ISO9660: "ISO 9660", pytsk3.TSK_FS_TYPE_APFS: "APFS",
             pytsk3.TSK_FS_TYPE_FFS1: "UFS1", pytsk3.TSK_FS_TYPE_FFS1B: "UFS1b", pytsk3.TSK_FS_TYPE_FFS2: "UFS2",
             pytsk3.TSK_FS_TYPE_YAFFS2: "YAFFS2"}
_TABLE_NAMES = {pytsk3.TSK_VS_TYPE_DOS: "DOS", pytsk3.TSK_VS_TYPE_GPT: "GPT", pytsk3.TSK_VS_TYPE_MAC: "Mac",
                pytsk3.TSK_VS_TYPE_BSD: "BSD", pytsk3.TSK_VS_TYPE_SUN: "Sun"}


@dataclass
class Partition:
    """One partition (or the whole medium when there is no partition table) and its file system."""

    name: str  # p1, p2 ... in the table's order; p1 is the whole medium when there is no table
    start: int  # bytes from the start of the medium
    length: int  # bytes
    description: str
    table: str | None  # DOS, GPT ... or None
    slot: int | None = None  # TSK's partition address (mmls's first column)
    fs_type: str | None = None
    error: str | None = None  # why no file system is listed
    note: str | None = None  # how it was read when TSK's detection alone did not decide
    fs: object = field(default=None, repr=False)

    @property
    def local_times(self) -> bool:
        """FAT and exFAT keep local times with no zone (exFAT's offset is optional and TSK reads it as FAT)."""
        return self.fs is not None and self.fs.info.ftype in FAT_TYPES

    def to_json(self) -> dict:
        return {"name": self.name, "start": self.start, "length": self.length, "description": self.description,
                "table": self.table, "slot": self.slot, "file_system": self.fs_type, "error": self.error,
                "note": self.note}


# the partition table's word for a type -> what TSK is asked to read when its detection finds several
_TABLE_TYPES = (("NTFS", pytsk3.TSK_FS_TYPE_NTFS_DETECT), ("exFAT", pytsk3.TSK_FS_TYPE_EXFAT),
                ("FAT", pytsk3.TSK_FS_TYPE_FAT_DETECT), ("Linux", pytsk3.TSK_FS_TYPE_EXT_DETECT),
                ("HFS", pytsk3.TSK_FS_TYPE_HFS_DETECT))


def _as_the_table_says(img, part: Partition):
    """TSK's detection found the signatures of several file systems (a disk reformatted without wiping, or a
    crafted one): the type the partition table gives is tried, as `fls -f TYPE` would be asked to."""
    for word, fs_type in _TABLE_TYPES:
        if word.lower() in part.description.lower():
            try:
                return pytsk3.FS_Info(img, offset=part.start, type=fs_type)
            except OSError:
                continue
    return None


def _open_fs(img, part: Partition, size: int) -> None:
    if not 0 <= part.start < size:  # a damaged or hostile table: TSK is not asked to read past the medium
        part.error = (f"分区起点超出介质末尾（{part.start} ≥ {size} 字节），文件未列出 / the partition starts "
                      f"past the end of the medium ({part.start} >= {size} bytes): files not listed")
        return
    head = img.read(part.start, 4096)
    refused = refused_format(head)
    if refused:
        part.error = (f"加密或不支持的卷（{refused}），文件未列出 / "
                      f"encrypted or unsupported volume ({refused}): files not listed")
        return
    try:
        part.fs = pytsk3.FS_Info(img, offset=part.start)
    except OSError as exc:
        reason = str(exc).splitlines()[0][:160]
        part.fs = _as_the_table_says(img, part) if "Multiple file system types" in reason else None
        if part.fs is None:
            part.error = f"TSK 无法识别文件系统 / TSK finds no file system it reads: {reason}"
            unread = getattr(img, "read_error", None)  # the media refused a read TSK asked for (disk.media)
            if unread:
                part.error = ("镜像数据无法读取，文件未列出 / the image's data cannot be read: files not listed: "
                              f"{unread}")
            return
        part.note = ("TSK 发现多种文件系统特征，按分区表所标类型读取 / TSK found signatures of several file "
                     "systems: read as the partition table's type says")
    part.fs_type = _FS_NAMES.get(part.fs.info.ftype, str(part.fs.info.ftype).replace("TSK_FS_TYPE_", ""))
    info = part.fs.info
    if info.root_inum >= info.last_inum:  # TSK's orphan folder is last_inum: as the root, TSK deadlocks on itself
        part.fs = None
        part.error = (f"文件系统元数据异常（根目录编号 {info.root_inum} 不小于最大编号 {info.last_inum}，如卷大小字段"
                      f"过小），文件未列出 / damaged file system metadata (root entry {info.root_inum} is not below "
                      f"the last entry {info.last_inum}, as when the volume size field is too small): files not listed")


def partitions(img, size: int) -> list[Partition]:
    """The allocated partitions with their file systems; the whole medium as p1 when no table is found."""
    try:
        volumes = pytsk3.Volume_Info(img)
    except OSError:
        volumes = None
    found = []
    if volumes is not None:
        block = volumes.info.block_size
        table = _TABLE_NAMES.get(volumes.info.vstype, str(volumes.info.vstype).replace("TSK_VS_TYPE_", ""))
        for part in volumes:
            if not part.flags & pytsk3.TSK_VS_PART_FLAG_ALLOC:
                continue
            desc = part.desc.decode("utf-8", "replace") if isinstance(part.desc, bytes) else str(part.desc)
            found.append(Partition(f"p{len(found) + 1}", part.start * block, part.len * block, desc, table,
                                   slot=part.addr))
    if not found:
        found = [Partition("p1", 0, size, "整个介质 / whole medium", None)]
    for part in found:
        _open_fs(img, part, size)
    return found
