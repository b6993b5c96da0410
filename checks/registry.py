"""The check registry: an instance filled from an explicit list (Picard's format registry), duplicates refused."""

from checks.articles import a30_objectivity as a30
from checks.articles import a31_integrity as a31
from checks.articles import a32_legality as a32
from checks.articles import a33_relevance as a33
from checks.articles import a34_seized as a34
from checks.articles import a35_image as a35
from checks.articles import a36_extraction as a36
from checks.articles import a37_online as a37
from checks.articles import a38_frozen as a38
from checks.articles import a39_obtained as a39
from checks.articles import a40_inspection as a40
from checks.articles import a41_appraisal as a41
from checks.articles import a42_administrative as a42
from checks.articles import a45_undisplayable as a45
from checks.base import Check

DEFAULT_CHECKS = (
    a30.OriginalMediaCheck, a30.SignaturesCheck, a30.ReproducibleCheck, a30.ChangesExplainedCheck,
    a30.IntegrityCheck,
    a31.SealIntactCheck, a31.DigestsCheck, a31.BackupCheck, a31.OperationLogCheck,
    a32.MethodCustodyCheck, a32.PaperworkCheck, a32.RecordsCheck, a32.ParticipantsCheck, a32.RecordingCheck,
    a32.CrossBorderCheck,
    a33.CaseFactsCheck, a33.PartiesCheck,
    a34.SeizedMediaDescribedCheck, a34.SealingCheck, a34.SeizedSignaturesCheck,
    a35.ImageMediaDescribedCheck, a35.ImagingProcessCheck, a35.ImageDigestsCheck, a35.ImageSignaturesCheck,
    a36.ExtractionMediaDescribedCheck, a36.ExtractionProcessCheck, a36.ExtractionDigestsCheck,
    a36.ExtractionSignaturesCheck,
    a37.SourceAddressCheck, a37.AccessMethodCheck, a37.OnlineDigestsCheck, a37.OnlineSignaturesCheck,
    a37.ProcessMediaCheck,
    a38.FreezePaperworkCheck, a38.FreezeRelevanceCheck, a38.FreezeExpiryCheck, a38.FreezeUnchangedCheck,
    a39.NoticeListsDataCheck, a39.ReceiptSignedCheck, a39.RefusalExplainedCheck, a39.ObtainedDigestsCheck,
    a40.InspectionRecordCheck, a40.ExperimentRecordCheck, a40.EnvironmentCheck, a40.ObjectiveRecordCheck,
    a41.AppraiserQualifiedCheck, a41.MaterialConsistentCheck, a41.MethodStandardCheck, a41.OpinionCompleteCheck,
    a41.CorroboratedCheck,
    a42.AdministrativeCheck,
    a45.UndisplayableCheck,
)


class DuplicateCheckError(ValueError):
    """Two checks registered under one NAME."""


class CheckRegistry:
    """Checks by stable NAME, in registration order (which is article order for the defaults)."""

    def __init__(self, checks=()):
        self._checks: dict[str, Check] = {}
        for check in checks:
            self.register(check)

    def register(self, check) -> Check:
        """Add a Check instance (or class, instantiated here); a NAME already present raises."""
        check = check() if isinstance(check, type) else check
        if not check.NAME:
            raise ValueError(f"{type(check).__name__} has no NAME")
        if check.NAME in self._checks:
            raise DuplicateCheckError(f"check name registered twice: {check.NAME}")
        self._checks[check.NAME] = check
        return check

    def all(self) -> list[Check]:
        return list(self._checks.values())

    def get(self, name: str) -> Check | None:
        return self._checks.get(name)

    def for_item(self, item: dict) -> list[Check]:
        """The checks that apply to this item (its kind, its source, its markers)."""
        return [c for c in self._checks.values() if c.applies_to(item or {})]

    def __len__(self) -> int:
        return len(self._checks)

    def __iter__(self):
        return iter(self._checks.values())


def default_registry() -> CheckRegistry:
    """A fresh registry holding DEFAULT_CHECKS (built once in main.py and handed on)."""
    return CheckRegistry(DEFAULT_CHECKS)
