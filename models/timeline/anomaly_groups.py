"""The anomaly list a reviewer reads: first what needs a human, then one line per item for what the bundle being a
copy explains (a copy's creation time is the moment of copying, later than the modification time it keeps)."""

from models.common.i18n import tr
from models.timeline.anomalies import Anomaly, seizure_reference
from models.timeline.timeline import manifest_time


def explained_by_copy(anomaly, bundle) -> bool:
    """Created after modified, and created after the evidence was fixed (sealed, extracted, or the bundle
    prepared): the creation is the copy's own moment. Created before that, it needs a reason."""
    if anomaly.kind != "created_after_modified":
        return False
    created = (anomaly.facts or {}).get("created_ns")
    if not isinstance(created, int):
        return False
    item = bundle.item(anomaly.item) if anomaly.item else None
    fixed = seizure_reference(item, bundle.timezone) if item else None
    prepared = manifest_time(bundle.case.get("prepared_at"), bundle.timezone)
    moments = [m for m in ((fixed or (None,))[0], (prepared or (None,))[0]) if m is not None]
    return bool(moments) and created >= min(moments)


def arrange(bundle, anomalies: list, totals: dict | None = None) -> list:
    """Anomalies needing a human, in their order, then one Anomaly of kind 'copy_explained' per item.
    totals: {item: how many the copy explains in all} when more were found than kept."""
    human, grouped = [], {}
    for anomaly in anomalies:
        if explained_by_copy(anomaly, bundle):
            grouped.setdefault(anomaly.item, []).append(anomaly)
        else:
            human.append(anomaly)
    lines = []
    for item, members in sorted(grouped.items(), key=lambda pair: (pair[0] is None, pair[0] or "")):
        count = max(len(members), (totals or {}).get(item, 0))
        text = tr("{0} 个文件的创建时间晚于修改时间，且创建于证据固定之后：证据包是复制件，复制时文件系统把创建时间"
                  "设为复制时刻、保留原修改时间，由此可以解释，无须逐一说明（如 {1}）").format(count, members[0].path)
        lines.append(Anomaly("copy_explained", item, members[0].path,
                             {"count": count, "paths": [m.path for m in members[:20]]},
                             (f"{item}：" if item else tr("不属于任何证据项的文件：")) + text))
    return human + lines
