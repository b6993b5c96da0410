"""Shared fixtures: offscreen Qt, the corpus, a fresh store folder per test."""

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

# One QApplication for the whole session, made before any model code (memo, demo paperwork) makes a
# bare QGuiApplication, which would make every later widget abort the process.
_APP = QApplication.instance() or QApplication(["evidencedesk-tests"])

CORPUS = ROOT.parent / "shared" / "corpus"
# the per-user records of each store's audit head (models/store/audit_record.py): the suite's own, never the
# tester's; and a folder per test (below), so one test's store copies are not another's older copies
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="evidencedesk-state-")
atexit.register(shutil.rmtree, os.environ["XDG_STATE_HOME"], True)


@pytest.fixture(autouse=True)
def state_home(tmp_path_factory, monkeypatch) -> Path:
    folder = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    return folder


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """../shared/corpus; a missing corpus fails the test, it never skips."""
    assert CORPUS.is_dir(), f"corpus not found at {CORPUS}"
    return CORPUS


@pytest.fixture
def store_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "store"
    monkeypatch.setenv("EVIDENCEDESK_STORE", str(folder))
    return folder


@pytest.fixture
def make_bundle(tmp_path):
    """The bundle factory of tests/factory.py, writing into this test's tmp_path."""
    from tests.factory import BundleFactory

    return BundleFactory(tmp_path)


@pytest.fixture(scope="session")
def training_identity(tmp_path_factory) -> tuple[Path, Path]:
    """(id.p12, passphrase file) of a training identity made once by `main.py identity`, for memo runs."""
    from tests.helpers import run_main

    folder = tmp_path_factory.mktemp("identity")
    (folder / "pass").write_text("pw\n")
    result = run_main("identity", "--name", "张检察官", "--training", "--out", folder / "id.p12",
                      "--passphrase-file", folder / "pass")
    assert result.returncode == 0, result.stderr.decode()
    return folder / "id.p12", folder / "pass"
