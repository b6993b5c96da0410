"""A manifest's shape before its schema: JSON parsed without recursion errors, nesting bounded, every text
encodable. Python's json module and jsonschema recurse once a level: 10,000 levels end in RecursionError."""

import json
import re

from models.bundle.manifest_wording import json_path

MAX_DEPTH = 64  # the format nests 6 levels; a deeper manifest is refused before anything recurses into it
_PATH_SHOWN = 12  # a refusal names at most so many levels of a deep path, then "..."
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{},:]', re.DOTALL)
_SURROGATE = re.compile("[\ud800-\udfff]")


def _shown_path(parts: list) -> str:
    if len(parts) <= _PATH_SHOWN:
        return json_path(parts)
    return json_path(parts[:_PATH_SHOWN]) + f"...（共 {len(parts)} 层 / {len(parts)} levels）"


def deep_point(text: str, limit: int = MAX_DEPTH) -> list | None:
    """The path where the raw JSON text first nests deeper than limit (None if it never does), read
    with a token scan that keeps a stack, not a recursion: object keys and array indexes as json_path wants."""
    stack: list = []  # per open container: [kind, key or index]
    last_string = None
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            if len(stack) >= limit:
                return [entry[1] for entry in stack]
            stack.append(["[", 0] if token == "[" else ["{", None])
        elif token in "]}":
            if stack:
                stack.pop()
        elif token == ",":
            if stack and stack[-1][0] == "[":
                stack[-1][1] += 1
        elif token == ":":
            if stack and stack[-1][0] == "{":
                stack[-1][1] = last_string
        else:
            try:
                last_string = json.loads(token)
            except ValueError:
                last_string = token[1:-1]
    return None


def parse_json(text: str):
    """json.loads, with a nesting too deep for it (RecursionError) turned into (path, rule) via deep_point.
    Returns (data, None) or (None, (path, rule_zh, rule_en))."""
    try:
        return json.loads(text), None
    except RecursionError:
        parts = deep_point(text) or []
        return None, _too_deep(parts)


def _too_deep(parts: list) -> tuple[str, str, str]:
    return (_shown_path(parts), f"嵌套超过 {MAX_DEPTH} 层", f"nested deeper than {MAX_DEPTH} levels")


def shape_problem(data) -> tuple[str, str, str] | None:
    """(JSON path, rule zh, rule en) of the first container nested deeper than MAX_DEPTH or the first text
    (key or value) holding a lone surrogate (a \\udcff escape: no UTF-8 text, no file name); else None.
    Walked with an explicit stack: no recursion, whatever the depth."""
    stack = [(data, [])]
    while stack:
        value, parts = stack.pop()
        if isinstance(value, dict):
            if len(parts) >= MAX_DEPTH:
                return _too_deep(parts)
            for key in reversed(list(value)):
                if _SURROGATE.search(key):
                    return _bad_text(parts + [_printable(key)])
                stack.append((value[key], parts + [key]))
        elif isinstance(value, list):
            if len(parts) >= MAX_DEPTH:
                return _too_deep(parts)
            stack.extend((value[i], parts + [i]) for i in reversed(range(len(value))))
        elif isinstance(value, str) and _SURROGATE.search(value):
            return _bad_text(parts)
    return None


def _printable(key: str) -> str:
    return key.encode("utf-8", "backslashreplace").decode("utf-8")


def _bad_text(parts: list) -> tuple[str, str, str]:
    return (_shown_path([_printable(p) if isinstance(p, str) else p for p in parts]),
            "文本含孤立代理项（如 \\udcff），不是有效的 Unicode 文本",
            "text holds a lone surrogate (such as \\udcff), not valid Unicode")
