# Generated from ui/unit_page.ui by scripts/compile_ui.py: do not edit. Edit the .ui file and rerun the script.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'unit_page.ui'
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
from PySide6.QtWidgets import (QApplication, QSizePolicy, QVBoxLayout, QWidget,
    QWizardPage)

class Ui_UnitPage(object):
    def setupUi(self, UnitPage):
        if not UnitPage.objectName():
            UnitPage.setObjectName(u"UnitPage")
        self.layout = QVBoxLayout(UnitPage)
        self.layout.setObjectName(u"layout")

        self.retranslateUi(UnitPage)
    # setupUi

    def retranslateUi(self, UnitPage):
        UnitPage.setTitle(QCoreApplication.translate("UnitPage", u"\u7b2c 1 \u6b65\uff1a\u5355\u4f4d\u4fe1\u606f", None))
        UnitPage.setSubTitle(QCoreApplication.translate("UnitPage", u"\u7edf\u4e00\u793e\u4f1a\u4fe1\u7528\u4ee3\u7801\u89c1\u5355\u4f4d\u7684\u6cd5\u4eba\u8bc1\u4e66\uff1b\u884c\u653f\u533a\u5212\u4ee3\u7801\u4e3a 6 \u4f4d\uff08\u5982 450103\uff09\u3002", None))
    # retranslateUi

