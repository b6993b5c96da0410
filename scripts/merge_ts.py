"""Add the messages a fresh lupdate found to a .ts file, keeping every message it has.

    python scripts/merge_ts.py COLLECTED.ts TARGET.ts

lupdate cannot see every string the window translates (contexts PySide6 uses for tr aliases and for tables
translated through a variable were added to en.ts by hand): updating en.ts in place with -no-obsolete dropped
~200 of them. New (context, source) pairs are written into TARGET's text, unfinished, at the end of their
context (or in a new one); nothing else in the file changes."""

import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape


def merge(collected: str, target: str) -> int:
    with open(target, encoding="utf-8") as source:
        text = source.read()
    have = {(ctx.findtext("name") or "", msg.findtext("source"))
            for ctx in ET.fromstring(text.encode("utf-8")).findall("context") for msg in ctx.findall("message")}
    new: dict[str, list[str]] = {}
    for ctx in ET.parse(collected).getroot().findall("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.findall("message"):
            if (name, msg.findtext("source")) not in have:
                new.setdefault(name, []).append(msg.findtext("source"))
                have.add((name, msg.findtext("source")))
    for name, sources in new.items():
        block = "".join(f"    <message>\n        <source>{escape(s)}</source>\n"
                        f"        <translation type=\"unfinished\"></translation>\n    </message>\n" for s in sources)
        head = f"<context>\n    <name>{escape(name)}</name>\n"
        at = text.find(head)
        if at < 0:
            text = text.replace("</TS>", f"{head}{block}</context>\n</TS>")
        else:
            end = text.index("</context>", at)
            text = text[:end] + block + text[end:]
    with open(target, "w", encoding="utf-8") as out:
        out.write(text)
    return sum(len(sources) for sources in new.values())


if __name__ == "__main__":
    print(f"{merge(sys.argv[1], sys.argv[2])} new messages added to {sys.argv[2]} (unfinished)")
