"""Realistic, deterministic evidence content for the sample cases: chats, CSVs, photos with EXIF, seals."""

from __future__ import annotations

import io
import math
import sqlite3
import struct
import tempfile
import wave
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from PIL.ExifTags import GPS, IFD, Base
from PIL.TiffImagePlugin import IFDRational

CST = timezone(timedelta(hours=8))
FONT_FILES = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
              "C:/Windows/Fonts/msyh.ttc", "C:/Windows/Fonts/simsun.ttc",
              "/System/Library/Fonts/PingFang.ttc")


def font(size: int):
    """A CJK-capable font when the machine has one, else Pillow's built-in font."""
    for name in FONT_FILES:
        if Path(name).exists():
            return ImageFont.truetype(name, size)
    return ImageFont.load_default(size)


@dataclass(frozen=True)
class PhotoMeta:
    """What a phone camera writes into a photo."""
    make: str
    model: str
    serial: str
    taken: datetime  # aware
    lat: tuple[int, int, int]  # degrees, minutes, seconds x 10000
    lon: tuple[int, int, int]
    alt_cm: int
    software: str = ""
    modified: datetime | None = None


def dms_decimal(dms: tuple[int, int, int]) -> float:
    """Decimal degrees of a (deg, min, sec*10000) triple, as a reader of the EXIF rationals gets it."""
    return dms[0] + dms[1] / 60 + dms[2] / 10000 / 3600


def _exif(meta: PhotoMeta) -> Image.Exif:
    exif = Image.Exif()
    exif[Base.Make] = meta.make
    exif[Base.Model] = meta.model
    shown = meta.modified or meta.taken
    exif[Base.DateTime] = shown.strftime("%Y:%m:%d %H:%M:%S")
    if meta.software:
        exif[Base.Software] = meta.software
    sub = exif.get_ifd(IFD.Exif)
    sub[Base.DateTimeOriginal] = meta.taken.strftime("%Y:%m:%d %H:%M:%S")
    sub[Base.OffsetTimeOriginal] = meta.taken.strftime("%z")[:3] + ":" + meta.taken.strftime("%z")[3:]
    sub[Base.BodySerialNumber] = meta.serial
    gps = exif.get_ifd(IFD.GPSInfo)
    gps[GPS.GPSVersionID] = b"\x02\x03\x00\x00"
    gps[GPS.GPSLatitudeRef] = "N"
    gps[GPS.GPSLatitude] = (IFDRational(meta.lat[0], 1), IFDRational(meta.lat[1], 1), IFDRational(meta.lat[2], 10000))
    gps[GPS.GPSLongitudeRef] = "E"
    gps[GPS.GPSLongitude] = (IFDRational(meta.lon[0], 1), IFDRational(meta.lon[1], 1), IFDRational(meta.lon[2], 10000))
    gps[GPS.GPSAltitudeRef] = 0
    gps[GPS.GPSAltitude] = IFDRational(meta.alt_cm, 100)
    return exif


