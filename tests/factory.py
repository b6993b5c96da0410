"""Test bundle factory: a clean bundle of every acquisition kind, one planted defect per clause, hostile manifests.

    factory = BundleFactory(tmp_path)
    factory.clean()                 # no check should fail on it
    factory.with_defect("31.2")     # DEFECTS["31.2"] == (item id, expected status, description)
    factory.duplicate_ids()         # HOSTILE["duplicate_ids"] == the JSON path load_bundle should name
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from models.bundle.bundle_writer import digests_of, write_bundle
from models.demo.demo_items import CaseSpec
from tests.factory_case import CHAT, clean_spec
from tests.factory_defects import _PLANTS, DEFECTS

__all__ = ["BundleFactory", "DEFECTS", "HOSTILE", "clean_spec"]

# hostile builder -> JSON path of the field load_bundle must name (None: the manifest is valid, a finding follows)
HOSTILE = {
    "invalid_json": "$",
    "wrong_format": "$.format",
    "missing_field": "$.case.case_number",
    "duplicate_ids": "$.items[1].id",
    "absolute_path": "$.items[0].content[0].path",
    "dotdot_path": "$.items[0].content[0].path",
    "link_out": "$.items[0].content[2].path",
    "naive_time": "$.case.prepared_at",
    "unknown_kind": "$.items[0].kind",
    "listed_absent": None,
}


class BundleFactory:
    """Writes bundles into tmp_path: each call a new folder, named after what it holds."""

    def __init__(self, tmp_path, today: date | None = None):
        self.root = Path(tmp_path)
        self.today = today

    def spec(self) -> CaseSpec:
        """A fresh copy of the clean case, to change before write()."""
        return clean_spec(self.today)

    def write(self, spec: CaseSpec, name: str = "bundle") -> Path:
        folder, n = self.root / name, 1
        while folder.exists():
            n += 1
            folder = self.root / f"{name}-{n}"
        return write_bundle(folder, spec.manifest, spec.files, mtimes=spec.mtimes)

    def clean(self) -> Path:
        return self.write(self.spec(), "clean")

    def with_defect(self, article: str) -> Path:
        """The clean case with the one defect DEFECTS[article] describes."""
        spec = self.spec()
        _PLANTS[article][3](spec, self.today)
        return self.write(spec, f"defect-{article}")

    def _hostile(self, name: str, change) -> Path:
        spec = self.spec()
        change(spec.manifest, spec)
        return self.write(spec, name)

    def invalid_json(self) -> Path:
        path = self.write(self.spec(), "invalid_json")
        text = (path / "bundle.json").read_text(encoding="utf-8")
        (path / "bundle.json").write_text(text[: len(text) // 2], encoding="utf-8")
        return path

    def wrong_format(self) -> Path:
        return self._hostile("wrong_format", lambda m, s: m.update(format="evidence-bundle/2"))

    def missing_field(self) -> Path:
        return self._hostile("missing_field", lambda m, s: m["case"].pop("case_number"))

    def duplicate_ids(self) -> Path:
        return self._hostile("duplicate_ids", lambda m, s: m["items"][1].update(id=m["items"][0]["id"]))

    def absolute_path(self) -> Path:
        return self._hostile("absolute_path", lambda m, s: m["items"][0]["content"][0].update(path="/etc/passwd"))

    def dotdot_path(self) -> Path:
        return self._hostile("dotdot_path",
                             lambda m, s: m["items"][0]["content"][0].update(path="evidence/E1/../../outside.txt"))

    def naive_time(self) -> Path:
        return self._hostile("naive_time", lambda m, s: m["case"].update(prepared_at="2026-11-20T10:00:00"))

    def unknown_kind(self) -> Path:
        return self._hostile("unknown_kind", lambda m, s: m["items"][0].update(kind="seized_phone"))

    def listed_absent(self) -> Path:
        """Valid manifest; evidence/E1/chat.txt is listed but absent (a deletion finding, not an invalid manifest)."""
        return self._hostile("listed_absent", lambda m, s: s.drop("evidence/E1/chat.txt"))

    def link_out(self, listed: bool = True) -> Path:
        """evidence/E1/link.txt is a symlink to a file outside the bundle; listed in E1's content when listed."""
        outside = self.root / "outside-secret.txt"
        outside.write_bytes(CHAT)
        spec = self.spec()
        if listed:
            spec.item("E1")["content"].append({"path": "evidence/E1/link.txt", "type": "file",
                                               "digests": digests_of(CHAT)})
        path = self.write(spec, "link_out" if listed else "link_out_unlisted")
        os.symlink(os.path.relpath(outside, path / "evidence/E1"), path / "evidence/E1/link.txt")
        return path


def defect_articles() -> list[str]:
    """Every article the factory can plant a defect for (for pytest parametrize)."""
    return list(DEFECTS)
