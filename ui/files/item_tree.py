"""The left pane: the items of the case (with counts) and the bundle's folder tree, both filtering the file table."""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QSplitter, QTreeView, QVBoxLayout, QWidget

FilterRole = Qt.ItemDataRole.UserRole + 1  # dict of FileTableModel.set_filter keywords
LoadedRole = Qt.ItemDataRole.UserRole + 2  # folder children listed already
ImagesRole = Qt.ItemDataRole.UserRole + 3  # the disk images a node stands for (their details shown when picked)
KINDS = {"seized_media": QT_TRANSLATE_NOOP("ItemTree", "扣押介质"),
         "media_image": QT_TRANSLATE_NOOP("ItemTree", "介质镜像"),
         "onsite_extraction": QT_TRANSLATE_NOOP("ItemTree", "现场提取"),
         "online_extraction": QT_TRANSLATE_NOOP("ItemTree", "在线提取"),
         "frozen": QT_TRANSLATE_NOOP("ItemTree", "冻结"),
         "obtained": QT_TRANSLATE_NOOP("ItemTree", "调取"), "inspection": QT_TRANSLATE_NOOP("ItemTree", "检查"),
         "appraisal": QT_TRANSLATE_NOOP("ItemTree", "鉴定")}
MAX_CHILDREN = 5000  # a folder with more direct entries shows the first ones and a note


def child_folders(conn, prefix: str, limit: int = MAX_CHILDREN) -> tuple[list[str], bool]:
    """Names of the folders directly under prefix ('' = root), by index seeks over the path column."""
    base = prefix + "/" if prefix else ""
    names, cursor, steps = [], base, 0
    upper = prefix + "0" if prefix else None
    while steps < limit:
        sql = "SELECT path FROM files WHERE path > ?" + (" AND path < ?" if upper else "") + " ORDER BY path LIMIT 1"
        row = conn.execute(sql, [cursor, upper] if upper else [cursor]).fetchone()
        if row is None:
            return names, False
        rest = row[0][len(base):]
        steps += 1
        if "/" in rest:
            name = rest.split("/", 1)[0]
            names.append(name)
            cursor = base + name + "0"  # skip everything inside this folder in one seek
        else:
            cursor = row[0]
    return names, True


