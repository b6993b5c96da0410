"""Art. 33: relevance questions and the parties beside device identifiers."""

import json

from checks.articles import a33_relevance as a33
from tests.checks.contract import CheckContract, make_bundle, run


class TestCaseFacts(CheckContract):
    CHECK = a33.CaseFactsCheck


class TestParties(CheckContract):
    CHECK = a33.PartiesCheck

    def test_parties_and_exif_shown(self, tmp_path):
        item = {"id": "E1", "kind": "seized_media", "related_parties": ["P1"], "media": {"user": "P1"}}
        bundle = make_bundle(tmp_path, [item], parties=[{"id": "P1", "name": "张某某", "role": "suspect"}])
        files = [{"item": "E1", "path": "evidence/a.jpg", "exif_json": json.dumps({"make": "Canon", "model": "X"})}]
        outcome = run(self.CHECK, item, bundle=bundle, files=files)
        assert outcome.status == "needs_review"
        assert outcome.facts["related_parties"][0]["name"] == "张某某"
        assert outcome.facts["device_identifiers"] == [{"path": "evidence/a.jpg", "make": "Canon", "model": "X"}]

    def test_unknown_party_fails(self, tmp_path):
        assert run(self.CHECK, {"id": "E1", "kind": "obtained", "related_parties": ["P9"]},
                   tmp_path=tmp_path).status == "fail"
