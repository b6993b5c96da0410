"""Disk images read through libewf and TSK, compared with `fls` entry by entry (path, size, times, deleted)."""

import time

import pytest

from models.image.disk.container import ImageError, inspect
from models.image.source import ImageSource
from tests.image_factory import e01_of, ext4_image, fat32_image, fls_entries, our_entries

DISK = "disk_images"
TSK_DATA = "sleuthkit_test_data/extracted"


def _compare(image, source: ImageSource, part: str = "p1", zone: str = "UTC", sector_offset=None, fs_type=None):
    """Every fls entry is listed with the same size (files), times and deleted flag; returns ours left over."""
    theirs = fls_entries(image, zone, sector_offset, fs_type)
    ours = our_entries(list(source.entries()), f"{source.name}:/{part}")
    assert theirs, "fls listed nothing"
    for key, (size, atime, mtime, ctime, crtime, deleted) in theirs.items():
        assert key in ours, f"{key} not listed"
        o_size, o_atime, o_mtime, o_ctime, o_crtime, o_deleted = ours[key]
        if o_size is not None:
            assert o_size == size, key
        assert (o_atime, o_mtime, o_ctime, o_crtime) == (atime, mtime, ctime, crtime), key
        assert o_deleted == deleted, key
    return set(ours) - set(theirs)


def test_fat32_listing_matches_fls_in_the_case_zone(tmp_path, monkeypatch):
    image = fat32_image(tmp_path)
    # the process's own zone differs from the case zone: FAT's local times must be read in the case zone
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        source = ImageSource(inspect(image), "Asia/Shanghai")
        assert not _compare(image, source, zone="Asia/Shanghai")
        by_path = {e.path: e for e in source.entries()}
    finally:
        monkeypatch.undo()
        time.tzset()
    name = "fat32.raw:/p1/"
    assert by_path[name + "删除.txt"].deleted and not by_path[name + "keep.txt"].deleted
    chinese = by_path[name + "目录/中文文件.txt"]
    assert chinese.size == len("你好\n".encode())
    assert chinese.changed_ns is None and chinese.time_source == "filesystem_local"
    # mcopy (run with TZ=UTC) wrote the UTC wall clock; read in Asia/Shanghai it is that wall clock there
    assert chinese.modified_ns == (1_600_000_000 - 8 * 3600) * 10**9
    assert {by_path[name + n].role for n in ("$MBR", "$FAT1", "$FAT2", "$OrphanFiles")} == {"virtual"}
    assert by_path[name + "keep.txt"].role is None
    assert source.open(name + "目录/中文文件.txt").read() == "你好\n".encode()
    assert source.open(name + "删除.txt", by_path[name + "删除.txt"].address).read() == b"gone\n"


def test_split_e01_lists_as_its_raw_and_reads_chinese_headers(tmp_path):
    raw = fat32_image(tmp_path, size_mb=34, files={"noise.bin": __import__("os").urandom(3 << 20)})
    e01 = e01_of(raw, tmp_path / "usb", segment="1MiB", case="案件一号", description="U盘镜像",
                 examiner="张三", evidence="证据甲", notes="备注：封存")
    spec = inspect(e01)
    assert spec.format == "E01" and len(spec.segments) >= 3
    source = ImageSource(spec, "Asia/Shanghai")
    info = source.info()
    assert (info["case_number"], info["examiner"], info["evidence_number"], info["description"], info["notes"]) == \
        ("案件一号", "张三", "证据甲", "U盘镜像", "备注：封存")
    assert len(info["md5"]) == 32 and len(info["sha1"]) == 40
    assert info["partitions"][0]["file_system"] == "FAT32"
    assert not _compare(e01, source, zone="Asia/Shanghai")
    assert [e.path.split(":/", 1)[1] for e in source.entries()] == \
        [e.path.split(":/", 1)[1] for e in ImageSource(inspect(raw), "Asia/Shanghai").entries()]


