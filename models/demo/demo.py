"""The built-in cases: `sample-clean` and `training-defects` (planted defects, answer key written beside it).

Every byte is the same on every run except the freeze end times (E3 `freeze.expires_at`), which are
counted from the day the demo is written: 150 days ahead in the clean case, 7 days ahead in the training
case (so that Art. 38.3 warns whenever the training case is made).
"""

from __future__ import annotations

import copy
import json
import shutil
from datetime import date, datetime
from pathlib import Path

from models.bundle.bundle_writer import BundleWriteError, digest_list_text, digests_of, write_bundle
from models.demo import demo_content as c
from models.demo.demo_case import build_case
from models.demo.demo_image import IMAGE
from models.demo.demo_items import CST, CaseSpec, freeze_expiry, freeze_log, photo_meta

CLEAN_NAME = "sample-clean"
TRAINING_NAME = "training-defects"
ANSWERS_NAME = TRAINING_NAME + ".answers.json"
TRAINING_FREEZE_DAYS = 7
CHAT = "evidence/E1/聊天记录/微信_张某某_李某.txt"
EDITED_PHOTO = "evidence/E1/相册/IMG_20260928_194510.jpg"
DISGUISED = "evidence/E1/相册/IMG_20261002_093000.jpg"
E1_LIST = "documents/E1-电子数据哈希值清单.txt"


def _answer(item: str, article: str, status: str, description: str, path: str | None = None) -> dict:
    return {"item": item, "article": article, "expected_status": status, "path": path, "description": description}


def _e1_files(spec: CaseSpec) -> list[dict]:
    """E1's evidence folder: a disguised database and an edited photo that the hash list (made late) covers."""
    spec.put(DISGUISED, c.sqlite_bytes([("李某", "13900000000"), ("王某", "13700000001")]),
             datetime(2026, 10, 2, 9, 30, tzinfo=CST))
    edited_at = datetime(2026, 11, 19, 3, 12, 40, tzinfo=CST)
    meta = photo_meta("IMG_20260928_194510.jpg", software="Adobe Photoshop 25.0 (Windows)", modified=edited_at)
    spec.put(EDITED_PHOTO, c.camera_photo(meta, 4), edited_at)
    listed = {p: d for p, d in spec.files.items() if p.startswith("evidence/E1/")}
    spec.files[E1_LIST] = digest_list_text(listed, "hashdeep", "evidence/E1").encode("utf-8")
    spec.files[CHAT] = spec.files[CHAT].replace("10000元".encode(), "19000元".encode(), 1)  # after the list
    return [
        _answer("E1", "31.2", "fail", "聊天记录中“10000元”被改为“19000元”，哈希值与哈希值清单不符，且无任何说明", CHAT),
        _answer("E1", "45", "fail",
                "扩展名为 .jpg 的文件实为 SQLite 数据库（通讯录）：名称、格式注明不清（第四十三条第（三）项），"
                "无法直接展示，需说明内容与功能",
                DISGUISED),
        _answer("E1", "30.4", "needs_review",
                "照片修改时间（2026-11-19 03:12）晚于扣押封存时间，EXIF 显示经 Photoshop 编辑，"
                "需核实扣押后是否被改动", EDITED_PHOTO),
    ]


def _e1_record(spec: CaseSpec) -> list[dict]:
    e1 = spec.item("E1")
    next(p for p in e1["participants"] if p["role"] == "holder")["signed"] = False
    e1["documents"] = [d for d in e1["documents"] if d["kind"] != "seizure_list"]
    spec.drop("documents/E1-扣押清单.pdf")
    e1["media"]["original_transferred"] = False
    return [
        _answer("E1", "34.3", "fail", "持有人张某某未签名，也未注明原因"),
        _answer("E1", "32.2", "fail", "缺少扣押清单"),
        _answer("E1", "30.1", "fail", "原始存储介质未随案移送，且未说明原因"),
    ]


def _e2(spec: CaseSpec) -> list[dict]:
    spec.put("evidence/E2/新建文本文档.txt", "补充说明\n".encode("utf-8"), datetime(2026, 11, 21, 9, 0, tzinfo=CST))
    spec.drop("evidence/E2/帖子附件.txt")
    del spec.item("E2")["acquisition"]["process_media"]
    return [
        _answer("E2", "30.4", "fail", "清单未列明的文件“新建文本文档.txt”出现在提取数据中（增加），无说明",
                "evidence/E2/新建文本文档.txt"),
        _answer("E2", "30.4", "fail", "清单列明的“帖子附件.txt”不存在（删除），无说明", "evidence/E2/帖子附件.txt"),
        _answer("E2", "37.5", "fail", "在线提取未附提取过程的截图、录像等过程材料"),
    ]


