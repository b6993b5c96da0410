"""The task runner runs work off the GUI thread and brings results, errors and progress back to it."""

import threading

import pytest

from models.runtime.jobs import Cancelled, check_cancel
from tests.ui.fake_runner import FakeTaskRunner
from ui.common.progress_panel import ProgressPanel, progress_text
from ui.common.tasks import TaskRunner


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()
    yield runner
    runner.cancel_all()
    runner.wait()


def test_result_and_progress_arrive_on_the_gui_thread(qtbot, runner):
    gui = threading.get_ident()
    seen = {}

    def work(progress, cancel):
        seen["worker"] = threading.get_ident()
        progress(10, 10, 2_000_000, 2_000_000)
        return 42

    with qtbot.waitSignal(runner.task_finished, timeout=5000):
        runner.run(work, on_done=lambda r: seen.update(result=r, done_on=threading.get_ident()),
                   on_progress=lambda *v: seen.update(progress=v, progress_on=threading.get_ident()), label="x")
    assert seen["worker"] != gui
    assert seen["result"] == 42 and seen["done_on"] == gui
    assert seen["progress"] == (10, 10, 2_000_000, 2_000_000) and seen["progress_on"] == gui


def test_error_goes_to_on_error(qtbot, runner):
    errors = []
    with qtbot.waitSignal(runner.task_finished, timeout=5000):
        runner.run(lambda p, c: 1 / 0, on_error=errors.append)
    assert isinstance(errors[0], ZeroDivisionError)


def test_error_without_handler_is_signalled(qtbot, runner):
    with qtbot.waitSignal(runner.task_failed, timeout=5000) as blocker:
        runner.run(lambda p, c: 1 / 0)
    assert isinstance(blocker.args[1], ZeroDivisionError)


def test_cancel_raises_cancelled_in_the_worker(qtbot, runner):
    started = threading.Event()
    errors = []

    def work(progress, cancel):
        started.set()
        while True:
            check_cancel(cancel)
            cancel.wait(0.01)

    handle = runner.run(work, on_error=errors.append)
    assert started.wait(5)
    assert runner.busy()
    with qtbot.waitSignal(runner.task_finished, timeout=5000):
        handle.cancel()
    assert isinstance(errors[0], Cancelled) and handle.cancelled and not runner.busy()


def test_fake_runner_runs_at_once(qtbot):
    runner = FakeTaskRunner()
    out = []
    runner.run(lambda p, c: (p(1, 2, 0, None), "ok")[1], on_done=out.append, on_progress=lambda *v: out.append(v))
    assert out == [(1, 2, 0, None), "ok"]


def test_progress_panel_shows_count_bytes_rate_and_time_left(qtbot):
    assert progress_text("正在扫描", 1204, None, 0, None, 1.23) == "正在扫描：1,204 个文件，已用 1.2 秒"
    text = progress_text("正在校验", 1204, 5880, 3_100_000_000, 9_800_000_000, 10.0)
    assert "1,204/5,880 个文件" in text and "3,100.0/9,800.0 MB" in text and "310 MB/s" in text
    assert "剩余约 22 秒" in text
    runner = FakeTaskRunner()
    from ui.common.context import AppContext

    panel = ProgressPanel(AppContext(runner=runner, settings=None))
    qtbot.addWidget(panel)
    lines = []
    runner.task_progress.connect(lambda *_a: lines.append(panel.label.text()))
    runner.run(lambda p, c: p(5, 10, 0, None), label="正在扫描")
    assert lines and lines[-1].startswith("正在扫描：5/10 个文件")
    assert panel.handle is None and panel.label.text() == "就绪"  # the task's own line goes with it


def test_panel_keeps_its_height_when_a_task_starts_and_ends(qtbot):
    """The bar and 取消 hide when idle but keep their room: were the panel's height to change, the window above
    it would be laid out again and repainted whole at every task's start and end."""
    from ui.common.context import AppContext
    from ui.common.tasks import TaskHandle

    panel = ProgressPanel(AppContext(runner=FakeTaskRunner(), settings=None))
    qtbot.addWidget(panel)
    panel.show()
    idle = panel.sizeHint().height()
    panel._started(TaskHandle("正在扫描", None, None, None))
    assert panel.cancel_button.isVisible()
    assert panel.sizeHint().height() == idle


def test_a_finished_handle_keeps_nothing_alive(qtbot, runner):
    """The queued lambdas run() connects held their handle: every handle, and what its callbacks held, stayed."""
    import gc
    import weakref

    class Payload:
        pass

    payload, done = Payload(), []
    kept = weakref.ref(payload)
    handle = runner.run(lambda p, c: 1, on_done=lambda result, held=payload: done.append(result))
    del payload
    qtbot.waitUntil(lambda: done == [1], timeout=5000)
    handle_ref = weakref.ref(handle)
    del handle
    gc.collect()
    assert kept() is None and handle_ref() is None
