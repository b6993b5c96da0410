"""Imported once by the helpers' forkserver (see models.runtime.jobs.process_context), never by the window: what a
helper would otherwise pay at its start is paid here, and every helper forked from the server inherits it.

sqlite-utils looks for plugins at its first Database (~90 ms in a fresh helper, measured as the scan's
helper opened the store): a scan's first rows came 0.25 s later than from a thread in the window."""

import sqlite_utils

sqlite_utils.Database(memory=True).close()


def _quiet_hook(kind, value, tb) -> None:
    """A helper forked from the server that fails while it starts (the program cancelled meanwhile and took its
    semaphore away: FileNotFoundError while unpickling its state) printed a traceback into the program's stderr,
    after the program's own one line. The program says what a helper's end means; here only one short line, and
    none at all when the program is already gone."""
    import os
    import sys

    from models.runtime.parent_watch import TOP_ENV, _alive

    top = int(os.environ.get(TOP_ENV) or 0)
    if (top and not _alive(top)) or isinstance(value, (OSError, EOFError)):  # gone, or going: nothing to add
        return
    try:
        sys.stderr.write(f"辅助进程启动失败 / a helper process failed to start: {kind.__name__}: {value}\n")
    except (OSError, ValueError):
        pass


def _install() -> None:
    import sys

    sys.excepthook = _quiet_hook  # the server's children report their start-up failure through it


_install()
