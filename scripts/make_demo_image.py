"""Make the demo's disk image: resources/demo/usb.E01, the E01 of 张某某's USB stick (item E6 of the built-in
cases, models/demo/demo_image.py). Run by hand when the image's content or headers are to change; the demo
itself only copies the committed file (no tool runs when a case is written):

    .venv/bin/python scripts/make_demo_image.py [OUT.E01]      (default resources/demo/usb.E01)

Needs mkfs.vfat (dosfstools), mtools, ewfacquirestream (ewf-tools) and faketime (libfaketime). The story:
the stick was formatted on 2026-09-15 and filled in September and October (files copied with their times,
FAT keeping local times: the tools run with TZ=Asia/Shanghai, the case zone); the traded data sample was
deleted from it before the search (mdel: its directory entry is marked, its cluster stays, TSK reads it
back); investigator 刘某 imaged it on 2026-11-18 at 15:05 (case zone), after the phone's extraction, with
ewfacquirestream writing Chinese case headers in code page 936 (-A windows-936), compression best. The
faked clock (faketime) gives the folders, the volume label and the E01's acquisition date those times.
Format encase2: its header keeps the acquisition date as the acquiring clock's text, which reads the same
on any machine; the header2 of EnCase 4+ formats keeps an instant that libewf renders in the reading
machine's zone (the program then reads it as the acquiring clock: a case zone check that varies by reader).

Prints the E01's size and the media stream's MD5 and SHA-256 (the demo computes them again when it writes
a case). The E01's GUID is random: two runs give different bytes with the same media stream."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from models.demo import demo_content as c  # noqa: E402
from models.demo.demo_content import CST  # noqa: E402

TOOLS = ("mkfs.vfat", "mmd", "mcopy", "mdel", "ewfacquirestream", "faketime")
SIZE_KIB = 1024  # a 1 MiB FAT12 volume
FORMATTED = "2026-09-15 20:30:00"
FOLDERS_MADE = "2026-09-15 20:31:00"
ACQUIRED = "2026-11-18 15:05:00"  # case zone; E1's extraction ended 14:40
DELETED = "资料/车主信息_样本.csv"
HEADERS = {"-C": "某公（网）立字〔2026〕21号", "-E": "E6-1", "-e": "刘某",
           "-D": "张某某U盘（金士顿 DataTraveler）数据镜像",
           "-N": "扣押清单第2项；经只读接口（写保护器）制作，镜像后重新封存"}


def _photo() -> bytes:
    meta = c.PhotoMeta("HUAWEI", "NOH-AN00", "NOHAN00SN7A31C9", datetime(2026, 10, 3, 9, 5, 12, tzinfo=CST),
                       (31, 14, 50211), (121, 28, 39870), 1180)
    return c.camera_photo(meta, 5)


def _accounts() -> bytes:
    """A ledger saved by a Windows PC's Notepad in GBK."""
    lines = ["资料费收入记账", "2026-09-21  王某  6000元  快递单号三万条",
             "2026-10-01  李某  10000元  车主信息五万条（已去重）", "合计  16000元"]
    return ("\r\n".join(lines) + "\r\n").encode("gbk")


def _chat() -> bytes:
    head = "微信聊天记录导出\n会话：李某(wxid_li8888)\n导出时间：2026-10-02 08:40:11\n\n"
    rows = [r for r in c.CHAT if r[0] >= "2026-09-30"]
    return (head + "".join(f"{t} {who}：{msg}\n" for t, who, msg in rows)).encode("utf-8")


def files() -> dict[str, tuple[bytes, datetime]]:
    """The stick's files: bytes and modification time."""
    return {
        "聊天记录/微信_李某_导出.txt": (_chat(), datetime(2026, 10, 2, 8, 40, 11, tzinfo=CST)),
        "照片/IMG_20261003_090512.jpg": (_photo(), datetime(2026, 10, 3, 9, 5, 13, tzinfo=CST)),
        "账目.txt": (_accounts(), datetime(2026, 10, 3, 9, 31, 2, tzinfo=CST)),
        DELETED: (c.cloud_list_csv().encode("utf-8"), datetime(2026, 9, 27, 21, 48, 30, tzinfo=CST)),
    }


def _run(args: list[str], when: str, **kwargs) -> None:
    # NO_FAKE_STAT: mcopy -m must see the source files' real times, only the clock is faked
    env = dict(os.environ, TZ="Asia/Shanghai", MTOOLS_SKIP_CHECK="1", LC_ALL="C.UTF-8", NO_FAKE_STAT="1")
    subprocess.run(["faketime", "-f", "@" + when, *args], check=True, env=env, **kwargs)


def make_volume(folder: Path) -> Path:
    """The FAT12 volume with the files copied in (times kept) and the data sample deleted."""
    image = folder / "usb.dd"
    _run(["mkfs.vfat", "-C", "-F", "12", "-n", "KINGSTON", "-i", "5A3C21E0", str(image), str(SIZE_KIB)], FORMATTED,
         capture_output=True)
    target = f"{image}"
    for name in sorted({rel.split("/")[0] for rel in files() if "/" in rel}):
        _run(["mmd", "-i", target, "::/" + name], FOLDERS_MADE)
    for rel, (data, when) in files().items():
        src = folder / "src" / rel
        src.parent.mkdir(parents=True, exist_ok=True)
        src.write_bytes(data)
        os.utime(src, (when.timestamp(), when.timestamp()))
        _run(["mcopy", "-m", "-i", target, str(src), "::/" + rel], when.astimezone(CST).strftime("%Y-%m-%d %H:%M:%S"))
    _run(["mdel", "-i", target, "::/" + DELETED], "2026-11-17 23:12:40")
    return image


def make_e01(raw: Path, out: Path) -> Path:
    stem = raw.parent / "usb"
    args = ["ewfacquirestream", "-q", "-A", "windows-936", "-f", "encase2", "-c", "deflate:best", "-d", "sha1",
            "-m", "removable", "-M", "physical", "-t", str(stem)]
    for flag, value in HEADERS.items():
        args += [flag, value]
    with open(raw, "rb") as stream:
        _run(args, ACQUIRED, stdin=stream, capture_output=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(stem.with_suffix(".E01"), out)
    return out


def main(argv: list[str]) -> int:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        print(f"missing tools: {' '.join(missing)} (apt-get install dosfstools mtools ewf-tools faketime)",
              file=sys.stderr)
        return 2
    out = Path(argv[0]) if argv else ROOT / "resources" / "demo" / "usb.E01"
    with tempfile.TemporaryDirectory() as tmp:
        raw = make_volume(Path(tmp))
        media = raw.read_bytes()
        make_e01(raw, out)
    print(f"{out}: {out.stat().st_size} bytes; media {len(media)} bytes, "
          f"md5 {hashlib.md5(media).hexdigest()}, sha256 {hashlib.sha256(media).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
