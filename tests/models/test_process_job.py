"""models.runtime.process_job: a job in a helper process, its progress and answer (or exception) brought back."""

import os
import threading

import pytest

from models.runtime.jobs import Cancelled, check_cancel
from models.runtime.process_job import HelperDied, run_in_process


def where(progress=None, cancel=None):
    for step in range(3):
        progress(step, 3)
    progress(3, 3)
    return os.getpid(), os.getpriority(os.PRIO_PROCESS, 0)


def fails(progress=None, cancel=None):
    raise ValueError("坏的输入")


def waits(progress=None, cancel=None):
    progress(0, None)
    while True:
        check_cancel(cancel)
        cancel.wait(0.01)


def dies(progress=None, cancel=None):
    os._exit(7)


def test_runs_elsewhere_at_a_lower_priority_with_its_progress():
    seen = []
    pid, nice = run_in_process(where, (), lambda *values: seen.append(values))
    assert pid != os.getpid()
    assert nice >= 10  # anyone may lower a priority
    assert seen[-1] == (3, 3)  # the last step always arrives


def test_its_exception_is_raised_here():
    with pytest.raises(ValueError, match="坏的输入"):
        run_in_process(fails)


def test_cancel_reaches_the_helper():
    cancel, seen = threading.Event(), []

    def progress(*values):
        seen.append(values)
        cancel.set()

    with pytest.raises(Cancelled):
        run_in_process(waits, (), progress, cancel)
    assert seen


def test_a_helper_that_dies_is_an_error_not_a_hang():
    with pytest.raises(HelperDied, match="exit code 7"):
        run_in_process(dies)