class ItemTree(QWidget):
    """Emits filter_changed({...}) with FileTableModel.set_filter keywords when the user picks a node."""

    filter_changed = Signal(object)
    images_picked = Signal(object, str)  # image names, the title: an image node or an item holding images
    counted = Signal()  # the items' file counts are shown

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.store = None
        self._count_token = None
        self._item_nodes: list[tuple[QStandardItem, dict]] = []
        self.items_model = QStandardItemModel(self)
        self.folders_model = QStandardItemModel(self)
        self.items_view = self._view(self.items_model)
        self.folders_view = self._view(self.folders_model)
        self.folders_view.expanded.connect(self._expand)
        splitter = QSplitter(Qt.Orientation.Vertical)
        for title, view in ((self.tr("证据项"), self.items_view), (self.tr("文件夹树"), self.folders_view)):
            box = QWidget()
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            heading = QLabel(title)
            heading.setStyleSheet("font-weight: bold; padding: 2px;")
            inner.addWidget(heading)
            inner.addWidget(view)
            splitter.addWidget(box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _view(self, model) -> QTreeView:
        view = QTreeView()
        view.setModel(model)
        view.setHeaderHidden(True)
        view.setUniformRowHeights(True)
        view.clicked.connect(self._picked)
        view.activated.connect(self._picked)
        return view

    def set_case(self, bundle, store) -> None:
        """The items at once, their file counts when a worker has counted them (a GROUP BY over every file:
        12 ms on the GUI thread at 100k files as a case opened, ~0.1 s at a million)."""
        self.store = store
        self._count_token = None
        self._item_nodes = []
        for model in (self.items_model, self.folders_model):  # clear() beside an expanded view: 7 s at 3,000 items
            model.removeRows(0, model.rowCount())
        if bundle is None or store is None:
            return
        self.items_model.appendRow(self._node(self.tr("全部文件"), {}))
        image = self._image_info(bundle, store)
        for item in bundle.items:
            node = self._node(self._item_text(item, None), {"item": item.get("id")})
            if image is not None:  # an image opened on its own: its partitions under its one item
                node.appendRow(self._image_node(bundle, image, lazy=False))
                node.setData([bundle.image.path.name], ImagesRole)
            images = []
            for entry in item.get("content", []) if image is None else ():
                child = self._node(entry.get("path", ""), {"prefix": entry.get("path", "")}
                                   if entry.get("type") == "directory" else {"text": entry.get("path", "")})
                if entry.get("type") == "disk_image":
                    child.setData([entry.get("path", "")], ImagesRole)
                    images.append(entry.get("path", ""))
                    self._add_partitions(child, entry.get("path", ""), self._entry_image(store, entry), lazy=False)
                node.appendRow(child)
            if images:
                node.setData(images, ImagesRole)
            self.items_model.appendRow(node)
            self._item_nodes.append((node, item))
        self.items_view.expandToDepth(1 if image is not None else 0)
        if image is not None:
            root = self._image_node(bundle, image, lazy=True)
            self.folders_model.appendRow(root)
        else:
            root = self._node(bundle.root.name or str(bundle.root), {})
            self.folders_model.appendRow(root)
            self._fill(root, "")
        self.folders_view.expand(root.index())
        self._count(store)

    @staticmethod
    def _image_info(bundle, store) -> dict | None:
        """The scan's description of an image bundle ({} before its first scan); None for a folder bundle."""
        if getattr(bundle, "image", None) is None:
            return None
        from models.image.scan import image_info

        return image_info(store) or {}

    def _image_node(self, bundle, info: dict, lazy: bool) -> QStandardItem:
        """The image with one node per partition (its file system and size; the reason where TSK reads none);
        lazy: each partition's folders listed when it is expanded (the folder tree)."""
        from ui.detail.image_section import image_title

        name = bundle.image.path.name
        node = self._node(image_title(info, name), {"prefix": name + ":"})
        node.setData(True, LoadedRole)
        node.setData([name], ImagesRole)
        self._add_partitions(node, name, info, lazy)
        return node

    @staticmethod
    def _entry_image(store, entry: dict) -> dict:
        """The scan's description of a bundle's disk_image entry ({} before its scan or when it was unreadable)."""
        from models.image.bundle_images import bundle_image_info

        return (bundle_image_info(store, entry.get("path", "")) or {}).get("image") or {}

    def _add_partitions(self, node: QStandardItem, name: str, info: dict, lazy: bool) -> None:
        """One child per partition of the image `name` (its file system and size; the reason where TSK reads
        none), each filtering the files to its own; lazy: its folders listed when expanded (the folder tree)."""
        from ui.detail.image_section import partition_text, partition_tip

        for part in info.get("partitions", []):
            child = self._node(partition_text(part), {"prefix": f"{name}:/{part['name']}"})
            child.setToolTip(partition_tip(part))
            if lazy and part.get("file_system"):
                child.appendRow(QStandardItem())  # placeholder: an expand arrow until listed
            else:
                child.setData(True, LoadedRole)
            node.appendRow(child)

    def _count(self, store) -> None:
        path, token = store.path, object()
        self._count_token = token

        def job(_progress, _cancel):
            from models.store.store import open_store_file

            own = open_store_file(path)
            try:
                return dict(own.db.execute("SELECT COALESCE(item, ''), COUNT(*) FROM files GROUP BY item").fetchall())
            finally:
                own.close()
        self.context.runner.run(job, label="", on_done=lambda counts: self._show_counts(token, counts))

    def _show_counts(self, token, counts: dict) -> None:
        if token is not self._count_token:
            return  # another case, or the same one again, is being counted
        first = self.items_model.item(0)
        first.setText(self.tr("全部文件（%1）").replace("%1", f"{sum(counts.values()):,}"))
        first.setToolTip(first.text())
        for node, item in self._item_nodes:
            node.setText(self._item_text(item, counts.get(item.get("id"), 0)))
            node.setToolTip(node.text())
        if counts.get(""):
            self.items_model.appendRow(self._node(self.tr("不属于任何证据项（%1）").replace("%1", f"{counts['']:,}"),
                                                  {"unlisted": True}))
        self.counted.emit()

    @staticmethod
    def _item_text(item: dict, count: int | None) -> str:
        """'E1 涉案U盘（扣押介质，9）'; without the count until it is known."""
        kind = QCoreApplication.translate("ItemTree", KINDS.get(item.get("kind"), item.get("kind", "")))
        counted = f"，{count:,}" if count is not None else ""
        return f"{item.get('id')} {item.get('title', '')}（{kind}{counted}）"

    @staticmethod
    def _node(text: str, keywords: dict) -> QStandardItem:
        node = QStandardItem(text)
        node.setEditable(False)
        node.setToolTip(text)
        node.setData(keywords, FilterRole)
        return node

    def _fill(self, node: QStandardItem, prefix: str) -> None:
        node.setData(True, LoadedRole)
        node.removeRows(0, node.rowCount())
        names, more = child_folders(self.store.db.conn, prefix)
        for name in names:
            child = self._node(name, {"prefix": f"{prefix}/{name}" if prefix else name})
            child.appendRow(QStandardItem())  # placeholder: an expand arrow until listed
            node.appendRow(child)
        if more:
            node.appendRow(self._node(self.tr("（文件过多，仅列出部分文件夹）"), {"prefix": prefix} if prefix else {}))

    def _expand(self, index) -> None:
        node = self.folders_model.itemFromIndex(index)
        if node is not None and not node.data(LoadedRole) and self.store is not None:
            self._fill(node, node.data(FilterRole).get("prefix", ""))

    def _picked(self, index) -> None:
        keywords = index.data(FilterRole)
        if keywords is not None:
            self.filter_changed.emit(dict(keywords))
        if index.data(ImagesRole):
            item = "item" in (keywords or {})  # an item holding images is titled as the item, an image by its name
            title = index.data(Qt.ItemDataRole.DisplayRole) if item else ""
            self.images_picked.emit(list(index.data(ImagesRole)), title)
