"""The shape of a check (plaso-style small unit): CheckResult, CheckContext, Check and the helpers they share."""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

# not_verified: the digests were never recomputed for the bundle as it is now (a fact still to be gathered);
# not_recorded: the bundle itself lacks the record (a fact about the evidence). Different facts, different words.
STATUSES = ("pass", "fail", "warn", "needs_review", "not_verified", "not_recorded", "not_applicable", "error")
KINDS_ALL = frozenset({"seized_media", "media_image", "onsite_extraction", "online_extraction", "frozen",
                       "obtained", "inspection", "appraisal"})
ALL = KINDS_ALL
DEFAULT_SETTINGS = {"freeze_warning_days": 15, "exif_threshold_s": 60, "max_fact_rows": 200}
# worst first: how results are summarised (Art. 30.5) and how an item's overview colours a clause
SEVERITY = ("error", "fail", "warn", "needs_review", "not_verified", "not_recorded", "pass", "not_applicable")


@dataclass(frozen=True)
class CheckResult:
    """One check's answer for one item: a status, the facts it rests on, a Chinese message."""

    status: str
    facts: dict = field(default_factory=dict)
    message: str = ""
    message_key: str = ""
    params: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ValueError(f"unknown check status {self.status!r}")

    def to_dict(self) -> dict:
        return {"status": self.status, "facts": self.facts, "message": self.message,
                "message_key": self.message_key, "params": self.params}


def result(status: str, message: str, **facts) -> CheckResult:
    """A result whose message is already words (the generic ones of Check.run); checks use say()."""
    return CheckResult(status=status, facts=facts, message=message)


def say(status: str, key: str, params: dict | None = None, **facts) -> CheckResult:
    """A result with its message from resources/checks/messages.json: key "group.name", params filled at display
    (message keeps the Chinese, filled now, for the store and the command line)."""
    from checks.wording import message_text

    params = dict(params or {})
    return CheckResult(status=status, facts=facts, message=message_text(key, params, "zh"), message_key=key,
                       params=params)


def correction(key: str, **params) -> str:
    """One sentence asked of the investigating organ (补签…、补充说明…、补充提供…), from messages.json."""
    from checks.wording import correction_text

    return correction_text(key, params)


def worst(statuses) -> str | None:
    """The most severe status among those given (not_applicable only when nothing else)."""
    present = [s for s in statuses if s in STATUSES]
    return min(present, key=SEVERITY.index) if present else None


def _plain(record) -> dict:
    if isinstance(record, dict):
        return dict(record)
    if hasattr(record, "_asdict"):
        return record._asdict()
    if hasattr(record, "__dataclass_fields__"):
        return {name: getattr(record, name) for name in record.__dataclass_fields__}
    return dict(vars(record))


ANOMALIES_PER_ITEM = 200  # a check lists at most the first so many anomalies of one item; the context keeps no more


