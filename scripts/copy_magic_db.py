"""Copy libmagic's compiled database into resources/ at build time (the frozen build carries no magic.mgc)."""

import importlib.util
import shutil
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "resources" / "magic.mgc"
SYSTEM_CANDIDATES = [Path("/usr/share/misc/magic.mgc"), Path("/usr/lib/file/magic.mgc"),
                     Path("/usr/share/file/magic.mgc"), Path("/opt/homebrew/share/misc/magic.mgc"),
                     Path("/usr/local/share/misc/magic.mgc")]


def _wheel_candidates() -> list[Path]:
    """python-magic-bin (Windows) keeps its database inside the package: magic/libmagic/magic.mgc."""
    spec = importlib.util.find_spec("magic")
    if spec is None or spec.origin is None:
        return []
    package = Path(spec.origin).parent
    return [package / "libmagic" / "magic.mgc", package / "magic.mgc"]


def find_database() -> Path | None:
    for candidate in _wheel_candidates() + SYSTEM_CANDIDATES:
        if candidate.is_file():
            return candidate.resolve()
    return None


def main() -> int:
    source = find_database()
    if source is None:
        print("magic.mgc not found (install libmagic / file, or python-magic-bin on Windows)", file=sys.stderr)
        return 2
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, TARGET)
    print(f"copied {source} -> {TARGET} ({TARGET.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
