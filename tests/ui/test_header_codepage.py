"""The E01 narrow header's code page chosen per case: an image written by ewfacquirestream -A windows-932 reads
right when the case says so (the window's header rows, the checks, `check --header-codepage`), and the default
(ASCII, then windows-936) reads other text that the Art. 35 comparison flags. The choice lives in the case's
review store, so the window, `check` and the next run all read the same."""

import argparse
import json

import pytest

from checks import check_cmd
from models.image.disk import codepages
from tests.checks.image_situations import IMAGE, e01_item, set_acquisition, then
from tests.factory import BundleFactory
from tests.ui.demo_window import new_window, open_checked, stop
from tests.ui.test_review_tab import prepared
from tests.ui.test_translations import english, english_qm  # noqa: F401  (fixtures)
from ui.detail.image_details import image_info

EXAMINER = "山田太郎"  # Shift-JIS bytes that windows-936 reads as other characters


@pytest.fixture
def japanese(tmp_path):
    """A bundle whose E2 holds an E01 with only the narrow header, written in code page 932, and a manifest that
    records the acquisition as that header says it."""
    factory = BundleFactory(tmp_path)
    spec = factory.spec()
    then(e01_item("encase2", codepage="windows-932", examiner=EXAMINER),
         set_acquisition(performed_by=EXAMINER))(spec, factory.today)
    return factory.write(spec, "cp932")


def _check(path, store_dir, capsys, *codepage):
    capsys.readouterr()
    args = argparse.Namespace(path=str(path), json=True, store=str(store_dir), no_verify=False,
                              header_codepage=codepage[0] if codepage else None)
    code = check_cmd.run(args)
    out = capsys.readouterr()
    rows = [json.loads(line) for line in out.out.splitlines()]
    return code, rows, out.err


def _a35(rows) -> dict:
    return next(r for r in rows if r.get("item") == "E2" and r.get("check") == "a35_2_imaging_process")


def test_libewf_is_asked_which_code_pages_it_reads():
    assert set(codepages.supported()) <= set(codepages.NAMES)
    assert {"ascii", "windows-932", "windows-936", "windows-1252"} <= set(codepages.supported())
    assert codepages.normalized("CP932") == codepages.normalized("932") == "windows-932"
    with pytest.raises(codepages.CodepageError):
        codepages.checked("utf-8")


def test_check_reads_the_header_in_the_case_code_page_and_remembers_it(japanese, store_dir, capsys):
    code, rows, _err = _check(japanese, store_dir, capsys)
    default = _a35(rows)
    assert default["status"] == "fail"  # the default reads another examiner than the record
    assert any(d["field"] == "examiner" and d["image"] != EXAMINER for d in default["facts"]["differences"])

    _code, rows, _err = _check(japanese, store_dir, capsys, "windows-932")
    assert _a35(rows)["status"] == "pass", _a35(rows)
    _code, rows, _err = _check(japanese, store_dir, capsys)  # kept per case: the next run reads it too
    assert _a35(rows)["status"] == "pass"

    bundle, store = prepared(japanese, store_dir, with_results=False)
    assert codepages.stored(store) == "windows-932"
    assert image_info(bundle, store, IMAGE, {})["examiner"] == EXAMINER
    store.close()
    _code, rows, _err = _check(japanese, store_dir, capsys, "default")  # back to the default
    assert _a35(rows)["status"] == "fail"


def test_a_code_page_libewf_cannot_read_is_refused_in_one_line(japanese, store_dir, capsys):
    for bad in ("utf-8", *[n for n in codepages.NAMES if n not in codepages.supported()]):
        code, rows, err = _check(japanese, store_dir, capsys, bad)
        assert code == 2 and rows == [] and len(err.strip().splitlines()) == 1 and "Traceback" not in err, bad


def test_the_window_menu_chooses_it_for_the_case(qtbot, tmp_path, store_dir, japanese):
    from tests.ui.test_image_details import _node, _pick
    from ui.window.codepage_menu import fill_codepage_menu

    window = new_window(qtbot, tmp_path, store_dir)
    window.install_extras()
    try:
        open_checked(qtbot, window, japanese)
        tree = window.item_tree
        _pick(tree, _node(tree.items_model, [IMAGE]))
        before = "\n".join(window.detail.section_texts())
        assert "windows-936（简体中文 GBK）" in before and before.count(EXAMINER) == 1  # the record's only
        assert "E01 文件头记为“" in before and f"证据清单记为“{EXAMINER}”" in before  # flagged against the record

        fill_codepage_menu(window)
        actions = {a.data(): a for a in window.codepage_menu.actions()}
        assert actions[""].isChecked() and actions[""].text().startswith("默认")
        assert actions["windows-932"].text() == "windows-932（日文 Shift-JIS）"
        assert set(actions) == {"", *codepages.supported()}  # only what libewf reads is offered
        actions["windows-932"].trigger()

        after = "\n".join(window.detail.section_texts())  # the pane read the header again at once
        assert "windows-932（日文 Shift-JIS）" in after and "不一致" not in after and "E01 文件头记为" not in after
        assert f"检验人\n{EXAMINER}" in after  # label, then its value
        assert codepages.stored(window.store) == "windows-932"
        fill_codepage_menu(window)
        assert next(a for a in window.codepage_menu.actions() if a.isChecked()).data() == "windows-932"
    finally:
        stop(window)


@pytest.mark.usefixtures("english")
def test_the_menu_is_english_too(qtbot, tmp_path, store_dir):
    from tests.ui.test_translations import chinese_in
    from ui.window.codepage_menu import codepage_choices, install_codepage_menu

    window = new_window(qtbot, tmp_path, store_dir)
    menu = install_codepage_menu(window)
    texts = [menu.title()] + [text for _name, text in codepage_choices(window)]
    assert menu.title() == "E01 header code page" and "windows-932 (Japanese, Shift-JIS)" in texts
    assert chinese_in(texts) == []
    stop(window)
