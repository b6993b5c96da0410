"""A task runner for UI-logic tests: the TaskRunner's API, each task run at once on the calling thread (after
Picard's FakeThreadPool). Kept with the tests: the program itself always runs its work off the GUI thread."""

from ui.common.tasks import TaskHandle, TaskRunner


class FakeTaskRunner(TaskRunner):
    """Same API, runs each task at once on the calling thread."""

    def run(self, fn, *, on_done=None, on_error=None, on_progress=None, label: str = "") -> TaskHandle:
        handle = TaskHandle(label, on_done, on_error, on_progress)
        self.handles.append(handle)
        self.task_started.emit(handle)

        def progress(done, total=None, done_bytes=0, total_bytes=None):
            self._deliver_progress(handle, (done, total, done_bytes or 0, total_bytes))

        try:
            result = fn(progress, handle.cancel_event)
        except Exception as exc:  # noqa: BLE001 - delivered like the real runner does
            self._deliver(handle, None, exc)
        else:
            self._deliver(handle, result, None)
        return handle
