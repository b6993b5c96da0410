"""Art. 42: administrative source."""

from checks.articles import a42_administrative as a42
from tests.checks.contract import CheckContract, run


class TestAdministrative(CheckContract):
    CHECK = a42.AdministrativeCheck

    def test_only_for_administrative_source(self, tmp_path):
        assert run(self.CHECK, {"id": "E1", "kind": "obtained", "source": "administrative"},
                   tmp_path=tmp_path).status == "needs_review"
        assert run(self.CHECK, {"id": "E1", "kind": "obtained"}, tmp_path=tmp_path).status == "not_applicable"
