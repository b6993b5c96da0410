"""An image as a source of entries, like models.bundle.source.FolderSource: entries() and open()."""

from collections.abc import Iterator
from pathlib import PurePosixPath

from models.image.disk.container import ImageSpec
from models.image.disk.first_open import try_open
from models.image.disk.media import open_media, tsk_image
from models.image.disk.positioned import PositionedReader
from models.image.disk.volumes import partitions
from models.image.listing.walk import ImageEntry, Lister, walk


class TskReader(PositionedReader):
    """A read-only stream of one file (or one NTFS stream) inside the image, read through TSK."""

    def __init__(self, handle, size: int, attr: tuple | None = None):
        super().__init__(size)
        self.handle, self.attr = handle, attr

    def read_at(self, offset: int, size: int) -> bytes:
        try:
            if self.attr:
                return self.handle.read_random(offset, size, *self.attr)
            return self.handle.read_random(offset, size)
        except OSError as exc:
            raise OSError(f"TSK: {str(exc).splitlines()[0][:200]}") from exc


class ImageSource:
    """Every partition's file system of one image; paths 'NAME:/pN/path' (NAME: the image's own path in the
    bundle, its file name when opened on its own)."""

    def __init__(self, spec: ImageSpec, tz_name: str, name: str | None = None):
        self.spec, self.tz_name = spec, tz_name
        self.name = name or spec.path.name
        try_open(spec, self.name)  # a crash or stall of libewf/TSK on these bytes: a forked child's
        self.media = open_media(spec)
        self.img = tsk_image(self.media)
        self.partitions = partitions(self.img, self.media.size)

    def prefix(self, part) -> str:
        return f"{self.name}:/{part.name}"

    def folders(self, cancel=None) -> Iterator[list[ImageEntry]]:
        """Batches of entries, partition after partition; a partition with no readable file system is one
        entry carrying the reason."""
        for part in self.partitions:
            yield from self.partition_folders(part, cancel)

    def partition_folders(self, part, cancel=None) -> Iterator[list[ImageEntry]]:
        if part.fs is None:
            yield [ImageEntry(self.prefix(part), "dir", error=part.error)]
            return
        yield from walk(part.fs, self.prefix(part), self._zone(part), cancel, self._fs_bytes(part))

    def lister(self, part) -> Lister:
        """The partition's file system listed a folder at a time (models.image.listing.walk_split's helpers)."""
        return Lister(part.fs, self.prefix(part), self._zone(part), self._fs_bytes(part))

    def _zone(self, part) -> str | None:
        return self.tz_name if part.local_times else None  # FAT keeps local times: read in the case zone

    def _fs_bytes(self, part) -> tuple:
        """(read(offset, size), size) of the partition's own bytes, for what TSK does not read (ISO offsets)."""
        return (lambda offset, size, start=part.start: self.media.read(start + offset, size)), part.length

    def entries(self, cancel=None) -> Iterator[ImageEntry]:
        for found in self.folders(cancel):
            yield from found

    def info(self) -> dict:
        """The {"image": ...} object of `scan IMAGE --json` (DESIGN.md), E01 header fields included."""
        data = {"format": self.spec.format, "path": str(self.spec.path), "size": self.media.size,
                "segments": [PurePosixPath(s).name for s in self.spec.segments]}
        if self.spec.format == "E01":
            from models.image.disk.headers import ewf_headers

            data.update(ewf_headers(self.media.handle))
        data["partitions"] = [p.to_json() for p in self.partitions]
        return data

    def _partition(self, path: str):
        rest = path[len(self.name) + 2:] if path.startswith(self.name + ":/") else path
        name, _, inner = rest.partition("/")
        part = next((p for p in self.partitions if p.name == name), None)
        if part is None or part.fs is None:
            raise OSError(f"镜像中没有该分区 / no such partition in the image: {name}")
        return part, inner

    def claim_problem(self, path: str, size: int | None) -> str | None:
        """Why a file is not opened: it claims more bytes than its whole partition holds. That is damaged
        metadata, and pytsk3 would first build a run for every claimed block (seconds to hours)."""
        try:
            part, _inner = self._partition(path)
        except OSError:
            return None
        if size is None or size <= part.length:
            return None
        return (f"声称大小 {size:,} 字节超过其所在分区（{part.length:,} 字节），元数据已损坏 / "
                f"claimed size {size:,} bytes exceeds its partition ({part.length:,} bytes): damaged metadata")

    def open(self, path: str, address: str | None = None) -> TskReader:
        """A stream of a file inside the image, by its TSK address when known (deleted files share names)."""
        part, inner = self._partition(path)
        try:
            if address:
                addr, *attr = address.split("-")
                handle = part.fs.open_meta(inode=int(addr))
            else:
                attr, handle = [], part.fs.open("/" + inner)
        except OSError as exc:
            raise OSError(f"TSK: {str(exc).splitlines()[0][:200]}") from exc
        if attr:
            kind, ident = int(attr[0]), int(attr[1])
            size = next((a.info.size for a in handle if int(a.info.type) == kind and a.info.id == ident), 0)
            return TskReader(handle, size, (kind, ident))
        return TskReader(handle, handle.info.meta.size if handle.info.meta else 0)

    def close(self) -> None:
        self.partitions = []
        self.media.close()
