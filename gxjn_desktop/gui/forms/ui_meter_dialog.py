# Generated from ui/meter_dialog.ui by scripts/compile_ui.py: do not edit. Edit the .ui file and rerun the script.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'meter_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_MeterDialog(object):
    def setupUi(self, MeterDialog):
        if not MeterDialog.objectName():
            MeterDialog.setObjectName(u"MeterDialog")
        MeterDialog.setMinimumSize(QSize(460, 0))
        self.layout = QVBoxLayout(MeterDialog)
        self.layout.setObjectName(u"layout")
        self.buttons = QDialogButtonBox(MeterDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)


        self.retranslateUi(MeterDialog)
    # setupUi

    def retranslateUi(self, MeterDialog):
        MeterDialog.setWindowTitle(QCoreApplication.translate("MeterDialog", u"\u65b0\u589e\u8ba1\u91cf\u5668\u5177", None))
    # retranslateUi

