"""The detail pane: Art. 27(7) metadata of one file, each time in the case zone, in UTC and with its source."""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from models.common.timeutil import format_local, format_utc

CONTEXT = "DetailPane"
TIME_ROWS = (("modified_ns", QT_TRANSLATE_NOOP("DetailPane", "修改时间")),
             ("created_ns", QT_TRANSLATE_NOOP("DetailPane", "创建时间")),
             ("accessed_ns", QT_TRANSLATE_NOOP("DetailPane", "访问时间")),
             ("changed_ns", QT_TRANSLATE_NOOP("DetailPane", "变更时间")))
SOURCES = {"filesystem": QT_TRANSLATE_NOOP("DetailPane", "文件系统"), "exif": QT_TRANSLATE_NOOP("DetailPane", "EXIF"),
           "filesystem_local": QT_TRANSLATE_NOOP("DetailPane", "文件系统，本地时间按案件时区读取"),
           "filesystem_offset_unread": QT_TRANSLATE_NOOP("DetailPane",
                                                         "文件系统，ISO 9660 时区偏移未读出，按 UTC 读取"),
           "manifest": QT_TRANSLATE_NOOP("DetailPane", "清单"), "container": QT_TRANSLATE_NOOP("DetailPane", "容器")}
KINDS = {"file": QT_TRANSLATE_NOOP("DetailPane", "文件"), "dir": QT_TRANSLATE_NOOP("DetailPane", "文件夹"),
         "link": QT_TRANSLATE_NOOP("DetailPane", "链接"), "other": QT_TRANSLATE_NOOP("DetailPane", "其他")}