def test_narrow_header_in_code_page_936_reads_as_chinese(tmp_path):
    raw = fat32_image(tmp_path)
    e01 = e01_of(raw, tmp_path / "old", fmt="encase2", case="案件二号", examiner="李四")  # no UTF-16 header2
    info = ImageSource(inspect(e01), "Asia/Shanghai").info()
    assert (info["case_number"], info["examiner"]) == ("案件二号", "李四")
    assert info["header_codepage"] in ("windows-936", "cp936")


def test_missing_e01_segment_is_named(tmp_path):
    raw = fat32_image(tmp_path, size_mb=34, files={"noise.bin": __import__("os").urandom(3 << 20)})
    e01 = e01_of(raw, tmp_path / "cut", segment="1MiB", compression="none")
    last = max(tmp_path.glob("cut.E*"))
    last.unlink()
    with pytest.raises(ImageError, match=last.name):
        inspect(e01)
    middle = tmp_path / "cut.E02"
    middle.unlink()
    with pytest.raises(ImageError, match="cut.E02"):
        inspect(e01)


@pytest.mark.parametrize("rel, fmt", [("dfvfs/test_data/ext2.qcow2", "QCOW2"), ("dfvfs/test_data/ext2.vhd", "VHD"),
                                      ("dfvfs/test_data/windows_volume.qcow2", "QCOW2")])
def test_unsupported_containers_are_named(corpus_dir, rel, fmt):
    with pytest.raises(ImageError, match=fmt):
        inspect(corpus_dir / DISK / rel)


def test_missing_split_raw_segment_is_named(tmp_path):
    for n in (0, 2):
        (tmp_path / f"disk.{n:03d}").write_bytes(b"\0" * 512)
    with pytest.raises(ImageError, match="disk.001"):
        inspect(tmp_path / "disk.000")


@pytest.mark.parametrize("rel, zone", [
    (f"{TSK_DATA}/6-undel-fat/6-fat-undel.dd", "UTC"),
    (f"{TSK_DATA}/5-fat-daylight/daylight.dd", "America/New_York"),
    (f"{TSK_DATA}/2-kwsrch-fat/fat-img-kw.dd", "UTC"),
    (f"{TSK_DATA}/7-undel-ntfs/7-ntfs-undel.dd", "UTC"),
    (f"{TSK_DATA}/4-kwsrch-ext3/ext3-img-kw-1.dd", "UTC"),
    ("dfvfs/extracted/ext2.raw", "UTC"),
    ("dfvfs/test_data/ext2.E01", "UTC"),
])
def test_corpus_images_list_as_fls_does(corpus_dir, rel, zone):
    image = corpus_dir / DISK / rel
    source = ImageSource(inspect(image), zone)
    extra = _compare(image, source, zone=zone)
    # ours beyond fls: only NTFS metadata files with no unnamed $DATA (fls lists their $FILE_NAME row only)
    assert all(name.startswith(("/$Secure", "/$Extend/")) for name, _ in extra), extra


def test_split_raw_reads_across_segments(corpus_dir):
    whole = ImageSource(inspect(corpus_dir / DISK / "dfvfs/extracted/ext2.raw"), "UTC")
    split = ImageSource(inspect(corpus_dir / DISK / "dfvfs/test_data/ext2.splitraw.000"), "UTC")
    assert split.spec.format == "split_raw"
    def strip(source):
        return [(e.path.split(":/", 1)[1], e.size, e.modified_ns, e.deleted) for e in source.entries()]
    assert strip(split) == strip(whole)


