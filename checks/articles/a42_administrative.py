"""Art. 42 data collected by administrative bodies: usable once reviewed as meeting legal requirements."""

from checks.base import ManualCheck


class AdministrativeCheck(ManualCheck):
    NAME = "a42_administrative"
    ARTICLE = "42"

    def applies_to(self, item):
        return (item or {}).get("source") == "administrative"

    def facts(self, item, context):
        return {"source": item.get("source"), "kind": item.get("kind")}
