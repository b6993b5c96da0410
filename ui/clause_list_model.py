"""The applicable clauses of one item in one review pane: article, short title, auto status, the reviewer's decision."""

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from checks.wording import shown, wording
from models.labels import all_labels
from ui.record_table_model import RecordTableModel

PANES = ("authenticity", "legality", "relevance")
# the kind's clauses beyond Art. 30-33, by pane (ARTICLES.md): objectivity/integrity, procedure, relevance
AUTHENTICITY_ARTICLES = {"34.1", "34.2", "35.1", "35.3", "36.1", "36.3", "37.3", "37.5", "38.4", "39.4", "41.2", "45"}
RELEVANCE_ARTICLES = {"38.2", "41.5"}
STATUS_COLORS = {"pass": "#2e7d32", "fail": "#c62828", "error": "#6a1b9a", "warn": "#ef6c00",
                 "needs_review": "#1565c0", "not_verified": "#8d6e63", "not_recorded": "#757575", "not_applicable": "#bdbdbd"}
STATUS_ZH = {"pass": "通过", "fail": "不符合", "warn": "注意", "needs_review": "待审查", "not_verified": "尚未校验", "not_recorded": "未记录",
             "not_applicable": "不适用", "error": "无法检查"}
DECISION_ZH = {"confirm": "已确认", "override": "已推翻", "answer": "已回答"}
ANSWER_ZH = {"yes": "是", "no": "否", "unclear": "不明"}

# the facts' keys and coded values as a reviewer reads them (facts themselves stay machine-readable in the store)
FACT_LABELS = {
    "paths": "文件", "path": "文件", "photos_before": "封存前照片", "photos_after": "封存后照片", "missing": "缺少",
    "missing_files": "缺少的文件", "unsigned": "未签名", "participants": "参与人员", "required": "应有文书",
    "met": "已有文书", "files_absent": "缺少的文件", "problems": "问题", "added": "增加", "deleted": "删除",
    "modified": "修改", "changed": "变化", "hashed": "已计算哈希值", "not_hashed": "未计算哈希值", "sealed": "已封存",
    "state": "封存状态", "custodian": "保管人", "method": "方法", "tool": "工具", "tool_version": "工具版本",
    "steps": "步骤", "related_parties": "关联当事人", "media_user": "介质使用人", "holders": "持有人",
    "device_identifiers": "设备标识", "undisplayable": "无法直接展示", "unexplained": "未作说明", "error": "错误",
    "name": "姓名", "role": "身份", "signed": "已签名", "explained": "已说明", "roles_not_listed": "未列明的身份",
    "original_transferred": "已移送原始介质", "headings": "标记类别", "kinds": "文书种类", "sources": "依据",
    "brand": "品牌", "model": "型号", "serial": "序列号", "identifier": "标识", "capacity_bytes": "容量（字节）",
    "user_mark": "使用人标记", "location": "存放地点", "user": "使用人", "make": "厂商", "performed_by": "操作人",
    "started_at": "开始时间", "finished_at": "结束时间", "original_path": "原始存储路径", "network_address": "网络地址",
    "access_method": "远程访问方式", "entry_steps": "进入步骤", "frozen_at": "冻结时间", "expires_at": "冻结期满",
    "days_left": "剩余天数", "today": "今天", "warning_days": "提前提醒天数", "notice": "通知书",
    "notice_number": "文号", "notice_lists_data": "通知书注明所调取数据", "receipt_signed": "回执已签名",
    "institution": "鉴定机构", "institution_license": "机构许可证", "appraisers": "鉴定人", "license": "执业证",
    "within_scope": "在业务范围内", "recusal_checked": "已审查回避", "standard": "标准", "report": "鉴定意见书",
    "algorithm": "算法", "counts": "计数", "count": "数量", "parts": "组成", "status": "状态", "mime": "类型",
    "manifest_signature": "清单签名", "signature_files": "带签名的文件", "typed": "已识别类型的文件",
    "explanation_documents": "说明材料", "unknown_party_ids": "未知当事人编号", "identifiers": "标识",
    "conditions": "条件", "environment": "环境", "record": "笔录", "present": "已有", "difference": "差异",
    "differences": "差异", "entries": "记录", "after_freeze": "冻结后的记录", "at_freeze": "冻结时", "now": "现在",
    "a30_4_changes_explained": "第三十条第四项（增加、删除、修改已作说明）",
    "a31_1_seal_intact": "第三十一条第一项（封存状态完好）",
    "a31_2_digests": "第三十一条第二项（完整性校验值未变）", "a31_3_backup": "第三十一条第三项（备份与原件一致）",
    "a31_4_operation_log": "第三十一条第四项（操作日志）", "acquisition_logs": "收集、提取过程日志",
    "assistance_reference": "协助请求文号", "attached_info_extracted": "附属信息已一并提取", "backup": "备份",
    "basis": "比对依据", "compared": "已比对", "comparisons": "比对结果", "computed": "计算值",
    "confirmed_by": "确认人", "entry": "日志条目", "evidence": "证据", "explanation": "说明", "files": "文件",
    "id": "编号", "item": "证据项", "kind": "种类", "line": "行", "log": "日志", "material": "检材",
    "md5": "MD5", "sha1": "SHA-1", "sha256": "SHA-256", "sm3": "SM3", "not_computed": "未计算",
    "original": "原件", "reason": "原因", "recorded": "记录值", "refusal": "拒绝签名的情况", "source": "来源",
    "time": "时间", "time_column": "时间列", "unreadable_lines": "无法读取的行"}
