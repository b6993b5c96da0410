"""Recently opened bundles, remembered in QSettings (newest first)."""

import os

KEY = "recent/bundles"
LIMIT = 10


class RecentBundles:
    """paths() / add(path) / remove(path) over the given QSettings."""

    def __init__(self, settings, limit: int = LIMIT):
        self.settings = settings
        self.limit = limit

    def paths(self) -> list[str]:
        value = self.settings.value(KEY, [])
        if isinstance(value, str):  # QSettings returns a lone string for a one-element list on some back-ends
            value = [value]
        return [str(v) for v in (value or []) if v]

    def add(self, path) -> None:
        path = os.path.abspath(str(path))
        self._save([path] + [p for p in self.paths() if p != path])

    def remove(self, path) -> None:
        self._save([p for p in self.paths() if p != str(path)])

    def clear(self) -> None:
        self._save([])

    def _save(self, paths: list[str]) -> None:
        self.settings.setValue(KEY, paths[: self.limit])
        self.settings.sync()
