# Generated from ui/ewaste_dialog.ui by scripts/compile_ui.py: do not edit. Edit the .ui file and rerun the script.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'ewaste_dialog.ui'
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

class Ui_EwasteDialog(object):
    def setupUi(self, EwasteDialog):
        if not EwasteDialog.objectName():
            EwasteDialog.setObjectName(u"EwasteDialog")
        self.layout = QVBoxLayout(EwasteDialog)
        self.layout.setObjectName(u"layout")
        self.year_bar = QHBoxLayout()
        self.year_bar.setObjectName(u"year_bar")
        self.year_label = QLabel(EwasteDialog)
        self.year_label.setObjectName(u"year_label")

        self.year_bar.addWidget(self.year_label)

        self.year_box = QSpinBox(EwasteDialog)
        self.year_box.setObjectName(u"year_box")
        self.year_box.setMinimum(2000)
        self.year_box.setMaximum(2100)

        self.year_bar.addWidget(self.year_box)

        self.count_label = QLabel(EwasteDialog)
        self.count_label.setObjectName(u"count_label")

        self.year_bar.addWidget(self.count_label)

        self.year_bar_stretch = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.year_bar.addItem(self.year_bar_stretch)


        self.layout.addLayout(self.year_bar)

        self.view = RecordTableView(EwasteDialog)
        self.view.setObjectName(u"view")

        self.layout.addWidget(self.view)

        self.total_label = QLabel(EwasteDialog)
        self.total_label.setObjectName(u"total_label")
        font = QFont()
        font.setBold(True)
        self.total_label.setFont(font)

        self.layout.addWidget(self.total_label)

        self.empty_label = QLabel(EwasteDialog)
        self.empty_label.setObjectName(u"empty_label")
        self.empty_label.setStyleSheet(u"color: #666;")
        self.empty_label.setWordWrap(True)

        self.layout.addWidget(self.empty_label)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.add_button = QPushButton(EwasteDialog)
        self.add_button.setObjectName(u"add_button")
        self.add_button.setAutoDefault(False)

        self.buttons.addWidget(self.add_button)

        self.delete_button = QPushButton(EwasteDialog)
        self.delete_button.setObjectName(u"delete_button")
        self.delete_button.setAutoDefault(False)

        self.buttons.addWidget(self.delete_button)

        self.buttons_stretch = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons.addItem(self.buttons_stretch)

        self.close_button = QPushButton(EwasteDialog)
        self.close_button.setObjectName(u"close_button")
        self.close_button.setAutoDefault(False)

        self.buttons.addWidget(self.close_button)


        self.layout.addLayout(self.buttons)

        self.status = QLabel(EwasteDialog)
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
        QWidget.setTabOrder(self.add_button, self.delete_button)
        QWidget.setTabOrder(self.delete_button, self.close_button)

        self.retranslateUi(EwasteDialog)
    # setupUi

    def retranslateUi(self, EwasteDialog):
        EwasteDialog.setWindowTitle(QCoreApplication.translate("EwasteDialog", u"\u5e9f\u65e7\u7535\u5b50\u4ea7\u54c1\u89c4\u8303\u5904\u7f6e", None))
        self.year_label.setText(QCoreApplication.translate("EwasteDialog", u"\u5e74\u5ea6(&Y)", None))
        self.year_box.setSuffix(QCoreApplication.translate("EwasteDialog", u" \u5e74", None))
#if QT_CONFIG(tooltip)
        self.add_button.setToolTip(QCoreApplication.translate("EwasteDialog", u"\u65b0\u589e\u4e00\u6b21\u5904\u7f6e\uff08Ctrl+N\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.add_button.setText(QCoreApplication.translate("EwasteDialog", u"\u65b0\u589e(&N)\u2026", None))
#if QT_CONFIG(tooltip)
        self.delete_button.setToolTip(QCoreApplication.translate("EwasteDialog", u"\u5220\u9664\u9009\u4e2d\u7684\u5904\u7f6e\u8bb0\u5f55\uff08Delete\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.delete_button.setText(QCoreApplication.translate("EwasteDialog", u"\u5220\u9664(&D)", None))
#if QT_CONFIG(tooltip)
        self.close_button.setToolTip(QCoreApplication.translate("EwasteDialog", u"\u5173\u95ed\uff08Esc\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.close_button.setText(QCoreApplication.translate("EwasteDialog", u"\u5173\u95ed", None))
    # retranslateUi

