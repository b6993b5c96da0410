"""What the item models that page rows from the store by key (the file table, the timeline) share."""

from array import array


def reset_pages(model, first_batch: int, *caches) -> None:
    """Forget every fetched row of `model` (row ids, cached pages and cells, the last key) and tell its views.
    The model keeps _ids, _pages, _last_key, _batch, _exhausted, _busy and _conn (None: nothing to page)."""
    model.beginResetModel()
    model._ids = array("q")
    model._pages.clear()
    for cache in caches:
        cache.clear()
    model._last_key = None
    model._batch = first_batch
    model._exhausted = model._conn is None
    model._busy = True  # modelReset listeners (Qt's model tester) may call fetchMore: not yet
    try:
        model.endResetModel()
    finally:
        model._busy = False
