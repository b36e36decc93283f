# Generated from ui/quota_dialog.ui by scripts/compile_ui.py: do not edit. Edit the .ui file and rerun the script.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'quota_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QDialog, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QSpinBox, QVBoxLayout, QWidget)

from gxjn_desktop.gui.list_views import RecordTableView

class Ui_QuotaDialog(object):
    def setupUi(self, QuotaDialog):
        if not QuotaDialog.objectName():
            QuotaDialog.setObjectName(u"QuotaDialog")
        self.layout = QVBoxLayout(QuotaDialog)
        self.layout.setObjectName(u"layout")
        self.year_bar = QHBoxLayout()
        self.year_bar.setObjectName(u"year_bar")
        self.year_label = QLabel(QuotaDialog)
        self.year_label.setObjectName(u"year_label")

        self.year_bar.addWidget(self.year_label)

        self.year_box = QSpinBox(QuotaDialog)
        self.year_box.setObjectName(u"year_box")
        self.year_box.setMinimum(2000)
        self.year_box.setMaximum(2100)

        self.year_bar.addWidget(self.year_box)

        self.count_label = QLabel(QuotaDialog)
        self.count_label.setObjectName(u"count_label")

        self.year_bar.addWidget(self.count_label)

        self.year_bar_stretch = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.year_bar.addItem(self.year_bar_stretch)


        self.layout.addLayout(self.year_bar)

        self.view = RecordTableView(QuotaDialog)
        self.view.setObjectName(u"view")

        self.layout.addWidget(self.view)

        self.empty_label = QLabel(QuotaDialog)
        self.empty_label.setObjectName(u"empty_label")
        self.empty_label.setStyleSheet(u"color: #666;")
        self.empty_label.setWordWrap(True)

        self.layout.addWidget(self.empty_label)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.add_button = QPushButton(QuotaDialog)
        self.add_button.setObjectName(u"add_button")
        self.add_button.setAutoDefault(False)

        self.buttons.addWidget(self.add_button)

        self.edit_button = QPushButton(QuotaDialog)
        self.edit_button.setObjectName(u"edit_button")
        self.edit_button.setAutoDefault(False)

        self.buttons.addWidget(self.edit_button)

        self.delete_button = QPushButton(QuotaDialog)
        self.delete_button.setObjectName(u"delete_button")
        self.delete_button.setAutoDefault(False)

        self.buttons.addWidget(self.delete_button)

        self.import_button = QPushButton(QuotaDialog)
        self.import_button.setObjectName(u"import_button")
        self.import_button.setAutoDefault(False)

        self.buttons.addWidget(self.import_button)

        self.buttons_stretch = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons.addItem(self.buttons_stretch)

        self.close_button = QPushButton(QuotaDialog)
        self.close_button.setObjectName(u"close_button")
        self.close_button.setAutoDefault(False)

        self.buttons.addWidget(self.close_button)


        self.layout.addLayout(self.buttons)

        self.status = QLabel(QuotaDialog)
        self.status.setObjectName(u"status")
        self.status.setStyleSheet(u"color: #2e7d32;")
        self.status.setWordWrap(True)

        self.layout.addWidget(self.status)

        self.layout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.year_label.setBuddy(self.year_box)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.year_box, self.view)
        QWidget.setTabOrder(self.view, self.add_button)
        QWidget.setTabOrder(self.add_button, self.edit_button)
        QWidget.setTabOrder(self.edit_button, self.delete_button)
        QWidget.setTabOrder(self.delete_button, self.import_button)
        QWidget.setTabOrder(self.import_button, self.close_button)

        self.retranslateUi(QuotaDialog)
    # setupUi

    def retranslateUi(self, QuotaDialog):
        QuotaDialog.setWindowTitle(QCoreApplication.translate("QuotaDialog", u"\u80fd\u8017\u5b9a\u989d", None))
        self.year_label.setText(QCoreApplication.translate("QuotaDialog", u"\u5e74\u5ea6(&Y)", None))
        self.year_box.setSuffix(QCoreApplication.translate("QuotaDialog", u" \u5e74", None))
#if QT_CONFIG(tooltip)
        self.add_button.setToolTip(QCoreApplication.translate("QuotaDialog", u"\u65b0\u589e\u4e00\u6761\u5b9a\u989d\uff08Ctrl+N\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.add_button.setText(QCoreApplication.translate("QuotaDialog", u"\u65b0\u589e(&N)\u2026", None))
#if QT_CONFIG(tooltip)
        self.edit_button.setToolTip(QCoreApplication.translate("QuotaDialog", u"\u4fee\u6539\u9009\u4e2d\u7684\u5b9a\u989d\uff08Enter\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.edit_button.setText(QCoreApplication.translate("QuotaDialog", u"\u4fee\u6539(&E)\u2026", None))
#if QT_CONFIG(tooltip)
        self.delete_button.setToolTip(QCoreApplication.translate("QuotaDialog", u"\u5220\u9664\u9009\u4e2d\u7684\u5b9a\u989d\uff08Delete\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.delete_button.setText(QCoreApplication.translate("QuotaDialog", u"\u5220\u9664(&D)", None))
#if QT_CONFIG(tooltip)
        self.import_button.setToolTip(QCoreApplication.translate("QuotaDialog", u"\u5bfc\u5165\u673a\u5173\u4e8b\u52a1\u7ba1\u7406\u5c40\u4e0b\u53d1\u7684\u5b9a\u989d\u5de5\u4f5c\u7c3f\uff08Ctrl+O\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.import_button.setText(QCoreApplication.translate("QuotaDialog", u"\u5bfc\u5165\u5b9a\u989d\u6587\u4ef6(&I)\u2026", None))
#if QT_CONFIG(tooltip)
        self.close_button.setToolTip(QCoreApplication.translate("QuotaDialog", u"\u5173\u95ed\uff08Esc\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.close_button.setText(QCoreApplication.translate("QuotaDialog", u"\u5173\u95ed", None))
    # retranslateUi

