"""The whole review path from the command line: evidence bytes and times unchanged, no network touched."""

import json
import subprocess
import sys

import pytest

from tests.helpers import ROOT, run_main, snapshot

PASS = "测试口令-123"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "cases"
    result = run_main("demo", out, store=out.parent / "store")
    assert result.returncode == 0, result.stderr.decode()
    return out


def whole_path(bundle, work):
    """(argv, expected exit codes) for every headless step of a review."""
    (work / "pass.txt").write_text(PASS, encoding="utf-8")
    p12, memo = work / "reviewer.p12", work / "memo.pdf"
    return [
        (["scan", bundle, "--json"], {0}),
        (["verify", bundle, "--json"], {0, 1}),
        (["check", bundle, "--json"], {0, 1}),
        (["identity", "--name", "王检察官", "--out", p12, "--passphrase-file", work / "pass.txt"], {0}),
        (["memo", bundle, "--identity", p12, "--passphrase-file", work / "pass.txt", "--out", memo], {0}),
        (["verify-memo", memo], {0}),
    ]


@pytest.mark.parametrize("case", ["sample-clean", "training-defects"])
def test_whole_path_leaves_evidence_unchanged(demo, tmp_path, case):
    bundle = demo / case
    before = snapshot(bundle)
    for argv, codes in whole_path(bundle, tmp_path):
        result = run_main(*argv, store=tmp_path / "store")
        assert result.returncode in codes, (argv[0], result.stderr.decode()[-1500:])
        assert "Traceback" not in result.stderr.decode()
    assert snapshot(bundle) == before


_GUARD = """
import sys
events = []
NAME_LOOKUPS = ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo")
def hook(event, args):
    if event in NAME_LOOKUPS:
        bad = True
    elif event in ("socket.connect", "socket.sendto", "socket.sendmsg", "socket.bind"):
        bad = getattr(args[0], "family", None) not in (None, 1)  # 1 = AF_UNIX, local only
    else:
        return
    if bad:
        events.append((event, repr(args[1:])[:80]))
        raise RuntimeError("network use is forbidden: " + event)
sys.addaudithook(hook)
sys.path.insert(0, {root!r})
import main
for argv in {steps!r}:
    try:
        main.main(argv)
    except SystemExit:
        pass
print("EVENTS", events)
"""


def test_no_network_on_the_whole_path(demo, tmp_path):
    steps = [[str(a) for a in argv] for argv, _codes in whole_path(demo / "training-defects", tmp_path)]
    code = _GUARD.format(root=str(ROOT), steps=steps)
    env = {"EVIDENCEDESK_STORE": str(tmp_path / "store"), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=600)
    assert "EVENTS []" in result.stdout, result.stdout[-2000:] + result.stderr[-2000:]
    assert "network use is forbidden" not in result.stderr


def test_memo_of_the_demo_verifies(demo, tmp_path):
    bundle = demo / "sample-clean"
    for argv, _codes in whole_path(bundle, tmp_path):
        run_main(*argv, store=tmp_path / "store")
    result = run_main("verify-memo", tmp_path / "memo.pdf", store=tmp_path / "store")
    assert result.returncode == 0, result.stderr.decode()
    raw = bytearray((tmp_path / "memo.pdf").read_bytes())
    raw[len(raw) // 3] ^= 0x01
    (tmp_path / "bad.pdf").write_bytes(bytes(raw))
    assert run_main("verify-memo", tmp_path / "bad.pdf", store=tmp_path / "store").returncode == 1


def test_scan_json_lines_parse(demo, tmp_path):
    result = run_main("scan", demo / "sample-clean", "--json", store=tmp_path / "store")
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert records and all(r["modified"] is None or r["modified"].endswith("Z") for r in records)
    # only the file system's own entries in the demo's disk image ($MBR, $FAT1 ...) keep no time
    assert {r["role"] for r in records if r["modified"] is None} == {"virtual"}
