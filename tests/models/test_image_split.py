"""An image listing shared with helper processes (models.image.listing.walk_split) gives the rows of the walk in one
process, in the same order, times included, whatever this process's own zone."""

import subprocess
import sys
import time

import pytest

from models.bundle.coverage import Coverage
from models.bundle.manifest import load_bundle
from models.image.disk.container import inspect
from models.image.listing.rows import image_rows
from models.image.listing.walk_split import folder_rows
from models.image.source import ImageSource
from models.inventory.scan_process import ScanHelperError
from models.runtime.jobs import Cancelled
from tests.image_factory import fat32_image, gpt_image

TSK_DATA = "disk_images/sleuthkit_test_data/extracted"
_ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent.parent


def _both(image, zone: str):
    """(rows listed in this process, rows listed by the helpers after the root folder)."""
    bundle = load_bundle(image)
    coverage = Coverage(bundle)
    source = ImageSource(inspect(image), zone)
    try:
        alone = image_rows(list(source.entries()), coverage.locate)[0]
        shared = [row for rows, _counts in folder_rows(source, coverage, handoff=0, wait=True) for row in rows]
    finally:
        source.close()
    return alone, shared


@pytest.fixture
def new_york(monkeypatch):
    """This process in a zone with summer time, unlike the helpers (UTC) and the case zone."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("rel, zone", [(f"{TSK_DATA}/5-fat-daylight/daylight.dd", "America/New_York"),
                                       (f"{TSK_DATA}/7-undel-ntfs/7-ntfs-undel.dd", "UTC"),
                                       (f"{TSK_DATA}/6-undel-fat/6-fat-undel.dd", "Asia/Shanghai")])
def test_helpers_list_the_corpus_images_as_one_process_does(corpus_dir, new_york, rel, zone):
    alone, shared = _both(corpus_dir / rel, zone)
    assert len(alone) > 3 and shared == alone


def test_helpers_list_every_partition_and_fat_times_in_the_case_zone(tmp_path, new_york):
    image, _starts = gpt_image(tmp_path)
    alone, shared = _both(image, "Asia/Shanghai")
    assert {row[0].split("/")[1] for row in shared} == {"p1", "p2"} and shared == alone
    (tmp_path / "fat").mkdir()
    alone, shared = _both(fat32_image(tmp_path / "fat"), "Asia/Shanghai")
    chinese = next(row for row in shared if row[0].endswith("目录/中文文件.txt"))
    assert chinese[5] == (1_600_000_000 - 8 * 3600) * 10**9 and shared == alone


def test_the_command_line_forks_its_helpers_and_lists_the_same(tmp_path):
    """A process with no other thread (the command line) forks the helpers: the same rows."""
    image = fat32_image(tmp_path)
    script = ("import sys; from models.image.listing.walk_split import _context, folder_rows; "
              "from models.image.listing.rows import image_rows; from models.bundle.coverage import Coverage; "
              "from models.bundle.manifest import load_bundle; from models.image.disk.container import inspect; "
              "from models.image.source import ImageSource\n"
              "if __name__ == '__main__':\n"
              "    assert _context()[0].get_start_method() == 'fork'\n"
              f"    image = {str(image)!r}; c = Coverage(load_bundle(image)); s = ImageSource(inspect(image), 'UTC')\n"
              "    alone = image_rows(list(s.entries()), c.locate)[0]\n"
              "    shared = [r for rows, _ in folder_rows(s, c, handoff=0, wait=True) for r in rows]\n"
              "    print(len(shared), shared == alone)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, cwd=str(tmp_path),
                            env={"PYTHONPATH": str(_ROOT), "TZ": "UTC"})
    assert result.returncode == 0, result.stderr.decode()
    count, same = result.stdout.decode().split()
    assert int(count) > 5 and same == "True"


def test_a_helper_that_cannot_open_the_image_is_a_clear_error(tmp_path):
    image = fat32_image(tmp_path)
    bundle = load_bundle(image)
    source = ImageSource(inspect(image), "UTC")
    try:
        image.rename(tmp_path / "moved.raw")  # this process has it open; a helper opening it now fails
        with pytest.raises(ScanHelperError, match="fat32.raw"):
            list(folder_rows(source, Coverage(bundle), handoff=0, wait=True))
    finally:
        source.close()


def test_cancel_stops_the_helpers(corpus_dir):
    import multiprocessing
    import threading

    image = corpus_dir / TSK_DATA / "7-undel-ntfs/7-ntfs-undel.dd"
    source = ImageSource(inspect(image), "UTC")
    cancel, batches = threading.Event(), 0
    try:
        with pytest.raises(Cancelled):
            for _ in folder_rows(source, Coverage(load_bundle(image)), cancel, handoff=0, wait=True):
                batches += 1
                if batches == 2:  # the root here, then a folder from a helper
                    assert [p for p in multiprocessing.active_children() if p.name == "EvidenceDesk image scan"]
                    cancel.set()
    finally:
        source.close()
    assert batches == 2
    assert not [p for p in multiprocessing.active_children() if p.name == "EvidenceDesk image scan"]


STOPPING = """
import os, signal, sys, time
from models.image.listing import walk_split
from models.image.listing.walk import Lister
from models.image.listing.rows import image_rows
from models.bundle.coverage import Coverage
from models.bundle.manifest import load_bundle
from models.image.disk.container import inspect
from models.image.source import ImageSource
if __name__ == '__main__':
    parent, plain = os.getpid(), Lister.folder
    def folder(self, addr, rel, ancestors):  # in a helper, 目录 or gpt.img's p1 stalls TSK (or kills its reader)
        if os.getpid() != parent and (rel == "目录" or self.prefix == "gpt.img:/p1"):
            if sys.argv[2] == "stall":
                time.sleep(60)
            os.kill(os.getpid(), signal.SIGKILL)
        return plain(self, addr, rel, ancestors)
    Lister.folder = folder
    image = sys.argv[1]
    source = ImageSource(inspect(image), "UTC")
    started = time.monotonic()
    rows = [r for rows, _ in walk_split.folder_rows(source, Coverage(load_bundle(image)), stall=1) for r in rows]
    print(round(time.monotonic() - started))
    for row in rows:
        print(row[0], "|", row[11] if len(row) > 12 else "")
