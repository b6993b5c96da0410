"""An image's media stream read and hashed in a forked child. Reading an E01 runs libewf's own inflate and
table code over the image's bytes for its whole length: a segfault there would end the verifying process
(the command line's, or the window's helper) with no word. The child hashes as in-process (a thread per
digest) and sends its progress and its figures; a child that dies is a stated OSError naming the image."""

import marshal
import os
import signal

from models.bundle.bundle_error import ImageError


def recorded_digests(spec, media) -> dict:
    """{algorithm: lower-case hex} stored in the image itself (E01: MD5 and/or SHA-1)."""
    from models.integrity.digests import ALGORITHMS

    if spec.format != "E01":
        return {}
    values = {k.lower().replace("-", ""): (v or "").lower() for k, v in media.handle.get_hash_values().items()}
    return {k: v for k, v in values.items() if k in ALGORITHMS and v and set(v) != {"0"}}


def _read(spec, algorithms_for, progress) -> dict:
    from models.image.disk.media import open_media
    from models.image.disk.media_hash import hash_media

    media = open_media(spec)
    try:
        stored = recorded_digests(spec, media)
        size = media.size
        digests, done = hash_media(media, algorithms_for(stored), progress)
        damaged = media.checksum_errors() if spec.format == "E01" else None
    finally:
        media.close()
    return {"stored": stored, "digests": digests, "done": done, "size": size, "damaged": damaged}


def read_media(spec, algorithms_for, progress=None, cancel=None) -> dict:
    """{stored, digests, done, size, damaged} of the image's media stream (algorithms_for(stored): the digests
    to compute); ImageError and OSError as an in-process read raises them."""
    import multiprocessing

    from models.runtime.jobs import check_cancel

    if not hasattr(os, "fork"):
        check_cancel(cancel)
        return _read(spec, algorithms_for, progress)
    ours, theirs = multiprocessing.Pipe(duplex=False)
    pid = os.fork()
    if pid == 0:  # the child: read, send, leave at once (no clean-up of the parent's state)
        ours.close()
        try:
            import faulthandler

            faulthandler.disable()  # a crash is told by the parent in one line, not as a C stack
            result = ("done", _read(spec, algorithms_for, lambda *a: theirs.send_bytes(marshal.dumps(("p", *a)))))
        except ImageError as exc:
            result = ("image", str(exc))
        except OSError as exc:
            result = ("os", str(exc))
        except BaseException as exc:  # noqa: BLE001 - told to the parent, which raises it as an OSError
            result = ("os", f"{type(exc).__name__}: {exc}")
        try:
            theirs.send_bytes(marshal.dumps(result))
        finally:
            os._exit(0)
    theirs.close()
    final = None
    try:
        while final is None:
            check_cancel(cancel)
            if not ours.poll(0.1):
                continue
            try:
                message = marshal.loads(ours.recv_bytes())
            except (EOFError, OSError):
                break
            if message[0] == "p":
                if progress is not None:
                    progress(*message[1:])
            else:
                final = message
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        ours.close()
        _pid, status = os.waitpid(pid, 0)
    if final is None:
        number = os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        raise OSError(f"读取介质数据流时 libewf/TSK 崩溃（信号 {number}），镜像数据异常 / libewf or TSK crashed "
                      f"reading the media stream (signal {number}; damaged image data): {spec.path.name}")
    kind, value = final
    if kind == "image":
        raise ImageError(value)
    if kind == "os":
        raise OSError(value)
    value["damaged"] = [tuple(pair) for pair in value["damaged"]] if value["damaged"] is not None else None
    return value
