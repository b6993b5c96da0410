"""One compared digest: its own module so an image's verify (models.image.verify) gives the same rows."""

from typing import NamedTuple


class VerifyResult(NamedTuple):
    """One recorded digest compared with the one computed now (or one unlisted file). Named tuples (this and
    verify.Expected), not frozen dataclasses: cheaper to make, and a verify makes one per file."""

    item: str | None
    path: str
    algorithm: str | None
    recorded: str | None
    recorded_source: str | None
    computed: str | None
    status: str
    error: str | None = None
    explanation: str | None = None

    def to_json(self) -> dict:
        """The `verify --json` object: item, path, algorithm, recorded, computed, status (+ source, error, note)."""
        return self._asdict()
