# Generated from ui/paste_preview.ui by scripts/compile_ui.py: do not edit. Edit the .ui file and rerun the script.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'paste_preview.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QHeaderView, QLabel, QSizePolicy,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_PastePreviewDialog(object):
    def setupUi(self, PastePreviewDialog):
        if not PastePreviewDialog.objectName():
            PastePreviewDialog.setObjectName(u"PastePreviewDialog")
        PastePreviewDialog.resize(640, 420)
        self.layout = QVBoxLayout(PastePreviewDialog)
        self.layout.setObjectName(u"layout")
        self.summary = QLabel(PastePreviewDialog)
        self.summary.setObjectName(u"summary")

        self.layout.addWidget(self.summary)

        self.table = QTableWidget(PastePreviewDialog)
        if (self.table.columnCount() < 4):
            self.table.setColumnCount(4)
        __qtablewidgetitem = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)

        self.layout.addWidget(self.table)

        self.skipped = QLabel(PastePreviewDialog)
        self.skipped.setObjectName(u"skipped")
        self.skipped.setWordWrap(True)

        self.layout.addWidget(self.skipped)

        self.buttons = QDialogButtonBox(PastePreviewDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)


        self.retranslateUi(PastePreviewDialog)
    # setupUi

    def retranslateUi(self, PastePreviewDialog):
        PastePreviewDialog.setWindowTitle(QCoreApplication.translate("PastePreviewDialog", u"\u7c98\u8d34\u9884\u89c8", None))
        self.summary.setText(QCoreApplication.translate("PastePreviewDialog", u"\u5c06\u4fee\u6539\u4ee5\u4e0b\u5355\u5143\u683c\uff0c\u786e\u8ba4\u540e\u4e00\u6b21\u4fdd\u5b58\uff08\u53ef\u7528 Ctrl+Z \u6574\u4f53\u64a4\u9500\uff09\uff1a", None))
        ___qtablewidgetitem = self.table.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("PastePreviewDialog", u"\u9879\u76ee", None))
        ___qtablewidgetitem1 = self.table.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("PastePreviewDialog", u"\u5217", None))
        ___qtablewidgetitem2 = self.table.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("PastePreviewDialog", u"\u539f\u503c", None))
        ___qtablewidgetitem3 = self.table.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("PastePreviewDialog", u"\u65b0\u503c", None))
    # retranslateUi

