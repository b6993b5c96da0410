"""工具 > 设置: the interface language, the reviewer's profile (name, title, unit) and the freeze-warning days."""

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox

LANG_KEY = "ui/language"
REVIEWER_KEY, TITLE_KEY, UNIT_KEY = "review/reviewer", "review/reviewer_title", "review/reviewer_unit"
FREEZE_DAYS_KEY = "review/freeze_warning_days"
FREEZE_DAYS_DEFAULT = 15  # checks.base.DEFAULT_SETTINGS


def freeze_warning_days(settings) -> int:
    if settings is None:
        return FREEZE_DAYS_DEFAULT
    try:
        return max(0, int(settings.value(FREEZE_DAYS_KEY, FREEZE_DAYS_DEFAULT)))
    except (TypeError, ValueError):
        return FREEZE_DAYS_DEFAULT


class SettingsDialog(QDialog):
    """Reads and writes the context's QSettings; accept() saves, and the reviewer's name takes effect at once."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        settings = context.settings
        self.setWindowTitle(self.tr("设置"))
        self.language = QComboBox()
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(str(settings.value(LANG_KEY, "zh_CN")))))
        self.name = QLineEdit(str(settings.value(REVIEWER_KEY, "") or context.reviewer or ""))
        self.title = QLineEdit(str(settings.value(TITLE_KEY, "") or ""))
        self.unit = QLineEdit(str(settings.value(UNIT_KEY, "") or ""))
        self.days = QSpinBox()
        self.days.setRange(0, 365)
        self.days.setSuffix(self.tr(" 天"))
        self.days.setValue(freeze_warning_days(settings))
        form = QFormLayout(self)
        form.addRow(self.tr("界面语言"), self.language)
        form.addRow(QLabel(self.tr("（重新启动后生效）")))
        form.addRow(self.tr("审查人姓名"), self.name)
        form.addRow(self.tr("职务"), self.title)
        form.addRow(self.tr("单位"), self.unit)
        form.addRow(self.tr("冻结期满提前提醒"), self.days)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        settings = self.context.settings
        settings.setValue(LANG_KEY, self.language.currentData())
        for key, edit in ((REVIEWER_KEY, self.name), (TITLE_KEY, self.title), (UNIT_KEY, self.unit)):
            settings.setValue(key, edit.text().strip())
        settings.setValue(FREEZE_DAYS_KEY, self.days.value())
        settings.sync()
        if self.name.text().strip():
            self.context.reviewer = self.name.text().strip()
        super().accept()
