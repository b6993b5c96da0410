"""The factory's clean case: one item of every acquisition kind, tiny files, every document, all signed."""

from __future__ import annotations

import copy
import functools
import os
import subprocess
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from models.bundle.bundle_writer import digests_of, fill_digests
from models.demo import demo_content as c
from models.demo.demo_items import CaseSpec, freeze_expiry

CST = timezone(timedelta(hours=8))
T0 = datetime(2026, 11, 18, 10, 0, tzinfo=CST)  # seizure
FROZEN_AT = datetime(2026, 11, 10, 9, 0, tzinfo=CST)
CLEAN_FREEZE_DAYS = 150


@functools.cache
def tiny_pdf(text: str) -> bytes:
    """A one-page PDF carrying an ASCII line (paperwork stand-in; no Qt needed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@functools.cache
def fat_image() -> bytes:
    """A 256 KiB FAT12 image holding one file, made with mkfs.fat and mcopy (dosfstools, mtools)."""
    with tempfile.TemporaryDirectory() as tmp:
        img, note = Path(tmp) / "usb.dd", Path(tmp) / "NOTE.TXT"
        note.write_text("hello\n")
        when = (T0 - timedelta(days=30)).timestamp()  # as old as the other evidence: the scan reads it inside
        os.utime(note, (when, when))
        subprocess.run(["mkfs.fat", "-C", "-i", "1234ABCD", "--invariant", str(img), "256"], check=True,
                       capture_output=True)
        subprocess.run(["mcopy", "-m", "-i", str(img), str(note), "::/"], check=True, capture_output=True,
                       env={**os.environ, "MTOOLS_SKIP_CHECK": "1"})
        return img.read_bytes()


@functools.cache
def _photo() -> bytes:
    meta = c.PhotoMeta("HUAWEI", "NOH-AN00", "SN0001", datetime(2026, 10, 1, 20, 15, 3, tzinfo=CST),
                       (31, 14, 51234), (121, 28, 40567), 1250)
    return c.camera_photo(meta, 1, size=(64, 48))


@functools.cache
def _seal(label: str, sealed: bool) -> bytes:
    return c.seal_photo(label, sealed)


@functools.cache
def _wav() -> bytes:
    return c.wav_tone(0.05)


def _people(*roles: str) -> list[dict]:
    names = {"collector": "刘某", "witness": "赵某", "holder": "张某某", "inspector": "刘某", "appraiser": "周某"}
    return [{"role": r, "name": names[r], "signed": True} for r in roles]


def _common(spec: CaseSpec, iid: str, kind: str, title: str, docs: list[str], roles=("collector", "witness", "holder")):
    """An item with its documents (tiny PDFs), signed participants and a recording."""
    documents = []
    for dk in docs:
        path = spec.put(f"documents/{iid}-{dk}.pdf", tiny_pdf(f"{iid} {dk}"), T0)
        documents.append({"kind": dk, "path": path, "number": f"No.{iid}-{dk}", "date": "2026-11-18"})
    rec = spec.put(f"recordings/{iid}.wav", _wav(), T0)
    return {"id": iid, "title": title, "kind": kind, "content": [], "participants": _people("collector", *roles),
            "documents": documents, "recording": {"made": True, "paths": [rec]}, "related_parties": ["P1"]}


def _files(spec: CaseSpec, item: dict, names: dict[str, bytes]) -> dict:
    for name, data in names.items():
        path = spec.put(f"evidence/{item['id']}/{name}", data, T0 - timedelta(days=30))
        item["content"].append({"path": path, "type": "file", "description": name})
    return item


def _media(spec: CaseSpec, iid: str, capacity: int) -> tuple[dict, dict]:
    media = {"brand": "Kingston", "model": "DataTraveler", "capacity_bytes": capacity, "serial": f"SN-{iid}",
             "identifier": f"UUID-{iid}", "user_mark": "标签“1”", "location": "物证室", "user": "P1",
             "custodian": "物证室", "original_transferred": True}
    before = spec.put(f"photos/{iid}-before.jpg", _seal(iid, False), T0)
    after = spec.put(f"photos/{iid}-after.jpg", _seal(iid, True), T0)
    sealing = {"sealed": True, "state": "intact", "photos_before": [before], "photos_after": [after],
               "sealed_at": T0.isoformat()}
    return media, sealing


def _acquisition(**extra) -> dict:
    return {"method": "只读提取", "tool": "tool", "tool_version": "1.0", "steps": "连接只读设备后提取",
            "original_path": "/data", "started_at": (T0 + timedelta(hours=1)).isoformat(),
            "finished_at": (T0 + timedelta(hours=2)).isoformat(), "performed_by": "刘某",
            "attached_info_extracted": True, **extra}


CHAT = "[2026-10-01 20:15:03] 李某：钱转过去了，10000元。\n".encode("utf-8")
OP_LOG = [(datetime(2026, 11, 1, 9, 0, tzinfo=CST), "zhang0101", "上传", "cloud.csv")]


def _items(spec: CaseSpec, today: date | None) -> list[dict]:
    e1 = _files(spec, _common(spec, "E1", "seized_media", "涉案U盘",
                              ["search_warrant", "seizure_decision", "seizure_list", "search_record"]),
                {"chat.txt": CHAT, "photo.jpg": _photo()})
    e1["media"], e1["sealing"] = _media(spec, "E1", 32000000000)
    e2 = _files(spec, _common(spec, "E2", "media_image", "U盘镜像", ["extraction_record"]), {"usb.dd": fat_image()})
    e2["content"][0]["type"] = "disk_image"
    e2["media"], e2["sealing"] = _media(spec, "E2", len(fat_image()))
    e2["acquisition"] = _acquisition(tool="ewfacquire", method="只读接口制作镜像")
    e3 = _files(spec, _common(spec, "E3", "onsite_extraction", "现场提取", ["extraction_record"]),
                {"notes.txt": "备忘\n".encode("utf-8"),
                 "contacts.csv": "姓名,电话\n李某,13900000000\n".encode("utf-8")})
    e3["media"], _unused = _media(spec, "E3", 64000000000)
    e3["acquisition"] = _acquisition()
    e4 = _files(spec, _common(spec, "E4", "online_extraction", "在线提取网页", ["extraction_record"]),
                {"page.html": b"<html><body>post</body></html>\n"})
    shot = spec.put("recordings/E4-shot.png", c.screenshot("https://bbs.example.cn/1", ["post"]), T0)
    e4["acquisition"] = _acquisition(network_address="https://bbs.example.cn/1", access_method="浏览器访问",
                                     entry_steps="打开首页，进入帖子", process_media=[shot])
    return [e1, e2, e3, e4, *_more_items(spec, today, e1)]


def _more_items(spec: CaseSpec, today: date | None, e1: dict) -> list[dict]:
    e5 = _files(spec, _common(spec, "E5", "frozen", "冻结网盘", ["freeze_notice"]),
                {"cloud.csv": "账号,文件\nzhang0101,list.csv\n".encode("utf-8")})
    log = spec.put("documents/E5-oplog.csv", c.operation_log_csv(OP_LOG).encode("utf-8"), FROZEN_AT)
    e5["freeze"] = {"notice": "documents/E5-freeze_notice.pdf", "notice_number": "冻字7号",
                    "frozen_at": FROZEN_AT.isoformat(), "expires_at": freeze_expiry(CLEAN_FREEZE_DAYS, today),
                    "digests_at_freeze": {"evidence/E5/cloud.csv": digests_of(spec.files["evidence/E5/cloud.csv"])},
                    "operation_log": log}
    e6 = _files(spec, _common(spec, "E6", "obtained", "调取日志", ["obtain_notice", "obtain_receipt"]),
                {"log.csv": "账号,登录时间\nzhang0101,2026-10-01 20:10:40\n".encode("utf-8")})
    e6["obtain"] = {"notice": "documents/E6-obtain_notice.pdf", "notice_number": "调证字58号",
                    "notice_lists_data": True, "receipt_signed": True}
    e7 = _common(spec, "E7", "inspection", "检查", ["inspection_record"], ("witness", "inspector"))
    e7["inspection"] = {"record": "documents/E7-inspection_record.pdf", "signed": True, "conditions": "实验室",
                        "environment": "与现场一致", "recording": ["recordings/E7.wav"]}
    e8 = _common(spec, "E8", "appraisal", "鉴定意见", ["appraisal_opinion"], ("appraiser",))
    e8["appraisal"] = {"institution": "某司法鉴定中心", "institution_license": "310100001",
                       "appraisers": [{"name": "周某", "license": "310012"}], "within_scope": True,
                       "recusal_checked": True, "standard": "GB/T 29360-2012", "client": "某分局",
                       "commissioned_at": T0.isoformat(), "report": "documents/E8-appraisal_opinion.pdf",
                       "material_digests": {"evidence/E1/chat.txt": digests_of(CHAT)},
                       "opinion_fields": ["client", "date", "material", "process", "result", "signatures"]}
    e9 = copy.deepcopy(e1)
    e9.update(id="E9", title="E1 的备份", backup_of="E1", content=[])
    _files(spec, e9, {"chat.txt": CHAT, "photo.jpg": _photo()})
    return [e5, e6, e7, e8, e9]


def clean_spec(today: date | None = None) -> CaseSpec:
    """The clean case as data (fresh copy each call)."""
    return copy.deepcopy(_clean_spec(today))


@functools.cache
def _clean_spec(today: date | None) -> CaseSpec:
    spec = CaseSpec(manifest={
        "format": "evidence-bundle/1",
        "case": {"case_number": "某检刑诉〔2026〕12号", "title": "张某某侵犯公民个人信息案",
                 "charge": "侵犯公民个人信息罪",
                 "unit": "某区人民检察院", "investigating_agency": "某分局", "prepared_by": "李某",
                 "prepared_at": "2026-11-20T10:00:00+08:00", "timezone": "Asia/Shanghai"},
        "parties": [{"id": "P1", "name": "张某某", "role": "suspect", "identifiers": ["13800000000"]}],
        "items": []})
    spec.manifest["items"] = _items(spec, today)
    fill_digests(spec.manifest, spec.files)
    return spec
