"""Screenshots a person can look at: saved under $EVIDENCEDESK_SHOTS (else the test's tmp_path), CJK font set."""

import os
import tempfile
from pathlib import Path


def shots_folder() -> Path:
    """$EVIDENCEDESK_SHOTS, else a folder of this user's under the temporary folder (a fixed /tmp path made by
    root could not be written by another user running the suite)."""
    default = Path(tempfile.gettempdir()) / f"evidencedesk-shots-{os.getuid()}"
    return Path(os.environ.get("EVIDENCEDESK_SHOTS") or default)


def use_cjk_font(qapp) -> str | None:
    from ui.app import pick_font

    return pick_font(qapp)


def save_shot(widget, name: str, fallback: Path) -> Path:
    folder = Path(os.environ.get("EVIDENCEDESK_SHOTS") or fallback)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    assert widget.grab().save(str(target)), f"screenshot not written: {target}"
    return target
