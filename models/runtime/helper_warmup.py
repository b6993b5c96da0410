"""Imported once by the helpers' forkserver (see models.runtime.jobs.process_context), never by the window: what a
helper would otherwise pay at its start is paid here, and every helper forked from the server inherits it.

sqlite-utils looks for plugins at its first Database (~90 ms in a fresh helper, measured as the scan's
helper opened the store): a scan's first rows came 0.25 s later than from a thread in the window."""

import sqlite_utils

sqlite_utils.Database(memory=True).close()
