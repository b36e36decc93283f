# Generated from ui/meter_page.ui by scripts/compile_ui.py: do not edit. Edit the .ui file and rerun the script.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'meter_page.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QDateEdit, QFormLayout,
    QLabel, QLineEdit, QSizePolicy, QSpinBox,
    QWidget, QWizardPage)

class Ui_MeterPage(object):
    def setupUi(self, MeterPage):
        if not MeterPage.objectName():
            MeterPage.setObjectName(u"MeterPage")
        self.form = QFormLayout(MeterPage)
        self.form.setObjectName(u"form")
        self.carrier_label = QLabel(MeterPage)
        self.carrier_label.setObjectName(u"carrier_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.carrier_label)

        self.carrier = QComboBox(MeterPage)
        self.carrier.setObjectName(u"carrier")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.carrier)

        self.code_label = QLabel(MeterPage)
        self.code_label.setObjectName(u"code_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.code_label)

        self.code = QLineEdit(MeterPage)
        self.code.setObjectName(u"code")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.code)

        self.name_label = QLabel(MeterPage)
        self.name_label.setObjectName(u"name_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.name_label)

        self.name = QLineEdit(MeterPage)
        self.name.setObjectName(u"name")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.name)

        self.kind_label = QLabel(MeterPage)
        self.kind_label.setObjectName(u"kind_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.kind_label)

        self.kind = QComboBox(MeterPage)
        self.kind.setObjectName(u"kind")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.kind)

        self.account_label = QLabel(MeterPage)
        self.account_label.setObjectName(u"account_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.account_label)

        self.account = QLineEdit(MeterPage)
        self.account.setObjectName(u"account")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.account)

        self.digits_label = QLabel(MeterPage)
        self.digits_label.setObjectName(u"digits_label")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.digits_label)

        self.digits = QSpinBox(MeterPage)
        self.digits.setObjectName(u"digits")
        self.digits.setMaximum(10)
        self.digits.setValue(6)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.digits)

        self.initial_label = QLabel(MeterPage)
        self.initial_label.setObjectName(u"initial_label")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.initial_label)

        self.initial = QLineEdit(MeterPage)
        self.initial.setObjectName(u"initial")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.initial)

        self.multiplier_label = QLabel(MeterPage)
        self.multiplier_label.setObjectName(u"multiplier_label")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.multiplier_label)

        self.multiplier = QLineEdit(MeterPage)
        self.multiplier.setObjectName(u"multiplier")
        self.multiplier.setText(u"1")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.multiplier)

        self.start_label = QLabel(MeterPage)
        self.start_label.setObjectName(u"start_label")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.start_label)

        self.start = QDateEdit(MeterPage)
        self.start.setObjectName(u"start")
        self.start.setDisplayFormat(u"yyyy-MM-dd")
        self.start.setCalendarPopup(True)

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.start)

        self.error = QLabel(MeterPage)
        self.error.setObjectName(u"error")

        self.form.setWidget(9, QFormLayout.ItemRole.SpanningRole, self.error)

#if QT_CONFIG(shortcut)
        self.carrier_label.setBuddy(self.carrier)
        self.code_label.setBuddy(self.code)
        self.name_label.setBuddy(self.name)
        self.kind_label.setBuddy(self.kind)
        self.account_label.setBuddy(self.account)
        self.digits_label.setBuddy(self.digits)
        self.initial_label.setBuddy(self.initial)
        self.multiplier_label.setBuddy(self.multiplier)
        self.start_label.setBuddy(self.start)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.carrier, self.code)
        QWidget.setTabOrder(self.code, self.name)
        QWidget.setTabOrder(self.name, self.kind)
        QWidget.setTabOrder(self.kind, self.account)
        QWidget.setTabOrder(self.account, self.digits)
        QWidget.setTabOrder(self.digits, self.initial)
        QWidget.setTabOrder(self.initial, self.multiplier)
        QWidget.setTabOrder(self.multiplier, self.start)

        self.retranslateUi(MeterPage)
    # setupUi

    def retranslateUi(self, MeterPage):
        MeterPage.setTitle(QCoreApplication.translate("MeterPage", u"\u7b2c 3 \u6b65\uff1a\u7b2c\u4e00\u5757\u8ba1\u91cf\u5668\u5177", None))
        MeterPage.setSubTitle(QCoreApplication.translate("MeterPage", u"\u5148\u767b\u8bb0\u4e00\u5757\u8868\uff0c\u5176\u4f59\u7684\u53ef\u5728\u201c\u8ba1\u91cf\u5668\u5177\u201d\u4e2d\u6dfb\u52a0\u3002\u8d77\u59cb\u793a\u6570\u4e3a\u5f00\u59cb\u8bb0\u8d26\u65f6\u8868\u4e0a\u7684\u8bfb\u6570\u3002", None))
        self.carrier_label.setText(QCoreApplication.translate("MeterPage", u"\u54c1\u79cd", None))
        self.code_label.setText(QCoreApplication.translate("MeterPage", u"\u7f16\u53f7", None))
        self.name_label.setText(QCoreApplication.translate("MeterPage", u"\u540d\u79f0", None))
        self.kind_label.setText(QCoreApplication.translate("MeterPage", u"\u8ba1\u91cf\u65b9\u5f0f", None))
        self.account_label.setText(QCoreApplication.translate("MeterPage", u"\u6237\u53f7", None))
        self.digits_label.setText(QCoreApplication.translate("MeterPage", u"\u8868\u4f4d\u6570\uff08\u6574\u6570\u4f4d\uff09", None))
        self.digits.setSpecialValueText(QCoreApplication.translate("MeterPage", u"\u4e0d\u8be6", None))
        self.initial_label.setText(QCoreApplication.translate("MeterPage", u"\u8d77\u59cb\u793a\u6570", None))
        self.multiplier_label.setText(QCoreApplication.translate("MeterPage", u"\u500d\u7387", None))
        self.start_label.setText(QCoreApplication.translate("MeterPage", u"\u542f\u7528\u65e5\u671f", None))
    # retranslateUi