# the one vocabulary (resources/labels.json, domain "field") supplies every key not written above
FACT_LABELS.update({key: entry["zh"] for key, entry in all_labels().get("field", {}).items() if key not in FACT_LABELS})
VALUE_LABELS = {"collector": "取证人员", "witness": "见证人", "holder": "持有人（提供人）", "inspector": "检查人员",
                "appraiser": "鉴定人", "suspect": "犯罪嫌疑人", "victim": "被害人", "intact": "完好", "broken": "破损",
                "unknown": "不明", "subject_identity": "主体身份同一性", "objective_act": "客观行为",
                "subjective_intent": "主观故意", "circumstances": "情节和后果", **STATUS_ZH}

COL_ARTICLE, COL_TITLE, COL_STATUS, COL_DECISION = range(4)
HEADERS = ("条款", "标题", "自动结果", "审查")
RecordRole = Qt.ItemDataRole.UserRole + 1  # the clause record (dict)
NameRole = Qt.ItemDataRole.UserRole + 2  # the check's stable name
StatusRole = Qt.ItemDataRole.UserRole + 3
DecidedRole = Qt.ItemDataRole.UserRole + 4  # bool


def pane_of(article: str) -> str:
    """Which of the three panes a clause belongs to (its article number decides)."""
    article = str(article or "")
    if article.startswith("33") or article in RELEVANCE_ARTICLES:
        return "relevance"
    if article.split(".")[0] in ("30", "31") or article in AUTHENTICITY_ARTICLES:
        return "authenticity"
    return "legality"


def article_key(article: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in str(article or "0").split("."))


def clause_records(results: list[dict], decisions: dict, pane: str) -> list[dict]:
    """From check-result records and {check_name: decision record}: the pane's applicable clauses, in article order."""
    rows = []
    for record in results:
        if record.get("status") == "not_applicable" or pane_of(record.get("article")) != pane:
            continue
        words = wording(record["check_name"])
        rows.append({**record, "title": shown(words, "title") or record["check_name"],
                     "decision": decisions.get(record["check_name"])})
    return sorted(rows, key=lambda r: article_key(r.get("article")))


_ICONS: dict[str, QIcon] = {}


def status_icon(status: str) -> QIcon:
    """A filled circle in the status colour (made once per status)."""
    if status not in _ICONS:
        pixmap = QPixmap(14, 14)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(STATUS_COLORS.get(status, "#9e9e9e")))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(1, 1, 12, 12)
        painter.end()
        _ICONS[status] = QIcon(pixmap)
    return _ICONS[status]


def decision_text(decision: dict | None) -> str:
    if not decision:
        return "待决"
    text = DECISION_ZH.get(decision.get("decision"), decision.get("decision") or "")
    if decision.get("decision") == "answer" and decision.get("answer"):
        text += "：" + ANSWER_ZH.get(decision["answer"], decision["answer"])
    return "✓ " + text


class ClauseListModel(RecordTableModel):
    """Rows are clause records of clause_records(); set_decision() updates one row's decision column."""

    HEADERS = HEADERS
    KEY = "check_name"

    def set_records(self, records: list[dict]) -> None:
        self.set_rows(records)

    def set_decision(self, check_name: str, decision: dict | None) -> None:
        row = self.row_of(check_name)
        if row >= 0:
            self._rows[row]["decision"] = decision
            self.dataChanged.emit(self.index(row, 0), self.index(row, COL_DECISION))

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, column)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_STATUS:
            return status_icon(record["status"])
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_DECISION:
            return QColor("#2e7d32" if record.get("decision") else "#c62828")
        if role == Qt.ItemDataRole.ToolTipRole:
            return record.get("message") or None
        return {RecordRole: record, NameRole: record["check_name"], StatusRole: record["status"],
                DecidedRole: bool(record.get("decision"))}.get(role)

    def _display(self, record: dict, column: int) -> str:
        if column == COL_ARTICLE:
            return self.tr("第%1条").replace("%1", str(record.get("article") or ""))
        if column == COL_TITLE:
            return record["title"]
        if column == COL_STATUS:
            return self.tr(STATUS_ZH.get(record["status"], record["status"]))
        return self.tr(decision_text(record.get("decision")))

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
