# Generated from ui/ewaste_form.ui by scripts/compile_ui.py: do not edit. Edit the .ui file and rerun the script.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'ewaste_form.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_EwasteForm(object):
    def setupUi(self, EwasteForm):
        if not EwasteForm.objectName():
            EwasteForm.setObjectName(u"EwasteForm")
        EwasteForm.setMinimumSize(QSize(560, 0))
        self.layout = QVBoxLayout(EwasteForm)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.day_label = QLabel(EwasteForm)
        self.day_label.setObjectName(u"day_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.day_label)

        self.day = QDateEdit(EwasteForm)
        self.day.setObjectName(u"day")
        self.day.setDisplayFormat(u"yyyy-MM-dd")
        self.day.setCalendarPopup(True)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.day)

        self.items_label = QLabel(EwasteForm)
        self.items_label.setObjectName(u"items_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.items_label)

        self.items_row = QHBoxLayout()
        self.items_row.setObjectName(u"items_row")
        self.items = QLineEdit(EwasteForm)
        self.items.setObjectName(u"items")

        self.items_row.addWidget(self.items)

        self.items_unit = QLabel(EwasteForm)
        self.items_unit.setObjectName(u"items_unit")

        self.items_row.addWidget(self.items_unit)

        self.items_row.setStretch(0, 1)

        self.form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.items_row)

        self.recipient_label = QLabel(EwasteForm)
        self.recipient_label.setObjectName(u"recipient_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.recipient_label)

        self.recipient = QComboBox(EwasteForm)
        self.recipient.setObjectName(u"recipient")
        self.recipient.setEditable(True)
        self.recipient.setInsertPolicy(QComboBox.NoInsert)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.recipient)

        self.certificate_label = QLabel(EwasteForm)
        self.certificate_label.setObjectName(u"certificate_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.certificate_label)

        self.certificate = QLineEdit(EwasteForm)
        self.certificate.setObjectName(u"certificate")
        self.certificate.setMaxLength(100)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.certificate)

        self.note_label = QLabel(EwasteForm)
        self.note_label.setObjectName(u"note_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.note_label)

        self.note = QLineEdit(EwasteForm)
        self.note.setObjectName(u"note")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.note)


        self.layout.addLayout(self.form)

        self.hint = QLabel(EwasteForm)
        self.hint.setObjectName(u"hint")
        self.hint.setStyleSheet(u"color: #666;")
        self.hint.setWordWrap(True)

        self.layout.addWidget(self.hint)

        self.buttons = QDialogButtonBox(EwasteForm)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.day_label.setBuddy(self.day)
        self.items_label.setBuddy(self.items)
        self.recipient_label.setBuddy(self.recipient)
        self.certificate_label.setBuddy(self.certificate)
        self.note_label.setBuddy(self.note)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.day, self.items)
        QWidget.setTabOrder(self.items, self.recipient)
        QWidget.setTabOrder(self.recipient, self.certificate)
        QWidget.setTabOrder(self.certificate, self.note)

        self.retranslateUi(EwasteForm)
    # setupUi

    def retranslateUi(self, EwasteForm):
        EwasteForm.setWindowTitle(QCoreApplication.translate("EwasteForm", u"\u5e9f\u65e7\u7535\u5b50\u4ea7\u54c1\u5904\u7f6e", None))
        self.day_label.setText(QCoreApplication.translate("EwasteForm", u"\u5904\u7f6e\u65e5\u671f(&T)", None))
        self.items_label.setText(QCoreApplication.translate("EwasteForm", u"\u6570\u91cf(&C)", None))
        self.items.setPlaceholderText(QCoreApplication.translate("EwasteForm", u"\u6b63\u6574\u6570\uff0c\u4f8b\u5982 12\uff08\u5168\u89d2\u6570\u5b57\u4e5f\u53ef\u4ee5\uff09", None))
        self.items_unit.setText(QCoreApplication.translate("EwasteForm", u"\u4ef6", None))
        self.recipient_label.setText(QCoreApplication.translate("EwasteForm", u"\u63a5\u6536\u5355\u4f4d(&R)", None))
        self.certificate_label.setText(QCoreApplication.translate("EwasteForm", u"\u8bc1\u660e\u7f16\u53f7(&Z)", None))
        self.certificate.setPlaceholderText(QCoreApplication.translate("EwasteForm", u"\u63a5\u6536\u5355\u4f4d\u51fa\u5177\u7684\u5904\u7f6e\u8bc1\u660e\u6216\u56de\u6536\u5355\u7f16\u53f7", None))
        self.note_label.setText(QCoreApplication.translate("EwasteForm", u"\u5907\u6ce8(&B)", None))
        self.note.setPlaceholderText(QCoreApplication.translate("EwasteForm", u"\u4f8b\u5982\uff1a\u62a5\u5e9f\u7535\u8111\u3001\u6253\u5370\u673a", None))
    # retranslateUi

