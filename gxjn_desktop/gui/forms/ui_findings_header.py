# Generated from ui/findings_header.ui by scripts/compile_ui.py: do not edit. Edit the .ui file and rerun the script.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'findings_header.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QHBoxLayout, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_FindingsHeader(object):
    def setupUi(self, FindingsHeader):
        if not FindingsHeader.objectName():
            FindingsHeader.setObjectName(u"FindingsHeader")
        self.layout = QVBoxLayout(FindingsHeader)
        self.layout.setObjectName(u"layout")
        self.layout.setContentsMargins(0, 0, 0, 0)
        self.bar = QHBoxLayout()
        self.bar.setObjectName(u"bar")
        self.period_label = QLabel(FindingsHeader)
        self.period_label.setObjectName(u"period_label")

        self.bar.addWidget(self.period_label)

        self.year_box = QComboBox(FindingsHeader)
        self.year_box.setObjectName(u"year_box")

        self.bar.addWidget(self.year_box)

        self.period_box = QComboBox(FindingsHeader)
        self.period_box.setObjectName(u"period_box")
        self.period_box.setMaxVisibleItems(16)

        self.bar.addWidget(self.period_box)

        self.refresh_button = QPushButton(FindingsHeader)
        self.refresh_button.setObjectName(u"refresh_button")

        self.bar.addWidget(self.refresh_button)

        self.bar_gap = QSpacerItem(16, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.bar.addItem(self.bar_gap)

        self.filter_label = QLabel(FindingsHeader)
        self.filter_label.setObjectName(u"filter_label")

        self.bar.addWidget(self.filter_label)

        self.severity_box = QComboBox(FindingsHeader)
        self.severity_box.setObjectName(u"severity_box")
        self.severity_box.setSizeAdjustPolicy(QComboBox.AdjustToContents)

        self.bar.addWidget(self.severity_box)

        self.month_box = QComboBox(FindingsHeader)
        self.month_box.setObjectName(u"month_box")
        self.month_box.setSizeAdjustPolicy(QComboBox.AdjustToContents)

        self.bar.addWidget(self.month_box)

        self.place_box = QComboBox(FindingsHeader)
        self.place_box.setObjectName(u"place_box")
        self.place_box.setMaximumSize(QSize(320, 16777215))
        self.place_box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.place_box.setMinimumContentsLength(10)

        self.bar.addWidget(self.place_box)

        self.bar_end = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.bar.addItem(self.bar_end)


        self.layout.addLayout(self.bar)

        self.summary = QHBoxLayout()
        self.summary.setObjectName(u"summary")
        self.counts_label = QLabel(FindingsHeader)
        self.counts_label.setObjectName(u"counts_label")

        self.summary.addWidget(self.counts_label)

        self.summary_gap = QSpacerItem(24, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.summary.addItem(self.summary_gap)

        self.gate_label = QLabel(FindingsHeader)
        self.gate_label.setObjectName(u"gate_label")
        self.gate_label.setWordWrap(True)

        self.summary.addWidget(self.gate_label)

        self.shown_label = QLabel(FindingsHeader)
        self.shown_label.setObjectName(u"shown_label")
        self.shown_label.setStyleSheet(u"color: #666;")

        self.summary.addWidget(self.shown_label)

        self.summary.setStretch(2, 1)

        self.layout.addLayout(self.summary)

#if QT_CONFIG(shortcut)
        self.period_label.setBuddy(self.year_box)
        self.filter_label.setBuddy(self.severity_box)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(FindingsHeader)
    # setupUi

    def retranslateUi(self, FindingsHeader):
        self.period_label.setText(QCoreApplication.translate("FindingsHeader", u"\u5ba1\u6838\u671f\u95f4(&P)\uff1a", None))
#if QT_CONFIG(tooltip)
        self.refresh_button.setToolTip(QCoreApplication.translate("FindingsHeader", u"\u6309\u5f53\u524d\u6570\u636e\u91cd\u65b0\u8fd0\u884c\u5ba1\u6838\u89c4\u5219\uff08F5\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.refresh_button.setText(QCoreApplication.translate("FindingsHeader", u"\u91cd\u65b0\u5ba1\u6838(&R)", None))
        self.filter_label.setText(QCoreApplication.translate("FindingsHeader", u"\u7b5b\u9009(&L)\uff1a", None))
        pass
    # retranslateUi

