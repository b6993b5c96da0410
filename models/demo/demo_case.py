"""The clean sample case 张某某侵犯公民个人信息案 assembled: case, parties, items E1-E6 and a backup."""

from __future__ import annotations

from datetime import date, datetime

from models.bundle.bundle_writer import digests_of, fill_digests
from models.demo import demo_content as c
from models.demo import demo_docs
from models.demo.demo_image import usb_image
from models.demo.demo_items import CST, CaseSpec, _frozen, _online, _seized_phone, _signed

OBTAINED_AT = datetime(2026, 11, 8, 16, 0, tzinfo=CST)
APPRAISAL_MATERIAL = ["evidence/E1/聊天记录/微信_张某某_李某.txt", "evidence/E1/相册/IMG_20260925_101203.jpg",
                      "evidence/E1/相册/IMG_20261001_201503.jpg"]
PREPARED_AT = datetime(2026, 11, 20, 10, 0, tzinfo=CST)


def _obtained_files(spec: CaseSpec, base: str) -> list[dict]:
    rows = {"注册信息.csv": c.registrations_csv().encode("utf-8"), "登录日志.csv": c.login_log_csv().encode("utf-8"),
            "交易流水.csv": c.transactions_csv().encode("utf-8")}
    for name, data in rows.items():
        spec.put(f"{base}/{name}", data, OBTAINED_AT)
    return [{"path": f"{base}/{name}", "type": "file"} for name in rows]


def _obtained(spec: CaseSpec) -> dict:
    return {
        "id": "E4", "title": "某网络科技有限公司提供的注册信息、登录日志与交易流水（调取）", "kind": "obtained",
        "content": _obtained_files(spec, "evidence/E4"),
        "obtain": {"notice": "documents/E4-调取证据通知书.pdf", "notice_number": "某公（网）调证字〔2026〕58号",
                   "notice_lists_data": True, "receipt_signed": True},
        "acquisition": {"method": "调取", "tool": "提供单位导出", "performed_by": "某网络科技有限公司 孙某",
                        "started_at": "2026-11-08T14:00:00+08:00", "finished_at": "2026-11-08T16:00:00+08:00"},
        "participants": _signed(("collector", "刘某"), ("collector", "陈某"), ("holder", "某网络科技有限公司 孙某")),
        "documents": demo_docs.obtained_docs(spec),
        "recording": {"made": False, "reason_absent": "调取书证类电子数据，无需同步录音录像"},
        "related_parties": ["P1", "P2", "P3"],
    }


def _backup(spec: CaseSpec) -> dict:
    item = _obtained(spec)
    item.update(id="E4B", title="E4 调取数据的备份光盘", content=_obtained_files(spec, "evidence/E4B"), backup_of="E4")
    return item


def _appraisal(spec: CaseSpec) -> dict:
    material = {p: digests_of(spec.files[p], ("sha256", "md5")) for p in APPRAISAL_MATERIAL}
    return {
        "id": "E5", "title": "手机数据司法鉴定意见", "kind": "appraisal", "content": [],
        "appraisal": {"institution": "某司法鉴定中心", "institution_license": "310100001",
                      "appraisers": [{"name": "周某", "license": "310012"}, {"name": "吴某", "license": "310045"}],
                      "within_scope": True, "recusal_checked": True, "standard": "GB/T 29360-2012",
                      "client": "某市公安局某分局", "commissioned_at": "2026-11-18T16:00:00+08:00",
                      "report": "documents/E5-鉴定意见书.pdf", "material_digests": material,
                      "opinion_fields": ["client", "date", "material", "process", "result", "signatures"]},
        "participants": [{"role": "appraiser", "name": "周某", "signed": True},
                         {"role": "appraiser", "name": "吴某", "signed": True}],
        "documents": demo_docs.appraisal_docs(spec, [p.rsplit("/", 1)[1] for p in APPRAISAL_MATERIAL]),
        "related_parties": ["P1"],
    }


PARTIES = [
    {"id": "P1", "name": "张某某", "role": "suspect", "identifiers": ["13800000000", "wxid_zhang0101", "zhang0101",
                                                                  "IMEI 864512050123458"]},
    {"id": "P2", "name": "李某", "role": "suspect", "identifiers": ["13900000000", "wxid_li8888", "li8888"]},
    {"id": "P3", "name": "王某", "role": "witness", "identifiers": ["QQ 10086001"]},
    {"id": "P4", "name": "某云计算有限公司", "role": "holder"},
    {"id": "P5", "name": "某网络科技有限公司", "role": "unit"},
]


def build_case(today: date | None = None) -> CaseSpec:
    """The complete, clean sample case; only the freeze end depends on today (see demo_items.freeze_expiry)."""
    spec = CaseSpec(manifest={
        "format": "evidence-bundle/1",
        "case": {"case_number": "某检刑诉〔2026〕12号", "title": "张某某侵犯公民个人信息案",
                 "charge": "侵犯公民个人信息罪",
                 "unit": "某区人民检察院", "investigating_agency": "某市公安局某分局", "prepared_by": "李某",
                 "prepared_at": PREPARED_AT.isoformat(), "timezone": "Asia/Shanghai",
                 "notes": "示例案件（虚构），供培训与演示使用。"},
        "parties": [dict(p) for p in PARTIES], "items": []})
    items = spec.manifest["items"]
    items += [_seized_phone(spec), _online(spec), _frozen(spec, today), _obtained(spec), _backup(spec),
              _appraisal(spec), usb_image(spec)]
    fill_digests(spec.manifest, spec.files)
    spec.mtimes["bundle.json"] = PREPARED_AT
    return spec
