"""The 提示 column marks the files a reviewer must notice, its filter lists them; the folder column tells E4 from
E4B."""

import pytest

from models.common.labels import label
from models.inventory.file_flags import FLAGS, flags_of, is_editor
from tests.ui.demo_window import demo_cases, new_window, open_checked, stop
from ui.files.file_table_model import COL_FLAGS, COL_FOLDER, COL_NAME


def test_flags_of_a_record():
    record = {"path": "evidence/x.jpg", "item": None, "deleted": 1, "extension_mismatch": 1,
              "software": "Adobe Photoshop 24.0 (Windows)"}
    assert flags_of(record, {"evidence/x.jpg"}) == ["mismatch", "editing", "anomaly", "unlisted", "deleted"]
    assert flags_of({"path": "evidence/E1/a.jpg", "item": "E1", "software": "Ver.1.00"}) == []
    assert is_editor("GIMP 2.10") and not is_editor("HDR+ 1.0.5")


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    return demo_cases(tmp_path_factory.mktemp("flags"))


def rows(model) -> list[tuple[str, str, str]]:
    while model.canFetchMore():
        model.fetchMore()
    return [(model.index(r, COL_NAME).data(), model.index(r, COL_FOLDER).data(), model.index(r, COL_FLAGS).data())
            for r in range(model.rowCount())]


def test_the_training_case_marks_what_it_planted(qtbot, tmp_path, store_dir, cases):
    window = new_window(qtbot, tmp_path, store_dir)
    window.show()
    try:
        open_checked(qtbot, window, cases["training"])
        tab = window.files_tab
        qtbot.waitUntil(lambda: tab.anomaly_task is not None and not tab.anomaly_task.running, timeout=30_000)
        shown = rows(tab.model)
        folders = {folder for name, folder, _flags in shown if name == "交易流水.csv"}
        assert folders == {"evidence/E4", "evidence/E4B"}
        by_flag = {}
        for flag in ("mismatch", "editing"):
            tab.flag_filter.setCurrentIndex(tab.flag_filter.findData(flag))
            by_flag[flag] = rows(tab.model)
            assert by_flag[flag], flag
            assert all(label("flag", flag) in flags for _n, _f, flags in by_flag[flag])
        assert any(name.endswith(".jpg") for name, _f, _fl in by_flag["mismatch"])
        tab.flag_filter.setCurrentIndex(tab.flag_filter.findData("any"))
        flagged = rows(tab.model)
        words = [label("flag", f) for f in FLAGS]  # the column also says which entries are the file system's
        assert flagged and all(any(w in flags for w in words) for _n, _f, flags in flagged)
        assert len(flagged) == sum(1 for _n, _f, flags in shown if any(w in flags for w in words))
        assert {flags for name, _f, flags in shown if name == "$FAT1"} == {"TSK 虚拟条目（非用户文件）"}
        tab.flag_filter.setCurrentIndex(0)
        assert len(rows(tab.model)) == len(shown)
    finally:
        stop(window)
