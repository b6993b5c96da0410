"""Sample case items E1-E3 (seized phone, online post, frozen cloud folder) and the CaseSpec they fill."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from models.bundle.bundle_writer import digest_list_text, digests_of
from models.demo import demo_content as c
from models.demo import demo_docs

CST = c.CST
PHONE = dict(make="HUAWEI", model="NOH-AN00", serial="NOHAN00SN7A31C9")
SEIZED = datetime(2026, 11, 18, 10, 40, tzinfo=CST)
FROZEN = datetime(2026, 11, 10, 9, 0, tzinfo=CST)
PHOTOS = {  # file name -> (taken, scene, lat, lon, altitude cm)
    "IMG_20260925_101203.jpg": (datetime(2026, 9, 25, 10, 12, 3, tzinfo=CST), 1, (31, 14, 51234), (121, 28, 40567),
                                1250),
    "IMG_20260928_194510.jpg": (datetime(2026, 9, 28, 19, 45, 10, tzinfo=CST), 2, (31, 13, 22018), (121, 27, 58912),
                                980),
    "IMG_20261001_201503.jpg": (datetime(2026, 10, 1, 20, 15, 3, tzinfo=CST), 3, (31, 15, 3377), (121, 29, 11204),
                                1430),
}
CLEAN_FREEZE_DAYS = 150  # the clean case's freeze ends this many days after the day the demo is written


@dataclass
class CaseSpec:
    """Everything a bundle writer needs: the manifest, bundle-relative files and their mtimes."""
    manifest: dict
    files: dict[str, bytes] = field(default_factory=dict)
    mtimes: dict[str, datetime] = field(default_factory=dict)

    def item(self, item_id: str) -> dict:
        return next(i for i in self.manifest["items"] if i["id"] == item_id)

    def drop(self, path: str) -> None:
        del self.files[path]
        self.mtimes.pop(path, None)

    def put(self, path: str, data: bytes, mtime: datetime) -> str:
        self.files[path] = data
        self.mtimes[path] = mtime
        return path


def _t(dt: datetime) -> str:
    return dt.isoformat()


def photo_meta(name: str, **changes) -> c.PhotoMeta:
    taken, _, lat, lon, alt = PHOTOS[name]
    return c.PhotoMeta(PHONE["make"], PHONE["model"], PHONE["serial"], taken, lat, lon, alt, **changes)


def _signed(*people: tuple[str, str]) -> list[dict]:
    return [{"role": role, "name": name, "signed": True} for role, name in people]


def _seized_phone(spec: CaseSpec) -> dict:
    base = "evidence/E1"
    chats = {f"{base}/聊天记录/微信_张某某_李某.txt": (c.chat_text().encode("utf-8"),
                                                       datetime(2026, 10, 1, 20, 20, tzinfo=CST)),
             f"{base}/聊天记录/QQ_王某.txt": (c.chat_gbk_text().encode("gbk"),
                                              datetime(2026, 9, 20, 15, 5, 12, tzinfo=CST))}
    for path, (data, when) in chats.items():
        spec.put(path, data, when)
    for name, (taken, scene, *_rest) in PHOTOS.items():
        spec.put(f"{base}/相册/{name}", c.camera_photo(photo_meta(name), scene), taken + timedelta(seconds=1))
    listed = {p: d for p, d in spec.files.items() if p.startswith(base + "/")}
    spec.put("documents/E1-电子数据哈希值清单.txt", digest_list_text(listed, "hashdeep", base).encode(),
             datetime(2026, 11, 18, 14, 41, tzinfo=CST))
    police = c.PhotoMeta("Canon", "EOS 90D", "083021004417", SEIZED - timedelta(minutes=5), (31, 14, 2000),
                         (121, 28, 3000), 800)
    spec.put("photos/E1-封存前.jpg", c.seal_photo("E1", False, police), SEIZED - timedelta(minutes=5))
    after = c.PhotoMeta("Canon", "EOS 90D", "083021004417", SEIZED, (31, 14, 2000), (121, 28, 3000), 800)
    spec.put("photos/E1-封存后.jpg", c.seal_photo("E1", True, after), SEIZED)
    spec.put("recordings/E1-同步录音录像.wav", c.wav_tone(), SEIZED)
    return {
        "id": "E1", "title": "涉案华为手机一部（张某某所有）", "kind": "seized_media",
        "media": {"brand": "华为 HUAWEI", "model": "Mate 40 Pro (NOH-AN00)", "capacity_bytes": 256000000000,
                  "serial": PHONE["serial"], "identifier": "IMEI 864512050123458", "user_mark": "黑色，背面有“Z”字贴纸",
                  "location": "某市公安局某分局物证室", "user": "P1", "custodian": "某市公安局某分局物证室",
                  "original_transferred": True},
        "sealing": {"sealed": True, "state": "intact", "photos_before": ["photos/E1-封存前.jpg"],
                    "photos_after": ["photos/E1-封存后.jpg"], "sealed_at": _t(SEIZED)},
        "content": [{"path": base, "type": "directory", "digest_list": "documents/E1-电子数据哈希值清单.txt",
                     "description": "手机中提取的聊天记录与相册"}],
        "acquisition": {"method": "只读方式逻辑提取", "tool": "某手机取证系统", "tool_version": "6.2.1",
                        "steps": "封存状态下拆封，连接只读取证设备，逻辑提取聊天记录与相册，计算哈希值后重新封存",
                        "original_path": "/sdcard", "started_at": "2026-11-18T14:02:00+08:00",
                        "finished_at": "2026-11-18T14:40:00+08:00", "performed_by": "刘某、陈某",
                        "attached_info_extracted": True},
        "participants": _signed(("collector", "刘某"), ("collector", "陈某"), ("witness", "赵某"),
                                ("holder", "张某某")),
        "documents": demo_docs.seized_docs(spec),
        "recording": {"made": True, "paths": ["recordings/E1-同步录音录像.wav"]},
        "related_parties": ["P1", "P2"],
    }


def _online(spec: CaseSpec) -> dict:
    day = datetime(2026, 11, 12, 15, 0, tzinfo=CST)
    page = "<html><head><meta charset='utf-8'><title>出售本地车主信息</title></head><body>" \
           "<h1>出售本地车主信息 五万条</h1><p>发帖人：zhang0101　发帖时间：2026-09-27 22:10</p>" \
           "<p>姓名、手机号、身份证号、车牌、住址，一条两毛，量大从优。联系 wxid_zhang0101</p></body></html>"
    spec.put("evidence/E2/帖子页面.html", page.encode("utf-8"), day + timedelta(minutes=12))
    spec.put("evidence/E2/帖子附件.txt", "样例数据（已打码）\n测试01,1370000****,京A00001\n".encode("utf-8"),
             day + timedelta(minutes=14))
    shots = []
    posts = (["出售本地车主信息 五万条", "发帖人：zhang0101"], ["附件：样例数据.txt", "联系 wxid_zhang0101"])
    for n, lines in enumerate(posts, 1):
        shots.append(spec.put(f"recordings/E2-截图-{n:02d}.png",
                              c.screenshot("https://bbs.example.cn/thread-10086.html", lines),
                              day + timedelta(minutes=5 * n)))
    spec.put("recordings/E2-同步录音录像.wav", c.wav_tone(), day + timedelta(minutes=40))
    return {
        "id": "E2", "title": "某论坛出售个人信息帖子（在线提取）", "kind": "online_extraction",
        "content": [{"path": "evidence/E2/帖子页面.html", "type": "file", "description": "帖子网页"},
                    {"path": "evidence/E2/帖子附件.txt", "type": "file", "description": "帖子附件"}],
        "acquisition": {"method": "网络在线提取", "tool": "某网络取证工具", "tool_version": "3.4.0",
                        "network_address": "https://bbs.example.cn/thread-10086.html",
                        "access_method": "公安网络取证专线，经浏览器访问公开页面",
                        "entry_steps": "打开论坛首页，搜索“车主信息”，进入帖子页面，保存网页与附件",
                        "original_path": "/thread-10086.html", "started_at": _t(day),
                        "finished_at": _t(day + timedelta(minutes=40)), "performed_by": "刘某、陈某",
                        "attached_info_extracted": True, "process_media": shots},
        "participants": _signed(("collector", "刘某"), ("collector", "陈某"), ("witness", "赵某"))
        + [{"role": "holder", "name": "无", "signed": False, "absent_reason": "在线提取公开网页，无持有人"}],
        "documents": demo_docs.online_docs(spec),
        "recording": {"made": True, "paths": ["recordings/E2-同步录音录像.wav"]},
        "related_parties": ["P1"],
    }


def freeze_log(after_freeze: bool = False) -> list[tuple[datetime, str, str, str]]:
    """The cloud platform's operation log; optionally with an entry after the freeze took effect."""
    rows = [(datetime(2026, 10, 2, 9, 3, 11, tzinfo=CST), "zhang0101", "上传", "公民信息样本.csv"),
            (datetime(2026, 10, 20, 22, 40, 5, tzinfo=CST), "zhang0101", "分享", "公民信息样本.csv"),
            (datetime(2026, 11, 9, 23, 59, 0, tzinfo=CST), "zhang0101", "查看", "网盘首页")]
    if after_freeze:
        rows.append((datetime(2026, 11, 12, 2, 13, 44, tzinfo=CST), "zhang0101", "删除", "交易截图.png"))
    return rows