FIELDS = ("path", "item", "listed", "kind", "size", "modified_ns", "created_ns", "accessed_ns", "changed_ns",
          "time_source", "link_target", "deleted", "error", "mime", "type_error", "address", "role", "stream_of")


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class DetailPane(QWidget):
    """show_file(path) fills the metadata; add_section(title, rows) adds more (EXIF, digests) below it."""

    file_shown = Signal(str)  # after show_file: other panes may add_section for this path now
    utc_toggled = Signal(bool)

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.bundle = self.store = None
        self.path: str | None = None
        self.record: dict | None = None
        self.sections: list[QGroupBox] = []
        self._images: dict = {}
        self.title = QLabel(self.tr("详情"))
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.utc_box = QCheckBox(self.tr("显示 UTC 原值"))
        self.utc_box.setChecked(True)
        self.utc_box.toggled.connect(self._utc_changed)
        self._body = QWidget()
        self._body_layout = QVBoxLayout(self._body)
        self._body_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = self._scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._body)
        scroll.viewport().installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.utc_box)
        layout.addWidget(scroll, 1)
        self.placeholder = QLabel(self.tr("在文件列表中选择一个文件，这里显示它的元数据。"))
        self.placeholder.setWordWrap(True)
        self._body_layout.addWidget(self.placeholder)

    def set_case(self, bundle, store) -> None:
        self.bundle, self.store = bundle, store
        self._images = {}  # a bundle image's description, read once per case (ui.detail.image_details)
        self.clear()

    def clear(self) -> None:
        for box in self.sections:
            box.hide()
            box.deleteLater()
        self.sections = []
        self.path = self.record = self._shown_images = None
        self.title.setText(self.tr("详情"))
        self.placeholder.show()

    def show_file(self, path: str) -> None:
        """Show the record of one bundle-relative path (from the store)."""
        self.clear()
        self.path = path
        self.record = self._load(path)
        self.title.setText(path.rsplit("/", 1)[-1])
        self.placeholder.hide()
        if self.record is None:
            self.add_section(self.tr("文件"), [(self.tr("路径"), path),
                                              (self.tr("状态"), self.tr("审查库中没有此文件"))])
        else:
            self.add_section(self.tr("基本信息"), self._basic_rows(self.record))
            self.add_section(self.tr("时间（%1）").replace("%1", self._zone()), self._time_rows(self.record))
            self._image_sections(self.record)
        self.file_shown.emit(path)

    def _image_sections(self, rec: dict) -> None:
        """A file inside a disk image (opened on its own or an entry of the bundle): where it sits in the image,
        then the image's header fields."""
        from ui.detail.image_details import image_info, image_name, image_sections
        from ui.detail.image_section import file_rows

        name = image_name(self.bundle, rec["path"])
        if name is None:
            return
        info = image_info(self.bundle, self.store, name, self._images)
        self.add_section(self.tr("在镜像中的位置"), file_rows(info, rec, name))
        for title, rows in image_sections(self.bundle, self.store, name, self._images):
            self.add_section(title, rows)

    def show_images(self, names, title: str | None = None) -> None:
        """The details of disk images themselves (an image node, or an item holding images): header fields,
        code page, and where each header differs from the item's record."""
        from ui.detail.image_details import image_sections

        self.clear()
        self._shown_images = (list(names), title)
        self.title.setText(title or (names[0].rsplit("/", 1)[-1] if names else self.tr("详情")))
        self.placeholder.hide()
        for name in names:
            for section, rows in image_sections(self.bundle, self.store, name, self._images):
                self.add_section(section, rows)

    def refresh(self) -> None:
        """What is shown, read again: after the case's E01 header code page changed (ui.window.codepage_menu)."""
        self._images = {}
        if self.path is not None:
            self.show_file(self.path)
        elif self._shown_images is not None:
            self.show_images(*self._shown_images)

    def add_section(self, title: str, rows) -> QGroupBox:
        """A titled group of (label, value) rows below the metadata; cleared by the next show_file."""
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for label, value in rows:
            text = QLabel("" if value is None else str(value))
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(QLabel(str(label)), text)
        self._body_layout.addWidget(box)
        self.sections.append(box)
        self._fit()
        return box

    def _fit(self) -> None:
        """The body as tall as its wrapped rows need at the viewport's width: QScrollArea asks a widget its
        minimum size, not its height for a width, and would squeeze the rows of a short pane over each other."""
        width = self._scroll.viewport().width()
        layout = self._body_layout
        margins = layout.contentsMargins()
        for box in self.sections:  # the box layout hands a section its sizeHint height, too short once rows wrap
            if box.hasHeightForWidth():
                box.setMinimumHeight(box.heightForWidth(width - margins.left() - margins.right()))
        self._body.setMinimumHeight(layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else 0)

    def eventFilter(self, watched, event) -> bool:
        if watched is self._scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._fit()
        return super().eventFilter(watched, event)

    def section_texts(self) -> list[str]:
        """Every label and value shown, in order (for tests and copying)."""
        texts = []
        for box in self.sections:
            texts.append(box.title())
            texts += [w.text() for w in box.findChildren(QLabel)]
        return texts

    # --- the rows ----------------------------------------------------------------------------------
    def _load(self, path: str) -> dict | None:
        if self.store is None:
            return None
        row = self.store.db.execute(f"SELECT {', '.join(FIELDS)} FROM files WHERE path = ?", [path]).fetchone()
        return dict(zip(FIELDS, row)) if row else None

    def _zone(self) -> str:
        return self.bundle.timezone if self.bundle is not None else "Asia/Shanghai"

    def _basic_rows(self, rec: dict) -> list:
        kind = _t(KINDS.get(rec["kind"], rec["kind"]))
        rows = [(self.tr("名称"), rec["path"].rsplit("/", 1)[-1]), (self.tr("路径"), rec["path"]),
                (self.tr("种类"), kind + (f"（{rec['mime']}）" if rec["mime"] else ""))]
        if rec["size"] is not None:
            rows.append((self.tr("大小"), self.tr("%1 字节").replace("%1", f"{rec['size']:,}")))
        if rec["kind"] == "link":
            rows.append((self.tr("链接目标"), (rec["link_target"] or "") + self.tr("（未跟随）")))
        rows += [(self.tr("证据项"), self._item_text(rec["item"])), (self.tr("清单"), self._listed_text(rec))]
        if rec["deleted"]:
            rows.append((self.tr("状态"), self.tr("已删除（从镜像恢复）")))
        for key, label in (("error", self.tr("读取错误")), ("type_error", self.tr("类型识别错误"))):
            if rec[key]:
                rows.append((label, rec[key]))
        return rows

    def _time_rows(self, rec: dict) -> list:
        source = _t(SOURCES.get(rec["time_source"] or "filesystem", rec["time_source"] or ""))
        rows = []
        for key, label in TIME_ROWS:
            value = rec[key]
            if value is None:
                rows.append((_t(label), self.tr("无（来源不提供）")))
                continue
            text = f"{format_local(value, self._zone(), seconds_fraction=True)}（{source}）"
            if self.utc_box.isChecked():
                text += f"\nUTC {format_utc(value)}"
            rows.append((_t(label), text))
        return rows

    def _item_text(self, item_id) -> str:
        if not item_id:
            return self.tr("不属于任何证据项")
        item = self.bundle.item(item_id) if self.bundle is not None else None
        return f"{item_id} {item.get('title', '')}" if item else str(item_id)

    def _listed_text(self, rec: dict) -> str:
        if rec["listed"]:
            return self.tr("清单所列")
        if rec["path"].startswith("evidence/"):
            return self.tr("清单外新增（第三十条第（四）项）")
        return self.tr("清单未列")

    def _utc_changed(self, checked: bool) -> None:
        self.utc_toggled.emit(checked)
        if self.path is not None:
            self.show_file(self.path)
