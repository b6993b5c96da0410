"""The digest engine against hashlib and the system's sha256sum / hashdeep as oracles."""

import hashlib
import os
import subprocess
import threading

import pytest

from models import digests
from models.jobs import Cancelled, Progress


def _file(tmp_path, size, name="f.bin"):
    path = tmp_path / name
    path.write_bytes(os.urandom(size))
    return path


@pytest.mark.parametrize("size", [0, 1, 4096, digests.INLINE_LIMIT - 1, digests.INLINE_LIMIT + 12345,
                                  3 * digests.BUFFER_SIZE * digests.RING + 7])
def test_four_digests_match_hashlib(tmp_path, size):
    path = _file(tmp_path, size)
    data = path.read_bytes()
    got = digests.digest_file(path, digests.ALGORITHMS)
    assert got == {a: hashlib.new(a, data).hexdigest() for a in digests.ALGORITHMS}


def test_sm3_known_answer_and_cryptography_agree():
    # GB/T 32905-2016 example 1: SM3("abc")
    expected = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    assert digests.compute_digests(__import__("io").BytesIO(b"abc"), ["sm3"]) == {"sm3": expected}
    hasher = digests._CryptographyHasher()
    hasher.update(memoryview(b"abc"))
    assert hasher.hexdigest() == expected


def test_sha256_against_sha256sum(tmp_path):
    path = _file(tmp_path, 9 << 20)
    oracle = subprocess.run(["sha256sum", str(path)], capture_output=True, text=True, check=True).stdout.split()[0]
    assert digests.digest_file(path, ["sha256", "md5"])["sha256"] == oracle


def test_against_hashdeep(tmp_path):
    path = _file(tmp_path, 5 << 20)
    out = subprocess.run(["hashdeep", "-c", "md5,sha1,sha256", str(path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[-1]
    size, md5, sha1, sha256, _name = out.split(",", 4)
    assert digests.digest_file(path, ["md5", "sha1", "sha256", "sm3"], workers=4) | {} == {
        "md5": md5, "sha1": sha1, "sha256": sha256, "sm3": digests.digest_file(path, ["sm3"])["sm3"]}
    assert int(size) == path.stat().st_size


def test_progress_reports_every_byte(tmp_path):
    path = _file(tmp_path, 11 << 20)
    seen = []
    digests.digest_file(path, ["md5", "sha256"], progress=lambda *a: seen.append(a[2]))
    assert seen[-1] == 11 << 20 and seen == sorted(seen)


def test_cancel_raises_cancelled(tmp_path):
    path = _file(tmp_path, 20 << 20)
    cancel = threading.Event()

    def progress(_done, _total, done_bytes, _size):
        if done_bytes > (4 << 20):
            cancel.set()
    with pytest.raises(Cancelled):
        digests.digest_file(path, digests.ALGORITHMS, progress=progress, cancel=cancel)
    assert threading.active_count() < 10  # the digest threads were joined


def test_unknown_algorithm_refused():
    with pytest.raises(ValueError):
        digests.normalise(["crc32"])


def test_directory_and_missing_are_errors(tmp_path):
    jobs = [digests.FileJob("dir", tmp_path, ("md5",)), digests.FileJob("gone", tmp_path / "nope", ("md5",)),
            digests.FileJob("ok", _file(tmp_path, 10), ("md5",))]
    answers = {a.key: a for a in digests.digest_files(jobs, workers=2)}
    assert answers["dir"].error and not answers["dir"].missing
    assert answers["gone"].missing
    assert answers["ok"].digests["md5"] == hashlib.md5((tmp_path / "f.bin").read_bytes()).hexdigest()


def test_many_small_files_two_workers(tmp_path):
    paths = [_file(tmp_path, 100 + i, f"s{i}") for i in range(300)]
    jobs = [digests.FileJob(p.name, p, ("md5", "sha256"), p.stat().st_size) for p in paths]
    seen = []
    answers = {a.key: a.digests for a in digests.digest_files(jobs, progress=lambda *a: seen.append(a), workers=2)}
    for p in paths:
        assert answers[p.name]["sha256"] == hashlib.sha256(p.read_bytes()).hexdigest()
    assert seen[-1][0] == 300 and seen[-1][2] == sum(p.stat().st_size for p in paths)


def test_groups_balance_sm3_alone():
    assert sorted(map(sorted, digests._groups(digests.ALGORITHMS, 2))) == [["md5", "sha1", "sha256"], ["sm3"]]


def test_progress_rate_and_time_left():
    now = [0.0]
    p = Progress(1000, clock=lambda: now[0])
    now[0] = 2.0
    p.update(500)
    assert p.rate == 250 and p.seconds_left == 2.0