"""


@pytest.mark.parametrize("how, said", [("stall", "no progress for 1 s"), ("kill", "ended unexpectedly (exit code -9)")])
def test_a_helper_stalled_or_killed_in_tsk_stops_its_partition_with_the_reason(tmp_path, how, said):
    image, _starts = gpt_image(tmp_path)
    (tmp_path / "fat").mkdir()
    fat = fat32_image(tmp_path / "fat")
    for target, part in ((fat, "p1"), (image, None)):
        result = subprocess.run([sys.executable, "-c", STOPPING, str(target), how], capture_output=True, timeout=120,
                                cwd=str(tmp_path), env={"PYTHONPATH": str(_ROOT), "TZ": "UTC"})
        assert result.returncode == 0, result.stderr.decode()
        seconds, *lines = result.stdout.decode().splitlines()
        rows = dict(line.split(" | ", 1) for line in lines)
        if part:
            assert int(seconds) < 30
            assert "fat32.raw:/p1/keep.txt" in rows and "fat32.raw:/p1/目录/中文文件.txt" not in rows
            assert said in rows["fat32.raw:/p1"] and "stopped after" in rows["fat32.raw:/p1"]
        else:  # the first partition stopped at its root, the second listed by new helpers
            assert said in rows["gpt.img:/p1"] and "stopped after 0 entries" in rows["gpt.img:/p1"]
            assert not [p for p in rows if p.startswith("gpt.img:/p1/")]
            assert "gpt.img:/p2/part2.txt" in {p.lower() for p in rows}
