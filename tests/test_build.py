"""The one-folder PyInstaller build from build.spec builds, and the built program runs a scan."""

import json
import subprocess
import sys

import pytest

from tests.helpers import ROOT


@pytest.mark.build
def test_build_spec_builds_and_runs(tmp_path):
    dist, work = tmp_path / "dist", tmp_path / "work"
    build = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                            "--distpath", str(dist), "--workpath", str(work), str(ROOT / "build.spec")],
                           capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert build.returncode == 0, build.stderr[-3000:]
    program = dist / "EvidenceDesk" / "EvidenceDesk"
    folder = tmp_path / "case"
    (folder / "evidence").mkdir(parents=True)
    (folder / "evidence" / "note.txt").write_text("聊天记录", encoding="utf-8")
    for i in range(6000):  # past models.inventory.scan.HANDOFF: the frozen program's scan helper and typing workers run
        if i % 1000 == 0:
            (folder / "evidence" / f"more{i // 1000}").mkdir()
        (folder / "evidence" / f"more{i // 1000}" / f"{i}.txt").write_bytes(b"x" * (i % 50))
    result = subprocess.run([str(program), "scan", str(folder), "--json", "--store", str(tmp_path / "store")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    records = {r["path"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert len(records) == 6001
    assert records["evidence/note.txt"]["size"] == len("聊天记录".encode())
    assert records["evidence/more5/5999.txt"]["mime"] == "text/plain"
