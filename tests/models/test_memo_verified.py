"""Each item's section of the memo says the verification its proposal rests on (when, in the case zone with its
offset, which version, which digests, how many matched), and 未核验 once the bundle changed since."""

import datetime as dt

from models.integrity.verify import save_results, verify_bundle
from models.inventory.scan import scan_bundle
from models.memo.identity import load_identity, make_identity
from models.memo.memo_data import build_memo_data
from models.memo.memo_html import _process
from models.memo.memo_render import write_memo
from models.memo.memo_sign import format_when
from models.memo.memo_verified import verification_line
from models.store.store import open_store
from models.store.verified_state import mark_verified
from tests.models.test_memo import fill_review, pdftext, write_bundle


def _verified_review(tmp_path):
    bundle = write_bundle(tmp_path / "bundle")
    store = open_store(bundle, tmp_path / "store")
    scan_bundle(bundle, store)
    fill_review(store, decide=False)
    save_results(store, verify_bundle(bundle))
    mark_verified(store)
    return bundle, store


def test_each_item_names_the_verification_it_rests_on(tmp_path):
    bundle, store = _verified_review(tmp_path)
    data = build_memo_data(bundle, store, "张检察官", True)
    e1 = next(it for it in data["items"] if it["id"] == "E1")
    v = e1["verification"]
    assert (v["current"], v["digests"], v["files"], v["counts"], v["algorithms"]) == (
        True, 1, 1, {"match": 1}, {"sha256": 1})
    assert v["program_version"] and v["verified_at"].endswith("Z")
    shown = format_when(dt.datetime.fromisoformat(v["verified_at"].replace("Z", "+00:00")), "Asia/Shanghai")
    assert shown.endswith("+08:00")  # the case zone with its offset, never the bare UTC value
    line = verification_line(e1)
    assert shown in line and "SHA-256" in line and "1 个文件" in line and "一致 1 项" in line
    assert v["program_version"] in line and "未核验" not in line
    assert data["verification"]["current"] is True and "此后证据包已有变化" not in _process(data)

    make_identity("张检察官", tmp_path / "id.p12", b"pw", training=True)
    out = tmp_path / "memo.pdf"
    write_memo(data, load_identity(tmp_path / "id.p12", b"pw"), out)
    text = pdftext(out).replace("\n", "")
    assert text.count("本项校验：") == 2 and text.count("（明细见附件）") == 2  # one line in each item


def test_a_bundle_changed_since_its_verification_is_not_verified(tmp_path):
    bundle, store = _verified_review(tmp_path)
    (bundle.root / "evidence/E2/page.html").write_bytes(b"<html>changed</html>")
    scan_bundle(bundle, store)  # the store now knows the bundle differs from what was verified
    data = build_memo_data(bundle, store, "张检察官", True)
    for it in data["items"]:
        assert it["verification"]["current"] is False and it["verification"]["digests"] == 0
        assert "本项校验：未核验" in verification_line(it)
    assert data["verification"]["rows"]  # the old records stay in the process and the annex, as they were
    assert data["verification"]["current"] is False
    assert "此后证据包已有变化，该次校验不反映证据包现状" in _process(data)
