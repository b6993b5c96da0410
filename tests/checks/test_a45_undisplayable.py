"""Art. 45: files that cannot be shown directly."""

from checks.articles import a45_undisplayable as a45
from tests.checks.contract import CheckContract, run


class TestUndisplayable(CheckContract):
    CHECK = a45.UndisplayableCheck

    def test_database_needs_explanation(self, tmp_path):
        item = {"id": "E1", "kind": "obtained"}
        files = [{"item": "E1", "path": "evidence/a.jpg", "kind": "file", "listed": 1, "mime": "image/jpeg"},
                 {"item": "E1", "path": "evidence/c.db", "kind": "file", "listed": 1,
                  "mime": "application/vnd.sqlite3"}]
        outcome = run(self.CHECK, item, tmp_path=tmp_path, files=files)
        assert outcome.status == "needs_review" and outcome.facts["unexplained"][0]["path"] == "evidence/c.db"
        assert run(self.CHECK, item, tmp_path=tmp_path, files=files[:1]).status == "pass"

    def test_untyped_files_are_not_recorded(self, tmp_path):
        files = [{"item": "E1", "path": "evidence/a", "kind": "file", "listed": 1, "mime": None}]
        assert run(self.CHECK, {"id": "E1", "kind": "obtained"}, tmp_path=tmp_path,
                   files=files).status == "not_recorded"
