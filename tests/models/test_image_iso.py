"""An ISO 9660 image made by xorriso, listed as `fls -r -m / -z UTC` lists it, whatever this process's zone."""

import json
import time
from datetime import datetime

from models.image.disk.container import inspect
from models.image.source import ImageSource
from tests.helpers import run_main, snapshot
from tests.image_factory import ISO_FILES, fls_entries, iso_image, our_entries


def _assert_as_fls(image, ours: dict):
    theirs = fls_entries(image, "UTC")
    assert theirs, "fls listed nothing"
    for key, expected in theirs.items():
        assert key in ours, f"{key} not listed"
        size, *times, deleted = ours[key]
        if size is not None:
            assert size == expected[0], key
        assert (*times, deleted) == expected[1:], key
    assert set(ours) == set(theirs)


def test_iso9660_walk_matches_fls_in_any_process_zone(tmp_path, monkeypatch):
    image = iso_image(tmp_path)
    # TSK reads ISO recording times with mktime in the process's zone; a summer-time zone shows the hour
    for zone in ("America/New_York", "Asia/Shanghai"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        try:
            source = ImageSource(inspect(image), "Asia/Shanghai")
            entries = list(source.entries())
        finally:
            monkeypatch.undo()
            time.tzset()
        _assert_as_fls(image, our_entries(entries, "disc.iso:/p1"))
    assert source.partitions[0].fs_type == "ISO 9660"
    by_path = {e.path: e for e in entries}
    for rel, (data, seconds) in ISO_FILES.items():
        entry = by_path["disc.iso:/p1/" + rel]  # Joliet's long and Chinese names, not 8.3 upper case
        assert (entry.size, entry.created_ns) == (len(data), seconds * 10**9), rel
        assert source.open(entry.path, entry.address).read() == data
    assert by_path["disc.iso:/p1/子目录"].kind == "dir"
    assert by_path["disc.iso:/p1/$OrphanFiles"].role == "virtual"


def test_scan_json_of_an_iso_lists_as_fls(tmp_path):
    (tmp_path / "case").mkdir()
    image = iso_image(tmp_path / "case")
    before = snapshot(tmp_path / "case")
    result = run_main("scan", image, "--json", store=tmp_path / "store", env={"TZ": "America/New_York"})
    assert result.returncode == 0, result.stderr.decode()
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert lines[0]["image"]["partitions"][0]["file_system"] == "ISO 9660"

    def sec(text):
        return 0 if text is None else int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())
    ours = {}
    for row in lines[1:]:
        key = (row["path"].removeprefix("disc.iso:/p1"), row["address"].split("-")[0])
        ours[key] = (row["size"], sec(row["accessed"]), sec(row["modified"]), sec(row["changed"]),
                     sec(row["created"]), row["deleted"])
    _assert_as_fls(image, ours)
    text = next(r for r in lines[1:] if r["path"].endswith("/readme.txt"))
    assert text["mime"] == "text/plain"
    assert snapshot(tmp_path / "case") == before  # the evidence is never changed