@dataclass
class CheckContext:
    """Everything a check may read besides its item; built once per run by checks.runner.build_context."""

    bundle: object
    verify_results: list = field(default_factory=list)
    files: object = field(default_factory=list)  # list of file records, or callable(item_id) -> records
    today: date = field(default_factory=date.today)
    settings: dict = field(default_factory=dict)
    backup_differences: dict | None = None  # backup item id -> list of differences; None = not compared
    anomalies: list = field(default_factory=list)  # the first ANOMALIES_PER_ITEM of each item, in their order
    anomaly_counts: dict = field(default_factory=dict)  # item id -> how many anomalies name it in all
    # True when the store's verification is for the bundle as it is now (checks.runner.verification_current);
    # None: judged from verify_results alone. False: digests never recomputed, checks answer not_verified.
    verified: bool | None = None
    cache: dict = field(default_factory=dict)  # what a check read once for the run (an image's headers)
    # the store's verification read an item at a time (checks.runner.StoredVerifications); None: verify_results.
    # A bundle of 100k items or 1M files then never holds every record, nor scans them all once per item.
    stored: object = None
    _by_item: dict | None = field(default=None, init=False, repr=False, compare=False)
    _by_anomaly_item: dict | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self):
        if self.verified is None:
            self.verified = bool(self.verify_results)

    def setting(self, key: str):
        return self.settings.get(key, DEFAULT_SETTINGS.get(key))

    @property
    def adhoc(self) -> bool:
        return bool(getattr(self.bundle, "adhoc", False))

    def _item_rows(self, item_id) -> list:
        if self.stored is not None:
            return self.stored.item(item_id)
        if self._by_item is None:  # indexed once: a scan of every record per item is quadratic
            self._by_item = {}
            for record in self.verify_results or []:
                row = _plain(record)
                self._by_item.setdefault(row.get("item"), []).append(row)
        return self._by_item.get(item_id, [])

    def verifications(self, item_id: str, sources=None, exclude=()) -> list[dict]:
        """Verification records of one item as dicts, filtered by recorded_source."""
        return list(self.iter_verifications(item_id, sources, exclude))

    def iter_verifications(self, item_id: str, sources=None, exclude=(), status: str | None = None):
        """verifications() one at a time (from the store: in path order, none kept), of this status if given."""
        if self.stored is not None:
            rows = self.stored.iter_item(item_id, status)
        else:
            rows = (r for r in self._item_rows(item_id) if status is None or r.get("status") == status)
        for row in rows:
            source = row.get("recorded_source")
            if (sources is not None and source not in sources) or source in exclude:
                continue
            yield dict(row) if self.stored is None else row  # a row read from the store is already fresh

    @property
    def path_ordered(self) -> bool:
        """True when iter_verifications gives an item's records in path order (read from the store)."""
        return self.stored is not None

    def verifications_at(self, path: str) -> list[dict]:
        """Verification records of one path, whatever the item."""
        if self.stored is not None:
            return self.stored.path(path)
        return [row for row in (_plain(r) for r in self.verify_results or []) if row.get("path") == path]

    def restorable(self) -> set | None:
        """Paths whose recorded digest another file of the bundle matches (checks.outcome.restorable_paths), from
        the store; None without one (then computed from verify_results)."""
        return self.stored.restorable() if self.stored is not None else None

    def item_anomalies(self, item_id) -> list:
        """The anomalies naming this item, in their order (indexed once, not scanned per item)."""
        if hasattr(self.anomalies, "of_item"):  # checks.runner.PackedAnomalies: grouped as made
            return self.anomalies.of_item(item_id)
        if self._by_anomaly_item is None:
            self._by_anomaly_item = {}
            for anomaly in self.anomalies or []:
                found = anomaly.get("item") if isinstance(anomaly, dict) else getattr(anomaly, "item", None)
                self._by_anomaly_item.setdefault(found, []).append(anomaly)
        return self._by_anomaly_item.get(item_id, [])

    def file_records(self, item_id: str):
        """The item's file records as dicts, one at a time: an item of 1M files is never held whole."""
        if callable(self.files):
            return (_plain(r) for r in self.files(item_id))
        return (_plain(r) for r in self.files or [] if _plain(r).get("item") == item_id)

    def exists(self, rel: str) -> bool:
        """True when rel names a regular file inside the bundle (never through a link leaving it)."""
        from models.bundle.safepath import SafePathError, resolve_inside

        try:
            return resolve_inside(Path(self.bundle.root), rel).is_file()
        except (SafePathError, OSError, TypeError):
            return False

    def missing_paths(self, paths) -> list[str]:
        return [p for p in paths or [] if not self.exists(p)]


def present(value) -> bool:
    """Recorded: not None, not an empty string, list or dict (False and 0 count as recorded)."""
    if value is None:
        return False
    if isinstance(value, (str, list, tuple, dict)):
        return bool(value.strip() if isinstance(value, str) else value)
    return True


def missing_fields(obj: dict | None, names) -> list[str]:
    return [n for n in names if not present((obj or {}).get(n))]


class Check:
    """Base of every check: NAME, ARTICLE, KIND, KINDS; run() wraps evaluate() so nothing raises."""

    NAME = ""
    ARTICLE = ""
    KIND = "auto"  # auto | assisted | manual
    KINDS = KINDS_ALL
    MANIFEST = True  # rests on manifest fields: an ad-hoc bundle gives not_recorded

    def applies_to(self, item: dict) -> bool:
        return (item or {}).get("kind") in self.KINDS

    def run(self, item: dict, context: CheckContext) -> CheckResult:
        item = item or {}
        if not self.applies_to(item):
            return say("not_applicable", "common.not_applicable")
        if self.MANIFEST and context.adhoc:
            return say("not_recorded", "common.adhoc", adhoc=True)
        try:
            return self.evaluate(item, context)
        except Exception as exc:  # reported as status error with its reason, never swallowed
            return say("error", "common.error", {"error": f"{type(exc).__name__}: {exc}"},
                       error=f"{type(exc).__name__}: {exc}")

    def evaluate(self, item: dict, context: CheckContext) -> CheckResult:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.NAME} {self.ARTICLE}>"


class ManualCheck(Check):
    """A clause only a person can judge: the question, with whatever facts help answer it."""

    KIND = "manual"
    MANIFEST = False

    def facts(self, item: dict, context: CheckContext) -> dict:
        return {}

    def evaluate(self, item, context):
        return say("needs_review", "common.question", {"question": self.NAME}, **self.facts(item, context))
