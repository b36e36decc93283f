# Generated from ui/quota_import_preview.ui by scripts/compile_ui.py: do not edit. Edit the .ui file and rerun the script.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'quota_import_preview.ui'
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

class Ui_QuotaImportPreview(object):
    def setupUi(self, QuotaImportPreview):
        if not QuotaImportPreview.objectName():
            QuotaImportPreview.setObjectName(u"QuotaImportPreview")
        self.layout = QVBoxLayout(QuotaImportPreview)
        self.layout.setObjectName(u"layout")
        self.head = QLabel(QuotaImportPreview)
        self.head.setObjectName(u"head")
        self.head.setWordWrap(True)

        self.layout.addWidget(self.head)

        self.skipped = QLabel(QuotaImportPreview)
        self.skipped.setObjectName(u"skipped")
        self.skipped.setStyleSheet(u"color: #555;")
        self.skipped.setWordWrap(True)

        self.layout.addWidget(self.skipped)

        self.table = QTableWidget(QuotaImportPreview)
        if (self.table.columnCount() < 7):
            self.table.setColumnCount(7)
        __qtablewidgetitem = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(5, __qtablewidgetitem5)
        __qtablewidgetitem6 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(6, __qtablewidgetitem6)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().setVisible(False)

        self.layout.addWidget(self.table)

        self.buttons = QDialogButtonBox(QuotaImportPreview)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

        self.layout.setStretch(2, 1)

        self.retranslateUi(QuotaImportPreview)
    # setupUi

    def retranslateUi(self, QuotaImportPreview):
        QuotaImportPreview.setWindowTitle(QCoreApplication.translate("QuotaImportPreview", u"\u5bfc\u5165\u5b9a\u989d\u6587\u4ef6\uff1a\u9884\u89c8", None))
        self.head.setText(QCoreApplication.translate("QuotaImportPreview", u"\u5c06\u4fdd\u5b58\u672c\u5355\u4f4d\u7684\u5b9a\u989d\uff0c\u786e\u8ba4\u540e\u4e00\u6b21\u4fdd\u5b58\u3002", None))
        ___qtablewidgetitem = self.table.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("QuotaImportPreview", u"\u5e74\u5ea6", None))
        ___qtablewidgetitem1 = self.table.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("QuotaImportPreview", u"\u6307\u6807", None))
        ___qtablewidgetitem2 = self.table.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("QuotaImportPreview", u"\u7ea7\u522b", None))
        ___qtablewidgetitem3 = self.table.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("QuotaImportPreview", u"\u6570\u503c", None))
        ___qtablewidgetitem4 = self.table.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("QuotaImportPreview", u"\u53e3\u5f84", None))
        ___qtablewidgetitem5 = self.table.horizontalHeaderItem(5)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("QuotaImportPreview", u"\u6587\u53f7", None))
        ___qtablewidgetitem6 = self.table.horizontalHeaderItem(6)
        ___qtablewidgetitem6.setText(QCoreApplication.translate("QuotaImportPreview", u"\u4e0e\u73b0\u6709\u5b9a\u989d\u76f8\u6bd4", None))
    # retranslateUi