def _e3(spec: CaseSpec, today: date | None) -> list[dict]:
    freeze = spec.item("E3")["freeze"]
    freeze["expires_at"] = freeze_expiry(TRAINING_FREEZE_DAYS, today)
    spec.files[freeze["operation_log"]] = c.operation_log_csv(freeze_log(after_freeze=True)).encode("utf-8")
    return [
        _answer("E3", "38.3", "warn", f"冻结期限将于 {TRAINING_FREEZE_DAYS} 天内届满，需决定继续冻结或解除"),
        _answer("E3", "31.4", "fail", "冻结后（2026-11-12 02:13）操作日志仍有“删除”记录", freeze["operation_log"]),
    ]


def _e4(spec: CaseSpec) -> list[dict]:
    spec.item("E4")["obtain"]["receipt_signed"] = False
    backup = "evidence/E4B/交易流水.csv"
    spec.files[backup] = spec.files[backup].replace(b"10000.00", b"1000.00", 1)
    entry = next(e for e in spec.item("E4B")["content"] if e["path"] == backup)
    entry.update(size=len(spec.files[backup]), digests=digests_of(spec.files[backup]))
    return [
        _answer("E4", "39.2", "fail", "调取证据回执未经提供单位签名"),
        _answer("E4", "39.3", "fail", "提供单位未签名，也未说明拒绝签名的原因"),
        _answer("E4B", "31.3", "fail", "备份中的交易流水与原件不一致（10000.00 被改为 1000.00）", backup),
    ]


def _e5(spec: CaseSpec) -> list[dict]:
    appraisal = spec.item("E5")["appraisal"]
    photo = "evidence/E1/相册/IMG_20261001_201503.jpg"
    appraisal["material_digests"][photo]["sha256"] = "0" * 64
    appraisal["opinion_fields"] = ["client", "date", "material", "result"]
    return [
        _answer("E5", "41.2", "fail", "鉴定检材的哈希值与原始电子数据不一致", photo),
        _answer("E5", "41.4", "fail", "鉴定意见缺少鉴定过程和鉴定人签名"),
    ]


def _e6(spec: CaseSpec) -> list[dict]:
    """The record dates the imaging a day late: the E01 header, read in the case zone, says 2026-11-18 15:05."""
    acquisition = spec.item("E6")["acquisition"]
    acquisition["started_at"] = "2026-11-19T15:03:00+08:00"
    acquisition["finished_at"] = "2026-11-19T15:08:00+08:00"
    return [_answer("E6", "35.2", "fail",
                    "镜像文件头（E01）记载的制作时间为 2026-11-18 15:05（按案件时区 +08:00 读取），不在清单记录的"
                    "制作时间 2026-11-19 15:03—15:08 之内；镜像文件头与提取笔录一致，清单记录有误，属其他瑕疵"
                    "（第四十三条第（四）项），需补正或作出合理解释", IMAGE)]


def training_case(clean: CaseSpec, today: date | None = None) -> tuple[CaseSpec, list[dict]]:
    """A copy of the clean case with the planted defects, and the answer key's entries."""
    spec = copy.deepcopy(clean)
    answers = (_e1_files(spec) + _e1_record(spec) + _e2(spec) + _e3(spec, today) + _e4(spec) + _e5(spec)
               + _e6(spec))
    spec.manifest["case"]["notes"] = "培训案件（虚构），含预设瑕疵，答案见同目录 " + ANSWERS_NAME
    return spec, answers


def _answer_key(spec: CaseSpec, answers: list[dict], today: date | None) -> bytes:
    key = {"bundle": TRAINING_NAME, "case_number": spec.manifest["case"]["case_number"],
           "written_on": (today or date.today()).isoformat(), "defects": answers}
    return (json.dumps(key, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_demo(out_dir, today: date | None = None) -> list[Path]:
    """Write both built-in cases and the answer key under out_dir (absent or empty); return the paths."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise BundleWriteError(f"not a folder: {out}")
    if out.exists() and any(out.iterdir()):
        raise BundleWriteError(f"folder is not empty, refusing to write into it: {out}")
    clean = build_case(today)
    training, answers = training_case(clean, today)
    try:
        paths = [write_bundle(out / CLEAN_NAME, clean.manifest, clean.files, mtimes=clean.mtimes),
                 write_bundle(out / TRAINING_NAME, training.manifest, training.files, mtimes=training.mtimes)]
        key = out / ANSWERS_NAME
        key.write_bytes(_answer_key(training, answers, today))
    except BaseException:  # a full disk or Ctrl-C: no half case left that opens as a bundle with files missing
        _remove_written(out)
        raise
    return paths + [key]


def _remove_written(out: Path) -> None:
    """Remove what write_demo put into out (empty before it began), never following a link."""
    for name in (CLEAN_NAME, TRAINING_NAME, ANSWERS_NAME):
        target = out / name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target, ignore_errors=True)
        else:
            target.unlink(missing_ok=True)
