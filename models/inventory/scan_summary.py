"""What a scan found, in figures: its own module so an image's scan (models.image.scan) reports the same."""

from dataclasses import dataclass


@dataclass
class ScanSummary:
    files: int = 0
    bytes: int = 0
    errors: int = 0
    links: int = 0
    additions: int = 0
    changed: int = 0  # records written (all of them on a first scan; new or changed ones on a rescan)
    removed: int = 0  # records of entries gone since the last scan
    seconds: float = 0.0
