"""Turn a JSON Schema validation error into the field's JSON path and the rule, in Chinese and English."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # jsonschema is imported only to validate a manifest (models.bundle.manifest._validator)
    from jsonschema.exceptions import ValidationError

_DIGEST_LEN = {"md5": 32, "sha1": 40, "sha256": 64, "sm3": 64}


QUOTED_MAX = 80  # characters of a value or key quoted in a refusal: a 300,000-character one made a 900 KB line


def quoted(value) -> str:
    """The value as the manifest writes it (JSON: null, NaN, "text"), cut after QUOTED_MAX characters with the
    length said: a refusal never shows Python's None, nan or inf."""
    import json

    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    if len(text) <= QUOTED_MAX:
        return text
    return text[:QUOTED_MAX] + f"…（共 {len(text):,} 字 / {len(text):,} characters）"


def json_path(parts) -> str:
    """['items', 0, 'id'] -> '$.items[0].id'; a key longer than QUOTED_MAX is cut (quoted)."""
    text = "$"
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if len(str(part)) <= QUOTED_MAX else f".{quoted(str(part))}"
    return text


def _pattern_rule(error: "ValidationError") -> tuple[str, str]:
    parts = list(error.absolute_path)
    last = parts[-1] if parts else ""
    if last in _DIGEST_LEN and isinstance(error.instance, str):
        n = _DIGEST_LEN[last]
        return (f"{last} 摘要值须为 {n} 位小写十六进制，实为 {len(error.instance)} 位",
                f"a {last} digest is {n} lower-case hex digits; this one has {len(error.instance)}")
    if "\\d{4}-\\d{2}-\\d{2}" in error.validator_value:
        got = quoted(error.instance)
        return (f"时间须为带时区偏移的 ISO 8601 格式（如 2026-11-20T10:00:00+08:00），实为 {got}",
                f"a time must be ISO 8601 with an offset (e.g. 2026-11-20T10:00:00+08:00), got {got}")
    return f"格式不符：{quoted(error.instance)}", f"does not match the required pattern: {quoted(error.instance)}"


_TYPE_ZH = {"string": "字符串", "integer": "整数", "boolean": "布尔值（true/false）", "object": "对象",
            "array": "数组", "number": "数字"}


def describe_schema_error(error: "ValidationError") -> tuple[str, str, str]:
    """(json_path, rule_zh, rule_en) for one schema error."""
    path = json_path(error.absolute_path)
    kind = error.validator
    value = error.validator_value
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        return (json_path([*error.absolute_path, missing]), f"缺少必填字段 {missing}",
                f"required field {missing} is missing")
    if kind == "const":
        return path, f"取值必须为 {quoted(value)}", f"must be exactly {quoted(value)}"
    if kind == "enum":
        options = "、".join(str(v) for v in value)
        return (path, f"取值 {quoted(error.instance)} 无效，应为：{options}",
                f"{quoted(error.instance)} is not one of: {', '.join(map(str, value))}")
    if kind == "type":
        names = value if isinstance(value, list) else [value]
        return (path, "类型应为" + "或".join(_TYPE_ZH.get(v, v) for v in names),
                "must be of type " + " or ".join(names))
    if kind == "pattern":
        return (path, *_pattern_rule(error))
    if kind == "anyOf":
        return path, "至少需要一种摘要（md5、sha1、sha256 或 sm3）", ("at least one digest (md5, sha1, sha256 or sm3) "
                                                             "is required")
    if kind == "minItems":
        return path, "不得为空", "must not be empty"
    if kind == "minLength":
        return path, "不得为空字符串", "must not be an empty string"
    if kind == "minimum":
        return path, f"不得小于 {value}", f"must not be less than {value}"
    return path, f"不符合规则 {kind}：{error.message}", f"breaks rule {kind}: {error.message}"
