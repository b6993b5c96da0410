"""The media stream of an image hashed in one read: the reader and each digest on a thread of its own.

The work per GiB here (read through libewf 0.8 s, MD5 1.44, SHA-1 0.58, SHA-256 0.62, SM3 2.85) cannot be
shared out evenly between two fixed threads (SM3 alone is the largest part); five threads on two cores can,
as the system gives a core to whichever is behind. libewf and hashlib release the GIL while they work on
a buffer. Each buffer is the bytes object libewf returns, handed as it is to every digest (never copied),
and at most IN_FLIGHT + 1 of them are held: memory stays flat whatever the image's size."""

import queue
import threading

from models.integrity.digests import new_hasher, normalise
from models.runtime.jobs import check_cancel

# a multiple of every EWF chunk size, and small: the buffers in flight stay in the shared cache, which five
# threads reading each buffer need (1 GiB of a loaded machine's E01: 12.7-14.4 s against 16.5-16.7 s with
# 4 MiB; 32 MiB buffers would cost glibc a fresh mapping each time)
READ_SIZE = 1 << 20
IN_FLIGHT = 12  # buffers a digest may lag behind the reader


class _Digest(threading.Thread):
    """One digest taking buffers off its queue until None."""

    def __init__(self, name: str):
        super().__init__(daemon=True, name=f"EvidenceDesk {name}")
        self.hasher = new_hasher(name)
        self.slots = threading.Semaphore(IN_FLIGHT)  # buffers this digest may lag behind the reader
        self.jobs: queue.SimpleQueue = queue.SimpleQueue()
        self.error: BaseException | None = None

    def run(self) -> None:
        while (data := self.jobs.get()) is not None:
            try:
                if self.error is None:
                    self.hasher.update(data)
            except BaseException as exc:  # noqa: BLE001 - handed to the reader, which raises it
                self.error = exc
            finally:
                self.slots.release()


def hash_media(media, algorithms, progress=None, cancel=None) -> tuple[dict[str, str], int]:
    """({algorithm: hex}, bytes read) of media.read(offset, size) from 0 to media.size; progress(0, 1, done,
    size) after each buffer; a short read ends the stream (the caller compares what was read with the size)."""
    names = normalise(algorithms)
    size = media.size
    digests = [_Digest(name) for name in names]
    for digest in digests:
        digest.start()
    done = 0
    try:
        while done < size:
            check_cancel(cancel)
            for digest in digests:  # every digest within IN_FLIGHT buffers of the reader
                digest.slots.acquire()
            data = media.read(done, min(READ_SIZE, size - done))
            if not data:
                for digest in digests:
                    digest.slots.release()
                break
            for digest in digests:
                digest.jobs.put(data)
            done += len(data)
            for digest in digests:
                if digest.error is not None:
                    raise digest.error
            if progress is not None:
                progress(0, 1, done, size)
    finally:
        for digest in digests:
            digest.jobs.put(None)
        for digest in digests:
            digest.join()
    for digest in digests:
        if digest.error is not None:
            raise digest.error
    return {name: d.hasher.hexdigest() for name, d in zip(names, digests)}, done
