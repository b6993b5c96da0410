"""The media stream of an image, open: read(offset, size) over raw segments or a libewf handle, and the
pytsk3 image object TSK lists it through."""

import bisect
import os

import pytsk3

from models.bundle.safepath import open_evidence_fd
from models.common.os_errors import os_reason
from models.image.disk.container import ImageError, ImageSpec

FALLBACK_CODEPAGE = "windows-936"  # Chinese examiners' narrow EWF headers (FORMATS.md)


class RawMedia:
    """One or more raw files read as one stream (split raw: .000/.001 or .001/.002 ...)."""

    def __init__(self, segments: list[str]):
        self.fds = [open_evidence_fd(name) for name in segments]
        sizes = [os.fstat(fd).st_size for fd in self.fds]
        self.starts = [sum(sizes[:i]) for i in range(len(sizes))]
        self.size = sum(sizes)

    def read(self, offset: int, size: int) -> bytes:
        if not 0 <= offset < self.size or size <= 0:  # a partition table may point anywhere: nothing there
            return b""
        size = min(size, self.size - offset)
        parts = []
        index = bisect.bisect_right(self.starts, offset) - 1
        while size > 0 and 0 <= index < len(self.fds):
            chunk = os.pread(self.fds[index], size, offset - self.starts[index])
            if not chunk:
                index += 1
                if index < len(self.fds):
                    offset = self.starts[index]
                continue
            parts.append(chunk)
            offset, size = offset + len(chunk), size - len(chunk)
        return b"".join(parts)

    def close(self) -> None:
        for fd in self.fds:
            os.close(fd)
        self.fds = []


def _garbled(values: dict) -> bool:
    return any("\ufffd" in (v or "") for v in values.values())


class EwfMedia:
    """An E01 segment set through libewf. A narrow header read as ASCII comes out with U+FFFD where its
    bytes were not ASCII: then it is opened again with the given code page, or windows-936."""

    def __init__(self, spec: ImageSpec):
        import pyewf

        self.handle = self._open(pyewf, spec.segments, spec.codepage)
        self.codepage = self.handle.get_header_codepage()
        if spec.codepage is None and _garbled(self.handle.get_header_values()):
            self.handle.close()
            self.handle = self._open(pyewf, spec.segments, FALLBACK_CODEPAGE)
            self.codepage = FALLBACK_CODEPAGE
        self.size = self.handle.get_media_size()

    @staticmethod
    def _open(pyewf, segments, codepage):
        handle = pyewf.handle()
        try:
            if codepage:
                handle.set_header_codepage(codepage)
            handle.open(segments)
        except (OSError, ValueError) as exc:
            raise ImageError(f"无法打开 E01 / cannot open the E01: {os.path.basename(segments[0])}: {exc}") from exc
        return handle

    def read(self, offset: int, size: int) -> bytes:
        if not 0 <= offset < self.size or size <= 0:  # past the media (a hostile partition table): nothing
            return b""
        return self.handle.read_buffer_at_offset(min(size, self.size - offset), offset)

    def checksum_errors(self) -> list[tuple[int, int]] | None:
        """(first byte, byte count) of each stretch libewf found failing its chunk checksum in what was read so
        far (libewf reads such a chunk as zeros and does not raise); None where it cannot be asked
        (models.image.disk.ewf_errors)."""
        from models.image.disk.ewf_errors import checksum_errors

        return checksum_errors(self.handle)

    def close(self) -> None:
        self.handle.close()


class StreamImage(pytsk3.Img_Info):
    """pytsk3 reading through one of the media above (TSK asks for its blocks by offset). A read the media
    refuses (an E01 chunk libewf cannot find) is a short read for TSK, which then fails with its own OSError:
    an exception raised here would come out of pytsk3 as a RuntimeError. The media's reason is kept in
    read_error for the messages."""

    def __init__(self, media):
        self.media = media
        self.read_error: str | None = None
        super().__init__(url="", type=pytsk3.TSK_IMG_TYPE_EXTERNAL)

    def read(self, offset, size):
        try:
            return self.media.read(offset, size)
        except OSError as exc:
            self.read_error = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
            return b""

    def get_size(self):
        return self.media.size

    def close(self):
        self.media.close()


def open_media(spec: ImageSpec):
    """The stream of the image (read, size, close)."""
    if spec.format == "E01":
        return EwfMedia(spec)
    try:
        return RawMedia(spec.segments)
    except OSError as exc:
        raise ImageError(f"无法读取镜像 / cannot read the image: {spec.path}: {os_reason(exc)}") from exc


def tsk_image(media) -> pytsk3.Img_Info:
    return StreamImage(media)
