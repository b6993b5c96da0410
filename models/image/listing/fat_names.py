"""FAT short names in the OEM code page, which TSK shows as '^' for each byte past ASCII: a Chinese Windows
writes a name such as 证据.doc (eight GBK bytes fit 8.3) as a short entry alone, so TSK lists two different
files as '^^^^.doc'. The 32-byte directory entry is read where TSK's address puts it (TSK's
FATFS_INODE_2_SECT / _OFF) and its bytes kept (models.bundle.names: shown decoded, GB18030 first, hex beside)
when they agree with TSK's name in every other place."""

import struct

from models.bundle.names import from_os

_FIRST_NORMAL_INODE = 3  # TSK's FATFS_FIRST_NORMINO
_ENTRY = 32


def _lower(oem: bytes) -> bytes:
    """ASCII letters in lower case, but not a double-byte character's second byte (GBK's may be A-Z)."""
    out, lead = bytearray(), False
    for byte in oem:
        out.append(byte + 32 if not lead and 0x41 <= byte <= 0x5A else byte)
        lead = not lead and byte >= 0x81
    return bytes(out)


class ShortNames:
    """Reads the raw short name behind a TSK FAT name; read(offset, size) gives the file system's bytes."""

    def __init__(self, read):
        self.read = read
        boot = read(0, 512)
        sector, reserved, fats = struct.unpack_from("<H", boot, 11)[0], struct.unpack_from("<H", boot, 14)[0], boot[16]
        fat_size = struct.unpack_from("<H", boot, 22)[0] or struct.unpack_from("<I", boot, 36)[0]
        self.sector = sector if sector in (512, 1024, 2048, 4096) else 0
        self.first_data = reserved + fats * fat_size  # TSK's firstdatasect (the FAT12/16 root folder starts there)

    def entry(self, inode: int) -> bytes | None:
        if not self.sector or inode < _FIRST_NORMAL_INODE:
            return None
        per_sector = self.sector // _ENTRY
        index = inode - _FIRST_NORMAL_INODE
        offset = (index // per_sector + self.first_data) * self.sector + index % per_sector * _ENTRY
        raw = self.read(offset, _ENTRY)
        return raw if len(raw) == _ENTRY else None

    def name(self, inode: int, tsk_name: bytes) -> str | None:
        """The name text of the short entry at inode when TSK's name is it with '^' for its non-ASCII bytes;
        None otherwise (a long name, a volume label, anything that does not agree)."""
        raw = self.entry(inode)
        if raw is None or raw[11] & 0x0F == 0x0F or raw[11] & 0x08:  # a long-name slot, a volume label
            return None
        base, ext = raw[:8].rstrip(b" "), raw[8:11].rstrip(b" ")
        if raw[12] & 0x08:  # Windows NT's flags: base and extension shown in lower case
            base = _lower(base)
        if raw[12] & 0x10:
            ext = _lower(ext)
        oem = base + (b"." + ext if ext else b"")
        if len(oem) != len(tsk_name) or not any(b >= 0x80 for b in oem):
            return None
        for ours, theirs in zip(oem, tsk_name):
            if ours >= 0x80 and theirs == ord("^"):
                continue
            if ours == theirs or ours in (0x05, 0xE5) and theirs in (ord("_"), ord("^")):
                continue  # 0x05 stands for a first byte 0xE5; 0xE5 marks a deleted entry (TSK: '_')
            return None
        if oem[0] == 0xE5 and tsk_name[:1] == b"_":
            oem = b"_" + oem[1:]  # a deleted entry's first byte is lost: TSK's '_' kept
        elif oem[0] == 0x05:
            oem = b"\xe5" + oem[1:]
        # every byte past ASCII kept as a raw byte: this is the OEM code page, never UTF-8
        return from_os(oem.decode("ascii", "surrogateescape"))

    def unlisted(self, runs, listed: set) -> list[tuple[int, bytes]]:
        """(TSK address, 32-byte entry) of the short entries of one folder that TSK leaves out because their
        name holds a control character (TSK's check of a name: fls skips them too), so that they are listed
        all the same. runs: the folder's (first sector, sectors); listed: the addresses TSK gave."""
        found, per_sector = [], self.sector // _ENTRY if self.sector else 0
        for start, count in runs:
            data = self.read(start * self.sector, count * self.sector) if per_sector else b""
            for at in range(0, len(data) - _ENTRY + 1, _ENTRY):
                raw = data[at:at + _ENTRY]
                if raw[0] == 0:  # the end of the folder
                    return found
                if raw[0] == 0xE5 or raw[11] & 0x0F == 0x0F or raw[11] & 0xC8:  # deleted (its slot may hold
                    continue  # anything since), a long-name slot, a label, bits no entry has
                if not any(b < 0x20 or b == 0x7F for b in raw[1:11]) and not (raw[0] < 0x20 and raw[0] != 0x05
                                                                                 or raw[0] == 0x7F):
                    continue
                inode = (start + at // self.sector - self.first_data) * per_sector + at % self.sector // _ENTRY
                inode += _FIRST_NORMAL_INODE
                if inode not in listed:
                    found.append((inode, raw))
        return found


def short_text(raw: bytes) -> str:
    """An 8.3 entry's name as text (its bytes kept: models.bundle.names)."""
    base, ext = raw[:8].rstrip(b" "), raw[8:11].rstrip(b" ")
    return from_os((base + (b"." + ext if ext else b"")).decode("ascii", "surrogateescape"))