def test_partitioned_image_lists_each_partition(corpus_dir):
    image = corpus_dir / DISK / "plaso/test_data/tsk_volume_system.raw"
    source = ImageSource(inspect(image), "UTC")
    parts = source.partitions
    assert [p.table for p in parts] == ["DOS", "DOS"]
    readable = [p for p in parts if p.fs is not None]
    assert readable and all(p.error for p in parts if p.fs is None)
    for part in readable:
        assert not _compare(image, source, part.name, sector_offset=part.start // 512)


def test_ext4_made_with_mkfs_lists_as_fls(tmp_path):
    image = ext4_image(tmp_path)
    assert image is not None, "mkfs.ext4 missing (e2fsprogs: scripts/setup.sh --dev)"  # fails, never skips
    source = ImageSource(inspect(image), "UTC")
    assert source.partitions[0].fs_type == "ext4"
    assert not _compare(image, source)
    report = next(e for e in source.entries() if e.path.endswith("/文档/报告.txt"))
    assert None not in (report.modified_ns, report.accessed_ns, report.changed_ns, report.created_ns)
    assert source.open(report.path, report.address).read() == "报告内容\n".encode()


def _unzip(archive, member: str, folder):
    import zipfile

    with zipfile.ZipFile(archive) as zipped:
        return folder / zipped.extract(member, folder).split(str(folder) + "/", 1)[1]


def test_dos_partitioned_ntfs_disk_with_ambiguous_signatures_lists_as_fls_f_ntfs(corpus_dir, tmp_path):
    image = _unzip(corpus_dir / DISK / "sleuthkit_test_data/from_brian/10b-ntfs-autodetect.zip",
                   "10-ntfs-autodetect/10-ntfs-disk.dd", tmp_path)
    source = ImageSource(inspect(image), "UTC")
    assert [(p.name, p.table, p.fs_type, p.start) for p in source.partitions] == \
        [("p1", "DOS", "NTFS", 63 * 512), ("p2", "DOS", "NTFS", 96390 * 512)]
    # both partitions carry ext and UFS signatures beside NTFS (the image's point): TSK's detection alone
    # refuses them, fls is told -f ntfs, and ours reads the type the partition table gives, saying so
    assert all(p.note for p in source.partitions)
    for part in source.partitions:
        extra = _compare(image, source, part.name, sector_offset=part.start // 512, fs_type="ntfs")
        assert all(name.startswith(("/$Secure", "/$Extend/")) for name, _ in extra), extra


def test_hfs_plus_lists_as_fls(corpus_dir, tmp_path):
    image = _unzip(corpus_dir / DISK / "sleuthkit_test_data/nps-2009-hfsjtest1/image.gen1.zip", "image.gen1.dmg",
                   tmp_path)
    source = ImageSource(inspect(image), "UTC")
    assert source.partitions[0].fs_type == "HFS+"
    assert not _compare(image, source)


def test_a_later_segment_names_the_image_by_its_first(corpus_dir, tmp_path):
    split = inspect(corpus_dir / DISK / "dfvfs/test_data/image.raw.001")
    assert split.path.name == "image.raw.000" and len(split.segments) == 2
    raw = fat32_image(tmp_path, size_mb=34, files={"noise.bin": __import__("os").urandom(3 << 20)})
    e01 = e01_of(raw, tmp_path / "seg", segment="1MiB", compression="none")
    spec = inspect(e01.with_suffix(".E02"))
    assert spec.path.name == "seg.E01" and spec.segments == sorted(spec.segments)


def test_gpt_partitions_list_each_file_system_as_fls(tmp_path):
    from tests.image_factory import gpt_image

    image, starts = gpt_image(tmp_path)
    source = ImageSource(inspect(image), "Asia/Shanghai")
    assert [(p.name, p.table, p.fs_type, p.start) for p in source.partitions] == \
        [("p1", "GPT", "FAT16", starts[0] * 512), ("p2", "GPT", "FAT16", starts[1] * 512)]
    for index, part in enumerate(source.partitions, 1):
        assert not _compare(image, source, part.name, zone="Asia/Shanghai", sector_offset=starts[index - 1])
        path = f"gpt.img:/{part.name}/part{index}.txt"
        assert source.open(path).read().decode() == f"分区 {index}\n"
