"""Writing a file whole or not at all: a reader never sees half of it, and a failed write leaves no debris."""

import os
import tempfile
from pathlib import Path


def write_atomic(out: Path, data: bytes, mode: int | None = None) -> None:
    """Write data to out through a temporary file beside it, synced, then renamed over out; mode (e.g. 0o600)
    set before the rename. Raises OSError when it cannot be written (the temporary file removed)."""
    out = Path(out)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
