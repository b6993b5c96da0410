"""An image's media stream hashed (MD5, SHA-1, SHA-256, SM3 in one read, each digest on its own thread while
libewf decompresses in the reader: models.image.disk.media_hash) and compared with the digests the E01 stores.

libewf does not raise on a corrupt chunk (PLATFORM.md): the comparison of the digests is the check; where
libewf can be asked (models.image.disk.ewf_errors), the byte ranges of the chunks failing their checksum are told
with each digest."""

import io

from models.integrity.digests import ALGORITHMS

SOURCE = "ewf_header"  # labels.json source: the digest the E01 stores of its media


class MediaStream(io.RawIOBase):
    """The media stream from its start, read in the digest engine's buffers (models.image.disk.media_hash.hash_media
    reads it faster: no copy, a thread per digest)."""

    def __init__(self, media):
        super().__init__()
        self.media, self.pos = media, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        want = min(len(buffer), self.media.size - self.pos)
        if want <= 0:
            return 0
        data = self.media.read(self.pos, want)
        buffer[:len(data)] = data
        self.pos += len(data)
        return len(data)


def verify_image(bundle, progress=None, cancel=None) -> list:
    """VerifyResults of the image: one per algorithm, 'match'/'mismatch' where the E01 stores a digest,
    'computed' where it stores none; a short media stream is 'unreadable'."""
    from models.integrity.verify_result import VerifyResult

    spec = bundle.image
    item = bundle.items[0]["id"] if bundle.items else None
    name = spec.path.name
    from models.image.disk.media_child import read_media

    read = read_media(spec, lambda _stored: ALGORITHMS, progress, cancel)  # libewf's reading: in a forked child
    recorded, size, computed, done = read["stored"], read["size"], read["digests"], read["done"]
    damaged = read["damaged"]
    if done != size:
        error = f"介质数据流读取不完整 / the media stream was cut short: {done} of {size} bytes"
        return [VerifyResult(item, name, a, recorded.get(a), recorded.get(a) and SOURCE, None, "unreadable", error)
                for a in ALGORITHMS]
    results, error = [], damaged_text(damaged)
    for algorithm in ALGORITHMS:
        stored = recorded.get(algorithm)
        status = "computed" if stored is None else ("match" if stored == computed[algorithm] else "mismatch")
        results.append(VerifyResult(item, name, algorithm, stored, SOURCE if stored else None, computed[algorithm],
                                    status, error))
    return results


DAMAGE_MARK = "libewf 发现数据块校验和错误"


def is_damaged(error) -> bool:
    """A result whose digest was computed over chunks libewf read as zeros: its match proves nothing of the
    container, which ewfverify calls a FAILURE."""
    return bool(error) and str(error).startswith(DAMAGE_MARK)


def damaged_text(ranges: list[tuple[int, int]] | None, shown: int = 10) -> str | None:
    """The chunks libewf found failing their checksum, as byte ranges of the media stream (None: none found,
    or libewf could not be asked)."""
    if not ranges:
        return None
    parts = [f"{start:,}–{start + count - 1:,}" for start, count in ranges[:shown]]
    more = f" …（另 {len(ranges) - shown} 处 / {len(ranges) - shown} more）" if len(ranges) > shown else ""
    total = sum(count for _start, count in ranges)
    return (f"{DAMAGE_MARK}（读作零），介质字节 / libewf found chunks failing their checksum (read "
            f"as zeros), media bytes: {', '.join(parts)}{more}; {total:,} 字节 / bytes")
