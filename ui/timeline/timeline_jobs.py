"""The 时间线 tab's work in workers: the timeline built or found, the anomalies, counts and strips, the rows read
ahead, order tables; each fn(progress, cancel) for the TaskRunner on a connection of its own to the store."""

import time

from PySide6.QtCore import QTimer

from ui.timeline.timeline_anomalies import anomaly_lines, anomaly_marks

ANOMALIES_KEPT = 1000  # per kind: the list shows these, the title counts all (a copy can make 1M alike)
PACE_S = 0.001


def load_timeline(bundle, store_path):
    """fn(progress, cancel) for the TaskRunner: the store's timeline table built (or found up to date) and what
    the tab shows beside the rows (how many, the span, the filter lists), on the worker's own connection."""
    def job(progress, cancel):
        from models.store.store import open_store_file
        from models.timeline import timeline_store as ts

        store = open_store_file(store_path)
        try:
            conn = store.db.conn
            ts.build_timeline(conn, bundle, progress, cancel)
            return ts.summary(conn)
        finally:
            store.close()
    return job


def load_anomalies(bundle, store_path):
    """fn(progress, cancel): (the first ANOMALIES_KEPT anomalies of each kind, how many in all, anomaly_marks of
    them, their lines in the list), read after the rows are shown (on 1M files they take seconds of their own)."""
    def job(_progress, _cancel):
        from models.store.store import open_store_file
        from models.timeline.anomalies import iter_anomalies

        store = open_store_file(store_path)
        try:
            counts: dict = {}
            # a pause now and then: this worker runs Python while the rows are painted, and each painted cell
            # waits for the interpreter (the GIL) as long as the worker holds it
            anomalies = list(iter_anomalies(bundle, store, keep_per_kind=ANOMALIES_KEPT, counts=counts,
                                            pace=lambda: time.sleep(PACE_S)))
        finally:
            store.close()
        from models.timeline.anomaly_groups import arrange

        rows = arrange(bundle, anomalies)  # what needs a human first; the copy's marks one line per item
        return rows, sum(counts.values()), anomaly_marks(anomalies), anomaly_lines(rows)
    return job


def timeline_stats(store_path, where: str, params: list, bins: int):
    """fn(progress, cancel): (count, histogram) of the times under a filter, on the worker's own connection
    (a COUNT and a GROUP BY over millions of times: ~2 s, not on the GUI thread)."""
    def job(_progress, _cancel):
        from models.store.store import open_store_file
        from models.timeline import timeline_store as ts

        store = open_store_file(store_path)
        try:
            return ts.count(store.db.conn, where, params), ts.histogram(store.db.conn, where, params, bins)
        finally:
            store.close()
    return job


class Waiting:
    """The handle of a worker whose start waits for a timer: running until then; cancel stops the timer."""

    def __init__(self, timer: QTimer):
        self.timer, self.running = timer, True
        timer.start()

    def cancel(self) -> None:
        self.timer.stop()
        self.running = False


def store_reader(runner, store_path):
    """The reader a TimelineTableModel pages a store's timeline with: reader(fn, on_done) runs fn(connection,
    cancel) in a worker on a read-only connection of its own to the store; on_done(result, or None when it
    failed) on the GUI thread."""
    def read(fn, on_done):
        def job(_progress, cancel):
            from models.timeline.timeline_order import read_connection

            conn = read_connection(store_path)
            try:
                return fn(conn, cancel)
            finally:
                conn.close()
        return runner.run(job, label="", on_done=on_done, on_error=lambda _exc: on_done(None))
    return read


def build_order(store_path, key: str):
    """fn(progress, cancel): the order table of one column made in a worker (models.timeline.timeline_order)."""
    def job(progress, cancel):
        from models.store.store import open_store_file
        from models.timeline.timeline_order import build_order_table

        store = open_store_file(store_path)
        try:
            build_order_table(store.db.conn, key, progress, cancel)
        finally:
            store.close()
    return job