def freeze_expiry(days_from_today: int, today: date | None = None) -> str:
    """A freeze end time counted from today (the only part of the demo that depends on the run date)."""
    day = (today or date.today()) + timedelta(days=days_from_today)
    return datetime.combine(day, time(9, 0), CST).isoformat()


def _frozen(spec: CaseSpec, today: date | None) -> dict:
    cloud = "evidence/E3/网盘"
    spec.put(f"{cloud}/公民信息样本.csv", c.cloud_list_csv().encode("utf-8"),
             datetime(2026, 10, 2, 9, 3, 11, tzinfo=CST))
    spec.put(f"{cloud}/交易截图.png", c.screenshot("支付记录", ["转账成功 10000.00元", "收款人：张某某"]),
             datetime(2026, 10, 1, 20, 16, tzinfo=CST))
    spec.put("documents/E3-操作日志.csv", c.operation_log_csv(freeze_log()).encode("utf-8"), FROZEN + timedelta(days=1))
    frozen = {p: digests_of(d, ("sha256", "sm3")) for p, d in spec.files.items() if p.startswith(cloud)}
    return {
        "id": "E3", "title": "张某某网盘数据（冻结）", "kind": "frozen",
        "content": [{"path": p, "type": "file"} for p in sorted(frozen)],
        "freeze": {"notice": "documents/E3-冻结通知书.pdf", "notice_number": "某公（网）冻字〔2026〕7号",
                   "frozen_at": _t(FROZEN), "expires_at": freeze_expiry(CLEAN_FREEZE_DAYS, today),
                   "digests_at_freeze": frozen, "operation_log": "documents/E3-操作日志.csv"},
        "acquisition": {"method": "冻结后导出", "tool": "平台导出功能", "performed_by": "某云公司 陈某",
                        "started_at": "2026-11-10T09:00:00+08:00", "finished_at": "2026-11-10T10:30:00+08:00"},
        "participants": _signed(("collector", "刘某"), ("collector", "陈某"), ("holder", "某云公司 孙某")),
        "documents": demo_docs.frozen_docs(spec),
        "recording": {"made": False, "reason_absent": "冻结由网络服务提供者执行，无需同步录音录像"},
        "related_parties": ["P1", "P4"],
    }
