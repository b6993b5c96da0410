"""Python's cyclic garbage collector held off while the window's long tasks run: one count of holders for
the whole window, released on the GUI thread."""

import gc

_collection = {"held": 0, "was_on": True}


def hold_collection() -> None:
    """Keep Python's cyclic garbage collector off while a long task (verify, typing, timeline load) runs;
    release_collection() on the GUI thread turns it back on. A collection runs on whichever thread allocates:
    in the verify's worker it finalised Qt objects off the GUI thread (the UI tests segfaulted) and held the GIL
    30-60 ms over 40k results (the window stalled). The objects of a verify are freed by reference counting;
    cycles wait until the end."""
    if _collection["held"] == 0:
        _collection["was_on"] = gc.isenabled()
        gc.disable()
    _collection["held"] += 1


def release_collection() -> None:
    if _collection["held"] > 0:
        _collection["held"] -= 1
        if _collection["held"] == 0:
            # what a worker froze stays frozen (freed by reference counting when dropped): unfrozen, it was
            # walked again by the next full collection, and so was all that freeze_start_up() had set aside
            if _collection["was_on"]:
                gc.enable()


def freeze_start_up() -> None:
    """Set what the window has made so far (modules, classes, Qt wrappers, the warm-up's imports) out of the
    collector's reach: it lives as long as the window. A full collection walked it all each time, on whichever
    thread allocated, and every thread waited: 32 ms on the GUI thread at a scan's first rows, 55-63 ms in the
    checks' worker after typing (bench_types_heartbeat --why)."""
    gc.freeze()
