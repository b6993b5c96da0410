"""The case bundle manifest (evidence-bundle/1): read, validate against the schema and the rules it cannot say."""

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from models.bundle.bundle_error import BundleError  # noqa: F401 - raised here, imported from here by callers
from models.bundle.compact import CompactItems
from models.bundle.manifest_rules import semantic_errors
from models.bundle.manifest_shape import parse_json, shape_problem
from models.bundle.manifest_stream import load_streamed
from models.bundle.manifest_wording import describe_schema_error
from models.bundle.names import from_os
from models.bundle.safe_read import MANIFEST_CAP, read_metadata
from models.common.os_errors import os_reason
from models.common.resources import resource_path
from models.common.timeutil import DEFAULT_ZONE

MANIFEST_NAME = "bundle.json"
ADHOC_ITEM = "ADHOC"


class ManifestError(Exception):
    """An invalid manifest: the JSON path of the field and the rule it breaks, in Chinese and English."""

    def __init__(self, json_path: str, rule_zh: str, rule_en: str, others: list | None = None):
        self.json_path = json_path
        self.rule_zh = rule_zh
        self.rule_en = rule_en
        self.others = others or []
        super().__init__(f"清单无效 / invalid manifest: {json_path}: {rule_zh} / {rule_en}")


@dataclass
class Bundle:
    root: Path
    data: dict
    adhoc: bool
    digest: str
    image: object = None  # models.image.disk.container.ImageSpec when a disk image was opened on its own

    @property
    def case(self) -> dict:
        return self.data.get("case", {})

    @property
    def parties(self) -> list[dict]:
        return self.data.get("parties", [])

    @property
    def items(self) -> list[dict]:
        return self.data.get("items", [])

    @property
    def timezone(self) -> str:
        return self.case.get("timezone") or DEFAULT_ZONE

    def item(self, item_id: str) -> dict | None:
        items = self.items
        if isinstance(items, CompactItems):
            return items.find(item_id)
        return next((i for i in items if i.get("id") == item_id), None)

    def party(self, party_id: str) -> dict | None:
        return next((p for p in self.parties if p.get("id") == party_id), None)


@lru_cache(maxsize=1)
def _validator():
    """The schema's validator; jsonschema imported here: 0.17 s that an image opened on its own never needs."""
    import jsonschema

    schema = json.loads(resource_path("bundle.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def validate_manifest(data, root: Path) -> None:
    """Raise ManifestError for the first problem (schema first, then cross-field rules)."""
    schema_errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    problems = [describe_schema_error(e) for e in schema_errors]
    if not problems:
        problems = semantic_errors(data, root)
    if problems:
        first = problems[0]
        raise ManifestError(*first, others=problems[1:])


def _read_manifest(root: Path) -> bytes:
    path = root / MANIFEST_NAME
    if path.is_symlink():
        raise ManifestError("$", "bundle.json 是链接，不予读取", "bundle.json is a link and is not read")
    try:
        return read_metadata(path, MANIFEST_CAP)
    except OSError as exc:
        raise BundleError(f"无法读取清单 / cannot read the manifest: {path}: {os_reason(exc)}") from exc


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ManifestError("$", f"清单不是 UTF-8 文本（第 {exc.start} 字节）",
                            f"the manifest is not UTF-8 text (byte {exc.start})") from exc


def _parse(text: str) -> dict:
    try:
        data, problem = parse_json(text)
    except json.JSONDecodeError as exc:
        raise ManifestError("$", f"JSON 语法错误：第 {exc.lineno} 行第 {exc.colno} 列，{exc.msg}",
                            f"JSON syntax error at line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
    problem = problem or shape_problem(data)
    if problem:
        raise ManifestError(*problem)
    return data


def _image_bundle(path: Path) -> Bundle:
    """A disk image opened on its own: one ad-hoc item whose files are the image's."""
    from models.image.disk.container import inspect, looks_like_image

    if not path.is_file():  # a FIFO, a device, a socket: named, never opened
        from models.bundle.safe_read import kind_text

        zh, en = kind_text(os.stat(path).st_mode)
        raise BundleError(f"不是文件夹或磁盘镜像（{zh}）/ not a folder or disk image ({en}): {path}")
    if not looks_like_image(path):
        raise BundleError(f"不是文件夹或磁盘镜像 / not a folder or disk image: {path}")
    spec = inspect(path)
    bundle = _adhoc(spec.path)  # by its first segment: one image, one store, whichever segment was given
    bundle.image = spec
    bundle.digest = hashlib.sha256(b"image:" + os.fsencode(str(spec.path.resolve()))).hexdigest()
    return bundle


def _adhoc(root: Path) -> Bundle:
    name = from_os(root.resolve().name or str(root))  # a folder name that is not UTF-8 (models.bundle.names)
    data = {
        "format": "evidence-bundle/1",
        "case": {"case_number": "", "title": name, "prepared_by": "", "prepared_at": None},
        "items": [{"id": ADHOC_ITEM, "title": name, "kind": "obtained",
                   "content": [{"path": ".", "type": "directory"}]}],
    }
    digest = hashlib.sha256(os.fsencode(str(root.resolve()))).hexdigest()
    return Bundle(root=root, data=data, adhoc=True, digest=digest)


def load_bundle(path) -> Bundle:
    """Open a bundle folder read-only; a folder with no bundle.json opens as an ad-hoc bundle."""
    root = Path(path)
    if not root.exists():
        raise BundleError(f"路径不存在 / path does not exist: {root}")
    if not root.is_dir():
        return _image_bundle(root)
    if not os.access(root, os.R_OK | os.X_OK):
        raise BundleError(f"无权读取该文件夹 / folder not readable: {root}")
    if not (root / MANIFEST_NAME).exists() and not (root / MANIFEST_NAME).is_symlink():
        return _adhoc(root)
    raw = _read_manifest(root)
    digest = hashlib.sha256(raw).hexdigest()
    text = _decode(raw)
    del raw  # each form let go once the next is made: bytes, text, objects are never all held at once
    data = load_streamed(text, root, _validator())  # a valid manifest an item at a time
    if data is None:  # invalid or unusual: the whole document, for the exact error
        data = _parse(text)
        del text
        validate_manifest(data, root)
        data["items"] = CompactItems(data["items"])  # ~1.4 KB an item as dicts, ~0.3 KB as blobs, for the whole run
    return Bundle(root=root, data=data, adhoc=False, digest=digest)
