"""Art. 37: online extraction."""

from checks.articles import a37_online as a37
from tests.checks.contract import CheckContract, make_bundle, run


class TestSourceAddress(CheckContract):
    CHECK = a37.SourceAddressCheck

    def test_address_or_path_or_steps(self, tmp_path):
        item = {"id": "E2", "kind": "online_extraction", "acquisition": {"tool": "X"}}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "fail"
        item["acquisition"]["network_address"] = "https://bbs.example/t/1"
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "pass"


class TestAccessMethod(CheckContract):
    CHECK = a37.AccessMethodCheck

    def test_time_required(self, tmp_path):
        acquisition = {"access_method": "浏览器", "tool": "X", "method": "截屏", "attached_info_extracted": True}
        item = {"id": "E2", "kind": "online_extraction", "acquisition": acquisition}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "fail"
        acquisition["started_at"] = "2026-11-18T10:00:00+08:00"
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "pass"


class TestDigests(CheckContract):
    CHECK = a37.OnlineDigestsCheck


class TestSignatures(CheckContract):
    CHECK = a37.OnlineSignaturesCheck


class TestProcessMedia(CheckContract):
    CHECK = a37.ProcessMediaCheck

    def test_screenshots_present(self, tmp_path):
        item = {"id": "E2", "kind": "online_extraction", "acquisition": {"process_media": ["recordings/s.png"]}}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "fail"
        bundle = make_bundle(tmp_path, [item], files={"recordings/s.png": b"png"})
        assert run(self.CHECK, item, bundle=bundle).status == "pass"
        item["acquisition"]["process_media"] = []
        assert run(self.CHECK, item, bundle=bundle).status == "fail"