def camera_photo(meta: PhotoMeta, scene: int, size=(320, 240)) -> bytes:
    """A small JPEG street/desk scene carrying EXIF (make, model, serial, times, offset) and GPS."""
    w, h = size
    img = Image.new("RGB", size, (120, 160, 210))
    draw = ImageDraw.Draw(img)
    for y in range(h // 2):  # sky gradient
        draw.line([(0, y), (w, y)], fill=(110 + y // 2, 150 + y // 3, 220 - y // 4))
    for i in range(6):  # buildings, differing by scene
        x = i * w // 6
        top = h // 4 + ((i * 37 + scene * 53) % (h // 3))
        draw.rectangle([x + 4, top, x + w // 6 - 4, h], fill=(90 + 20 * ((i + scene) % 4), 90, 100))
        for wy in range(top + 8, h - 10, 16):
            draw.rectangle([x + 12, wy, x + 18, wy + 6], fill=(240, 220, 140))
    draw.rectangle([0, h - 30, w, h], fill=(60, 60, 60))
    draw.text((8, 8), meta.taken.strftime("%Y-%m-%d %H:%M"), fill=(255, 255, 255), font=font(14))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=80, exif=_exif(meta))
    return out.getvalue()


def seal_photo(label: str, sealed: bool, meta: PhotoMeta | None = None) -> bytes:
    """A photo of an evidence envelope before (open, device beside it) or after sealing (red seal strip)."""
    img = Image.new("RGB", (400, 300), (150, 110, 70))  # desk
    draw = ImageDraw.Draw(img)
    draw.rectangle([60, 50, 340, 250], fill=(214, 190, 140), outline=(120, 90, 50), width=3)  # envelope
    draw.text((80, 70 if sealed else 200), "物证袋  " + label, fill=(40, 30, 20), font=font(18))
    if sealed:
        draw.polygon([(60, 140), (340, 120), (340, 160), (60, 180)], fill=(200, 20, 30))
        draw.text((150, 132), "封  条", fill=(255, 240, 240), font=font(22))
        draw.ellipse([250, 190, 320, 245], outline=(200, 20, 30), width=4)  # stamp
        draw.text((262, 206), "某分局", fill=(200, 20, 30), font=font(14))
        draw.line([(90, 205), (120, 195), (140, 215), (170, 198)], fill=(20, 20, 80), width=2)  # signature
    else:
        draw.polygon([(60, 50), (200, 120), (340, 50)], fill=(190, 165, 115), outline=(120, 90, 50))
        draw.rounded_rectangle([355, 90, 395, 170], radius=6, fill=(20, 20, 20))  # the phone beside it
    out = io.BytesIO()
    img.save(out, "JPEG", quality=75, exif=_exif(meta) if meta else b"")
    return out.getvalue()


def screenshot(title: str, lines: list[str]) -> bytes:
    """A PNG screenshot of a browser page as taken during online extraction."""
    img = Image.new("RGB", (480, 300), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, 480, 28], fill=(222, 225, 230))
    draw.rounded_rectangle([60, 5, 470, 23], radius=6, fill=(255, 255, 255))
    draw.text((68, 7), title, fill=(60, 60, 60), font=font(12))
    for i, line in enumerate(lines):
        draw.text((16, 44 + 22 * i), line, fill=(20, 20, 20), font=font(14))
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


def wav_tone(seconds: float = 0.4, rate: int = 8000) -> bytes:
    """A short mono WAV (a stand-in for the synchronous recording's audio track)."""
    frames = b"".join(struct.pack("<h", int(6000 * math.sin(2 * math.pi * 440 * i / rate)))
                      for i in range(int(seconds * rate)))
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames)
    return out.getvalue()


def sqlite_bytes(rows: list[tuple[str, str]]) -> bytes:
    """A small SQLite contacts database (to hide behind a misleading extension)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "contacts.db"
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        con.executemany("INSERT INTO contacts VALUES (?, ?)", rows)
        con.commit()
        con.close()
        return path.read_bytes()


CHAT = [
    ("2026-09-28 21:03:11", "张某某", "货到了没？这批是本地的车主信息，五万条。"),
    ("2026-09-28 21:04:02", "李某", "收到了，格式还是姓名、手机号、身份证号、车牌？"),
    ("2026-09-28 21:05:40", "张某某", "对，另外带住址。老价格，一条两毛。"),
    ("2026-09-28 21:07:15", "李某", "行，明天转账。上次那批重复的太多，这次帮我去重。"),
    ("2026-09-30 10:12:09", "张某某", "已经去重了，压缩包密码还是老的。"),
    ("2026-10-01 20:15:03", "李某", "钱转过去了，10000元，备注“资料费”。"),
    ("2026-10-01 20:16:27", "张某某", "收到。下周还有一批快递单号的，要不要？"),
]


def chat_text() -> str:
    """An exported chat log (UTF-8), as a phone forensic tool writes it."""
    head = "聊天记录备份\n会话：张某某(wxid_zhang0101) 与 李某(wxid_li8888)\n备份时间：2026-10-01 20:20:00\n\n"
    return head + "".join(f"[{t}] {who}：{msg}\n" for t, who, msg in CHAT)


def chat_gbk_text() -> str:
    """A second chat, from an older PC client that saved it in GBK."""
    lines = ["QQ消息记录  消息对象：王某(10086001)", "================================",
             "2026-09-20 09:41:02 王某", "你那边的快递单号数据还有吗？",
             "2026-09-20 09:43:30 张某某", "有，三万条，下午发你网盘链接。",
             "2026-09-20 15:02:11 张某某", "链接已发，提取码 8a7c。"]
    return "\r\n".join(lines) + "\r\n"


def transactions_csv() -> str:
    """交易流水: a payment account's statement (UTF-8 with BOM, as bank exports usually are)."""
    rows = [
        ("交易时间", "交易流水号", "收/支", "金额(元)", "对方户名", "对方账号", "摘要", "余额(元)"),
        ("2026-09-21 10:05:33", "T2026092110053301", "收入", "6000.00", "王某", "6222****1234", "资料费", "16532.10"),
        ("2026-09-29 18:22:07", "T2026092918220702", "支出", "1200.00", "某网络科技有限公司", "6217****8890",
         "服务器租用", "15332.10"),
        ("2026-10-01 20:15:49", "T2026100120154903", "收入", "10000.00", "李某", "6228****5678", "资料费", "25332.10"),
        ("2026-10-03 09:00:12", "T2026100309001204", "支出", "20000.00", "张某某", "6214****0001", "转出", "5332.10"),
    ]
    return "\ufeff" + "".join(",".join(r) + "\r\n" for r in rows)


def registrations_csv() -> str:
    """注册信息 returned by a platform under a notice to obtain."""
    rows = [("账号", "注册手机号", "注册时间", "注册IP", "实名认证姓名"),
            ("zhang0101", "13800000000", "2025-03-02 11:20:45", "203.0.113.25", "张某某"),
            ("li8888", "13900000000", "2025-07-15 22:01:09", "198.51.100.7", "李某")]
    return "".join(",".join(r) + "\n" for r in rows)


def login_log_csv() -> str:
    """登录日志 returned by the platform."""
    rows = [("账号", "登录时间", "登录IP", "设备型号"),
            ("zhang0101", "2026-09-28 20:55:02", "203.0.113.25", "NOH-AN00"),
            ("zhang0101", "2026-10-01 20:10:40", "203.0.113.25", "NOH-AN00"),
            ("li8888", "2026-10-01 20:14:58", "198.51.100.7", "iPhone14,2")]
    return "".join(",".join(r) + "\n" for r in rows)


def cloud_list_csv() -> str:
    """公民信息样本: an excerpt of the traded data found in the frozen cloud folder (fictional)."""
    rows = [("姓名", "手机号", "身份证号", "车牌号", "住址")]
    for i in range(1, 9):
        rows.append((f"测试{i:02d}", f"1370000{i:04d}", f"1101011990010{i:02d}00X", f"京A{i:05d}",
                     f"某市某区某路{i}号"))
    return "".join(",".join(r) + "\n" for r in rows)


def operation_log_csv(entries: list[tuple[datetime, str, str, str]]) -> str:
    """The platform's operation log for a frozen account: time (ISO 8601 with offset), account, action, object."""
    lines = ["time,account,action,object"]
    lines += [f"{t.isoformat()},{acct},{act},{obj}" for t, acct, act, obj in entries]
    return "\n".join(lines) + "\n"
