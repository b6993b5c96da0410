"""Partitions of an image (DOS, GPT ... through TSK's volume system) and the file system TSK finds in each."""

from dataclasses import dataclass, field

import pytsk3

from models.image.container import refused_format

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
    fs: object = field(default=None, repr=False)

    @property
    def local_times(self) -> bool:
        """FAT and exFAT keep local times with no zone (exFAT's offset is optional and TSK reads it as FAT)."""
        return self.fs is not None and self.fs.info.ftype in FAT_TYPES

    def to_json(self) -> dict:
        return {"name": self.name, "start": self.start, "length": self.length, "description": self.description,
                "table": self.table, "slot": self.slot, "file_system": self.fs_type, "error": self.error}


def _open_fs(img, part: Partition) -> None:
    head = img.read(part.start, 4096)
    refused = refused_format(head)
    if refused:
        part.error = f"加密或不支持的卷（{refused}），文件未列出 / encrypted or unsupported volume ({refused}): files not listed"
        return
    try:
        part.fs = pytsk3.FS_Info(img, offset=part.start)
    except (IOError, OSError) as exc:
        part.error = f"TSK 无法识别文件系统 / TSK finds no file system it reads: {str(exc).splitlines()[0][:160]}"
        return
    part.fs_type = _FS_NAMES.get(part.fs.info.ftype, str(part.fs.info.ftype).replace("TSK_FS_TYPE_", ""))


def partitions(img, size: int) -> list[Partition]:
    """The allocated partitions with their file systems; the whole medium as p1 when no table is found."""
    try:
        volumes = pytsk3.Volume_Info(img)
    except (IOError, OSError):
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
        _open_fs(img, part)
    return found
