"""Sample case item E6: the data image (E01) of 张某某's USB stick, seized with the phone and imaged after it.

The E01 is resources/demo/usb.E01, made once by scripts/make_demo_image.py (its headers: case number, evidence
number E6-1, examiner 刘某, acquired 2026-11-18 15:05 by the acquiring clock, code page 936); writing a case
only copies it. The manifest records the media stream's MD5 and SHA-256, as an imaging record gives them."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from models.common.resources import resource_path
from models.demo import demo_content as c
from models.demo.demo_paperwork import render_pdf

CST = c.CST
IMAGE = "evidence/E6/usb.E01"
SOURCE = ("demo", "usb.E01")
CASE_NUMBER = "某公（网）立字〔2026〕21号"  # the investigators' number, as the E01 header has it
EVIDENCE_NUMBER = "E6-1"
STARTED = datetime(2026, 11, 18, 15, 3, tzinfo=CST)
FINISHED = datetime(2026, 11, 18, 15, 8, tzinfo=CST)
TOOL_VERSION = "20140813"  # ewfacquirestream's version, in the header
USB = dict(brand="金士顿 Kingston", model="DataTraveler", serial="0019E06B4A2C")


def image_bytes() -> bytes:
    return resource_path(*SOURCE).read_bytes()


def media_digests() -> tuple[dict, int]:
    """MD5 and SHA-256 of the E01's media stream and its size (1 MiB through libewf: milliseconds)."""
    from models.image.disk.container import inspect
    from models.image.disk.media import open_media

    media = open_media(inspect(resource_path(*SOURCE)))
    try:
        data = media.read(0, media.size)
    finally:
        media.close()
    return {"md5": hashlib.md5(data).hexdigest(), "sha256": hashlib.sha256(data).hexdigest()}, len(data)


def _record(spec, digests: dict) -> dict:
    path = "documents/E6-电子数据提取笔录.pdf"
    pdf = render_pdf(
        "电子数据提取笔录", "", [
            "案由：张某某侵犯公民个人信息案。提取对象：扣押的金士顿 DataTraveler U盘一个（序列号 0019E06B4A2C，"
            "扣押清单第2项）。",
            "提取时间：2026年11月18日15时03分至15时08分。提取方法：拆封后经只读接口（写保护器）连接，"
            f"使用 ewfacquirestream {TOOL_VERSION} 制作 E01 格式数据镜像（证据编号 {EVIDENCE_NUMBER}），"
            "计算完整性校验值后重新封存。"],
        [["序号", "文件", "格式", "完整性校验值（介质数据）"], ["1", "usb.E01", "E01", f"MD5 {digests['md5']}"],
         ["", "", "", f"SHA-256 {digests['sha256']}"]],
        ["侦查人员：刘某、陈某", "见证人：赵某", "持有人：张某某"], dated="某市公安局某分局　2026年11月18日")
    spec.put(path, pdf, datetime(2026, 11, 18, 15, 20, tzinfo=CST))
    return {"kind": "extraction_record", "path": path, "date": "2026-11-18"}


def usb_image(spec) -> dict:
    """Item E6 (media_image): the E01 as a disk_image entry, its acquisition as the header records it."""
    data = image_bytes()
    digests, size = media_digests()
    spec.put(IMAGE, data, FINISHED)
    spec.put("recordings/E6-同步录音录像.wav", c.wav_tone(), FINISHED)
    photos = []
    for sealed, when in ((False, STARTED - timedelta(minutes=1)), (True, FINISHED + timedelta(minutes=1))):
        camera = c.PhotoMeta("Canon", "EOS 90D", "083021004417", when, (31, 14, 2000), (121, 28, 3000), 800)
        name = f"photos/E6-{'封存后' if sealed else '拆封前'}.jpg"
        photos.append(spec.put(name, c.seal_photo("E6", sealed, camera), when))
    return {
        "id": "E6", "title": "涉案U盘数据镜像（张某某所有，E01）", "kind": "media_image",
        "case_number": CASE_NUMBER, "evidence_number": EVIDENCE_NUMBER,
        "media": {**USB, "capacity_bytes": size, "identifier": "卷标 KINGSTON，卷序列号 5A3C-21E0",
                  "user_mark": "蓝色，挂绳上系“张”字标签", "location": "某市公安局某分局物证室", "user": "P1",
                  "custodian": "某市公安局某分局物证室", "original_transferred": True},
        "sealing": {"sealed": True, "state": "intact", "photos_before": photos[:1], "photos_after": photos[1:],
                    "sealed_at": (FINISHED + timedelta(minutes=1)).isoformat()},
        "content": [{"path": IMAGE, "type": "disk_image", "size": len(data), "digests": digests,
                     "description": "U盘全盘数据镜像（E01，校验值为介质数据的值）"}],
        "acquisition": {"method": "只读接口（写保护器）制作数据镜像", "tool": "ewfacquirestream",
                        "tool_version": TOOL_VERSION,
                        "steps": "拆封后经写保护器连接U盘，制作 E01 镜像并计算 MD5、SHA-256，完成后重新封存",
                        "original_path": "/dev/sdb", "started_at": STARTED.isoformat(),
                        "finished_at": FINISHED.isoformat(), "performed_by": "刘某、陈某",
                        "attached_info_extracted": True},
        "participants": [{"role": role, "name": name, "signed": True} for role, name in
                         (("collector", "刘某"), ("collector", "陈某"), ("witness", "赵某"), ("holder", "张某某"))],
        "documents": [_record(spec, digests)],
        "recording": {"made": True, "paths": ["recordings/E6-同步录音录像.wav"]},
        "related_parties": ["P1", "P2"],
    }
