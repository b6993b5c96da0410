"""The digest engine against hashlib and the system's sha256sum / hashdeep as oracles."""

import hashlib
import os
import subprocess
import threading

import pytest

from models.integrity import digests
from models.runtime.jobs import Cancelled, Progress


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


def _tree(tmp_path, count):
    """count small files of different sizes, one folder per hundred."""
    paths = []
    for i in range(count):
        folder = tmp_path / f"d{i // 100:02}"
        folder.mkdir(exist_ok=True)
        paths.append(_file(folder, i % 5000, f"f{i:05}.bin"))
    return paths


def test_helper_processes_answer_like_hashlib_and_report_bad_files_per_file(tmp_path):
    from models.integrity.digest_pool import BATCH_FILES, digest_many

    paths = _tree(tmp_path, 2 * BATCH_FILES + 17)
    gone = tmp_path / "gone.bin"
    link = tmp_path / "link.bin"
    link.symlink_to(paths[0])
    big = _file(tmp_path, digests.BUFFER_SIZE + 5, "big.bin")  # stays on the threaded path
    jobs = [digests.FileJob(p, p, ("sha256", "md5", "sm3"), p.stat().st_size) for p in paths + [big]]
    jobs[BATCH_FILES + 3:BATCH_FILES + 3] = [digests.FileJob(gone, gone, ("md5",), 10),
                                              digests.FileJob(link, link, ("md5",), 10),
                                              digests.FileJob(tmp_path, tmp_path, ("md5",), 10)]
    seen = []
    answers = {a.key: a for a in digest_many(jobs, progress=lambda *a: seen.append(a), processes=2)}
    assert len(answers) == len(jobs)
    for p in paths + [big]:
        data = p.read_bytes()
        assert answers[p].digests == {"md5": hashlib.md5(data).hexdigest(), "sha256": hashlib.sha256(data).hexdigest(),
                                      "sm3": digests.digest_file(p, ["sm3"])["sm3"]}, p
    assert answers[gone].missing and answers[gone].error and not answers[gone].digests
    assert not answers[link].missing and answers[link].error  # O_NOFOLLOW: a link is not read
    assert "不是普通文件" in answers[tmp_path].error
    assert seen[-1][:2] == (len(jobs), len(jobs))
    assert seen[-1][2] == sum(p.stat().st_size for p in paths + [big])


def test_helper_processes_cancel_and_leave_no_process(tmp_path):
    import multiprocessing

    from models.integrity.digest_pool import BATCH_FILES, digest_many

    paths = _tree(tmp_path, 8 * BATCH_FILES)
    jobs = [digests.FileJob(p, p, ("md5",), p.stat().st_size) for p in paths]
    cancel = threading.Event()
    got = []
    with pytest.raises(Cancelled):
        for answer in digest_many(jobs, progress=lambda *a: cancel.set(), cancel=cancel, processes=2):
            got.append(answer)
    assert 0 < len(got) < len(jobs)
    assert not multiprocessing.active_children()


def test_a_helper_that_dies_leaves_its_files_to_this_process(tmp_path):
    import multiprocessing
    import signal

    from models.integrity.digest_pool import BATCH_FILES, digest_many

    paths = _tree(tmp_path, 10 * BATCH_FILES)
    jobs = [digests.FileJob(p, p, ("sha1",), p.stat().st_size) for p in paths]
    killed = []

    def progress(*_args):
        for child in multiprocessing.active_children():
            if not killed:
                killed.append(child.pid)
                os.kill(child.pid, signal.SIGKILL)
    answers = list(digest_many(jobs, progress=progress, processes=2))
    assert killed
    assert sorted(str(a.key) for a in answers) == sorted(str(p) for p in paths)  # each once
    assert all(a.digests["sha1"] == hashlib.sha1(a.path.read_bytes()).hexdigest() for a in answers)


def test_helpers_only_when_they_pay():
    from models.integrity.digest_pool import _cores, helpers_for

    few = [digests.FileJob(i, f"f{i}", ("md5", "sha256"), 4096) for i in range(100)]
    many = [digests.FileJob(i, f"f{i}", ("md5", "sha256"), 4096) for i in range(20000)]
    assert helpers_for(few) == 0
    assert helpers_for(many) == (min(_cores(), 79) if _cores() > 1 else 0)


def test_helpers_stopped_when_an_algorithm_is_unknown(tmp_path):
    import multiprocessing

    from models.integrity.digest_pool import BATCH_FILES, digest_many

    paths = _tree(tmp_path, 2 * BATCH_FILES)
    jobs = [digests.FileJob(p, p, ("md5", "crc32"), p.stat().st_size) for p in paths]
    with pytest.raises(ValueError):
        list(digest_many(jobs, processes=2))
    assert not multiprocessing.active_children()
