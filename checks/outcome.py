"""Propose an item's outcome from its check results (Art. 43 defects, Art. 44 exclusion); the reviewer decides."""

from dataclasses import dataclass, field

# checks whose failure means the data may have been changed: Art. 44
AUTHENTICITY = ("a31_2_digests", "a30_4_changes_explained", "a38_4_freeze_unchanged", "a31_3_backup",
                "a41_2_material_consistent", "a30_3_reproducible")
UNVERIFIED_MATTERS = ("a31_2_digests", "a30_3_reproducible")  # never "admissible" while these are unknown
NOT_SEALED = ("a30_1_original_media", "a31_1_seal_intact", "a34_2_sealing")  # 43(1)
UNSIGNED = ("a32_4_participants", "a34_3_signatures", "a35_4_signatures", "a36_4_signatures", "a37_4_signatures",
            "a39_2_receipt_signed", "a39_3_refusal_explained", "a40_1_inspection_record")  # 43(2)
UNCLEAR = ("a34_1_media_described", "a35_1_media_described", "a36_1_media_described", "a45_undisplayable")  # 43(3)
CONFIRMERS = ("appraisal", "party")


@dataclass(frozen=True)
class ProposedOutcome:
    outcome: str  # admissible | defect | excluded
    basis: str  # "44.1", "44.2", "43.1"... or "" for admissible with nothing to note
    reasons: tuple = field(default_factory=tuple)  # dicts: basis, check, article, status, message


def _pairs(results):
    if isinstance(results, dict):
        return [(name, r) for name, r in results.items()]
    return [(getattr(c, "NAME", c), r) for c, r in results]


def _changes(result) -> list[dict]:
    facts = result.facts or {}
    rows = list(facts.get("problems") or []) + list(facts.get("changed") or [])
    for key in ("added", "deleted", "modified"):
        rows += list(facts.get(key) or [])
    return rows


def _confirmed(item: dict, path: str) -> bool:
    from checks.a31_integrity import change_for

    return (change_for(item, path or "") or {}).get("confirmed_by") in CONFIRMERS


def _reason(basis, name, result) -> dict:
    from checks.wording import wording

    return {"basis": basis, "check": name, "article": wording(name).get("article"), "status": result.status,
            "message": result.message}


def _authenticity(item, name, result) -> str | None:
    """44.1 for an unexplained change, 44.2 when every change is confirmed, 43.4 when explained only.

    Integrity that was never verified (not_recorded) is no ground for "admissible": it is proposed as a
    defect to cure (verify the digests, or have the missing values supplied) under 43(4)."""
    if result.status == "fail":
        return "44.1"
    if result.status == "not_recorded" and name in UNVERIFIED_MATTERS:
        return "43.4"
    if result.status == "warn":
        rows = _changes(result)
        if rows and all(_confirmed(item, r.get("path")) for r in rows):
            return "44.2"
        return "43.4"
    return None


def _defect_basis(name: str) -> str:
    if name in NOT_SEALED:
        return "43.1"
    if name in UNSIGNED:
        return "43.2"
    if name in UNCLEAR:
        return "43.3"
    return "43.4"


def propose_outcome(item: dict, results) -> ProposedOutcome:
    """excluded (44.1) > defect (43.x) > admissible (44.2 noted when confirmed changes were accepted)."""
    reasons = []
    for name, result in _pairs(results):
        if name in AUTHENTICITY:
            basis = _authenticity(item, name, result)
        elif result.status in ("fail", "error"):
            basis = _defect_basis(name)
        else:
            basis = None
        if basis:
            reasons.append(_reason(basis, name, result))
    bases = [r["basis"] for r in reasons]
    if "44.1" in bases:
        return ProposedOutcome("excluded", "44.1", tuple(r for r in reasons if r["basis"] == "44.1"))
    defects = sorted({b for b in bases if b.startswith("43")})
    if defects:
        return ProposedOutcome("defect", ";".join(defects), tuple(reasons))
    return ProposedOutcome("admissible", "44.2" if "44.2" in bases else "", tuple(reasons))
