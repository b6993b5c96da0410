"""Recorded digests from lists and acquisition logs, real corpus lists included."""

import hashlib

from models.integrity import recorded

MD5 = "6f4a8ac099c4fe85164b8631c7f0bd2b"
SHA1 = "2cc793143bbe3bb8a2b9949b53583606885241e1"
SHA256 = "2f1cf7a397bb8eed63b225d5d4fd5e2fc71788c8ae12db94147d1f5e227a4118"

FTK = f"""Created By AccessData\u00c2\u00ae FTK\u00c2\u00ae Imager 3.1.4.6 {""}

Case Information: {""}
Acquired using: ADI3.1.4.6
Case Number: 某检刑诉〔2026〕12号
Evidence Number: E2
Unique Description: U盘
Examiner: 王某
Notes: {""}

--------------------------------------------------------------

Information for D:\\usb:

Physical Evidentiary Item (Source) Information:
[Device Info]
 Source Type: Physical
[Drive Geometry]
 Bytes per Sector: 512
 Sector Count: 1 972 224
[Computed Hashes]
 MD5 checksum:    {MD5}
 SHA1 checksum:   {SHA1}

Image Information:
 Acquisition started:   Tue May 20 21:25:16 2014
 Acquisition finished:  Tue May 20 21:27:09 2014
 Segment list:
  D:\\usb.001

Image Verification Results:
 Verification started:  Tue May 20 21:27:10 2014
 Verification finished: Tue May 20 21:27:21 2014
 MD5 checksum:    {MD5} : verified
 SHA1 checksum:   {SHA1} : verified
"""

GUYMAGER = f"""GUYMAGER ACQUISITION INFO FILE
==============================

Guymager
========
Version              : 0.8.13

Acquisition
===========
Linux device                 : /dev/sdb
Device size                  : 1009778688 (1.0GB)
Image meta data
    Case number     : 12
    Examiner        : 王某
Image path and file name     : /media/usb.E01
Hash calculation             : MD5, SHA-1 and SHA-256
Source verification          : on
Image verification           : on

No bad sectors encountered during acquisition.
State: Finished successfully

MD5 hash                   : {MD5}
MD5 hash verified source   : {MD5}
MD5 hash verified image    : {MD5}
SHA1 hash                  : --
SHA1 hash verified source  : --
SHA1 hash verified image   : --
SHA256 hash                : {SHA256}
SHA256 hash verified source: {SHA256}
SHA256 hash verified image : {SHA256}
Source verification OK. The device delivered the same data during acquisition and verification.

Acquisition started : 2026-02-26 20:44:59 (ISO format YYYY-MM-DD HH:MM:SS)
Ended               : 2026-02-26 20:45:00 (0 hours, 0 minutes and 1 seconds)

Generated image files and their MD5 hashes
==========================================
MD5                               Image file
{MD5}  usb.E01
"""

GUYMAGER_ZH = f"""GUYMAGER取信息文件
    案件序列号 : 某检刑诉〔2026〕12号
    调查员 : 王某
MD5 哈希值                : {MD5}
MD5 哈希值 已验证源       : {MD5}
MD5 哈希值 已验证镜像     : {MD5}
"""


def test_sum_list_both_separators_and_findings():
    text = f"{MD5}  a/b.txt\n{MD5} *c d.bin\n# comment\nnot a line\n{MD5[:-1]}  short.txt\n{SHA256}\tx/y\n"
    parsed = recorded.parse_digest_list(text.encode())
    assert [(d.path, d.algorithm) for d in parsed.digests] == [("a/b.txt", "md5"), ("c d.bin", "md5"),
                                                               ("x/y", "sha256")]
    assert [(f.line, f.text) for f in parsed.findings] == [(4, "not a line"), (5, f"{MD5[:-1]}  short.txt")]


def test_sm3_named_list_and_gbk_names():
    digest = hashlib.new("sm3", b"x").hexdigest()
    parsed = recorded.parse_digest_list(f"{digest}  照片/一.jpg\n".encode("gbk"), name="E1.sm3sum")
    assert parsed.digests[0].algorithm == "sm3" and parsed.digests[0].path == "照片/一.jpg"


