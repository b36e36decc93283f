# Generated from ui/date_value.ui by scripts/compile_ui.py: do not edit. Edit the .ui file and rerun the script.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'date_value.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDateEdit, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QWidget)

class Ui_DateValueDialog(object):
    def setupUi(self, DateValueDialog):
        if not DateValueDialog.objectName():
            DateValueDialog.setObjectName(u"DateValueDialog")
        DateValueDialog.setMinimumSize(QSize(420, 0))
        self.form = QFormLayout(DateValueDialog)
        self.form.setObjectName(u"form")
        self.day_label = QLabel(DateValueDialog)
        self.day_label.setObjectName(u"day_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.day_label)

        self.day = QDateEdit(DateValueDialog)
        self.day.setObjectName(u"day")
        self.day.setDisplayFormat(u"yyyy-MM-dd")
        self.day.setCalendarPopup(True)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.day)

        self.value_label = QLabel(DateValueDialog)
        self.value_label.setObjectName(u"value_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.value_label)

        self.value = QLineEdit(DateValueDialog)
        self.value.setObjectName(u"value")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.value)

        self.reading_label = QLabel(DateValueDialog)
        self.reading_label.setObjectName(u"reading_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.reading_label)

        self.reading = QLineEdit(DateValueDialog)
        self.reading.setObjectName(u"reading")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.reading)

        self.error = QLabel(DateValueDialog)
        self.error.setObjectName(u"error")

        self.form.setWidget(3, QFormLayout.ItemRole.SpanningRole, self.error)

        self.buttons = QDialogButtonBox(DateValueDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.form.setWidget(4, QFormLayout.ItemRole.SpanningRole, self.buttons)

#if QT_CONFIG(shortcut)
        self.day_label.setBuddy(self.day)
        self.value_label.setBuddy(self.value)
        self.reading_label.setBuddy(self.reading)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.day, self.value)
        QWidget.setTabOrder(self.value, self.reading)

        self.retranslateUi(DateValueDialog)
    # setupUi

    def retranslateUi(self, DateValueDialog):
        self.day_label.setText(QCoreApplication.translate("DateValueDialog", u"\u65e5\u671f", None))
        self.value_label.setText(QCoreApplication.translate("DateValueDialog", u"\u65b0\u500d\u7387", None))
        self.reading_label.setText(QCoreApplication.translate("DateValueDialog", u"\u53d8\u66f4\u5f53\u5929\u793a\u6570", None))
        self.reading.setPlaceholderText(QCoreApplication.translate("DateValueDialog", u"\u6708\u4e2d\u53d8\u66f4\u65f6\u5fc5\u586b\uff1a\u53d8\u66f4\u5f53\u5929\u8868\u76d8\u4e0a\u7684\u793a\u6570", None))
        pass
    # retranslateUi

