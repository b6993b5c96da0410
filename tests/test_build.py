"""The one-folder PyInstaller build from build.spec builds, and the built program runs a scan."""

import json
import subprocess
import sys

from tests.helpers import ROOT


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
    result = subprocess.run([str(program), "scan", str(folder), "--json", "--store", str(tmp_path / "store")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    record = json.loads(result.stdout.splitlines()[0])
    assert record["path"] == "evidence/note.txt" and record["size"] == len("聊天记录".encode())