def test_hashdeep_extra_commas_belong_to_the_name():
    text = (f"%%%% HASHDEEP-1.0\n%%%% size,md5,sha256,filename\n## Invoked from: /case\n"
            f"12,{MD5},{SHA256},evidence/a,b,c.txt\nx,{MD5},{SHA256},bad-size\n12,zz,{SHA256},bad-md5\n")
    parsed = recorded.parse_digest_list(text.encode("utf-8-sig"))
    assert [d.path for d in parsed.digests] == ["evidence/a,b,c.txt", "evidence/a,b,c.txt"]
    assert {f.line: f.path for f in parsed.findings} == {5: "bad-size", 6: "bad-md5"}


def test_a_line_with_one_digit_lost_verifies_nothing_and_names_its_file():
    """A typo in one column makes the whole line a record defect: its other column is not trusted either."""
    text = f"%%%% HASHDEEP-1.0\n%%%% size,md5,sha256,filename\n12,{MD5[:-1]},{SHA256},evidence/E1/a.jpg\n"
    parsed = recorded.parse_digest_list(text)
    assert parsed.digests == [] and [(f.line, f.path) for f in parsed.findings] == [(3, "evidence/E1/a.jpg")]
    summed = recorded.parse_digest_list(f"{SHA256[:-1]}  evidence/E1/b.jpg\n{MD5} *evidence/E1/c.jpg\n")
    assert [(f.line, f.path) for f in summed.findings] == [(1, "evidence/E1/b.jpg")]
    assert [d.path for d in summed.digests] == ["evidence/E1/c.jpg"]


def test_corpus_lists_name_the_files_beside_them(corpus_dir):
    folder = corpus_dir / "hashlists/hashdeep/sample-hashes"
    parsed = recorded.parse_digest_list((folder / "hashdeep.txt").read_bytes())
    assert not parsed.findings and len(parsed.digests) == 6
    for d in parsed.digests:
        data = (folder / d.path.rsplit("/", 1)[-1]).read_bytes()
        assert hashlib.new(d.algorithm, data).hexdigest() == d.value and d.size == len(data)
    sized = recorded.parse_digest_list((folder / "md5deep-size.txt").read_bytes())
    assert [d.size for d in sized.digests] == [669416, 298, 299, 729602]
    plaso_list = corpus_dir / "hashlists/plaso/test_data/psort_test.plaso.file_hashes.txt"
    plaso = recorded.parse_digest_list(plaso_list.read_bytes())
    assert not plaso.findings and plaso.digests[0].algorithm == "sha256"


def test_ftk_log_utf8_and_gbk():
    for data in (FTK.encode("utf-8"), FTK.replace("\u00c2\u00ae", "®").encode("gbk", errors="replace")):
        parsed = recorded.parse_acquisition_log(data)
        assert parsed.format == "ftk"
        roles = {(d.algorithm, d.role, d.value) for d in parsed.digests}
        assert roles == {("md5", "acquisition", MD5), ("sha1", "acquisition", SHA1),
                         ("md5", "verified_image", MD5), ("sha1", "verified_image", SHA1)}
        assert parsed.meta["Case Number"] == "某检刑诉〔2026〕12号"
        assert "Imager 3.1.4.6" in parsed.meta["tool"]
    assert "FTK® Imager" in recorded.parse_ftk_log(FTK.encode()).meta["tool"]  # Â® mis-decoding repaired


def test_guymager_info_english_and_chinese_gbk():
    parsed = recorded.parse_acquisition_log(GUYMAGER.encode())
    assert parsed.format == "guymager"
    assert {(d.algorithm, d.role) for d in parsed.digests} == {
        (a, r) for a in ("md5", "sha256") for r in ("acquisition", "verified_source", "verified_image")}
    assert parsed.meta["state"] == "Finished successfully"
    zh = recorded.parse_acquisition_log(GUYMAGER_ZH.encode("gbk"))
    assert [(d.algorithm, d.role) for d in zh.digests] == [
        ("md5", "acquisition"), ("md5", "verified_source"), ("md5", "verified_image")]
    assert zh.meta["case_number"] == "某检刑诉〔2026〕12号"


def test_hex_validation_per_algorithm():
    assert recorded.valid_hex("md5", MD5) and recorded.valid_hex("sm3", SHA256)
    assert not recorded.valid_hex("sha1", MD5) and not recorded.valid_hex("sha256", "g" * 64)
    assert "40" in recorded.hex_problem("sha1", MD5)


def test_neither_log_nor_list():
    assert recorded.parse_acquisition_log("just some notes\n".encode()) is None
