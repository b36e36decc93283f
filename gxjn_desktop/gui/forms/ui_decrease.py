# Generated from ui/decrease.ui by scripts/compile_ui.py: do not edit. Edit the .ui file and rerun the script.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'decrease.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QButtonGroup, QComboBox,
    QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
    QGroupBox, QLabel, QLineEdit, QRadioButton,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_DecreaseDialog(object):
    def setupUi(self, DecreaseDialog):
        if not DecreaseDialog.objectName():
            DecreaseDialog.setObjectName(u"DecreaseDialog")
        self.layout = QVBoxLayout(DecreaseDialog)
        self.layout.setObjectName(u"layout")
        self.intro = QLabel(DecreaseDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.layout.addWidget(self.intro)

        self.rollover = QRadioButton(DecreaseDialog)
        self.choices = QButtonGroup(DecreaseDialog)
        self.choices.setObjectName(u"choices")
        self.choices.addButton(self.rollover)
        self.rollover.setObjectName(u"rollover")

        self.layout.addWidget(self.rollover)

        self.replacement = QRadioButton(DecreaseDialog)
        self.choices.addButton(self.replacement)
        self.replacement.setObjectName(u"replacement")

        self.layout.addWidget(self.replacement)

        self.mistake = QRadioButton(DecreaseDialog)
        self.choices.addButton(self.mistake)
        self.mistake.setObjectName(u"mistake")
        self.mistake.setChecked(True)

        self.layout.addWidget(self.mistake)

        self.details = QGroupBox(DecreaseDialog)
        self.details.setObjectName(u"details")
        self.details.setEnabled(False)
        self.details_form = QFormLayout(self.details)
        self.details_form.setObjectName(u"details_form")
        self.old_final_label = QLabel(self.details)
        self.old_final_label.setObjectName(u"old_final_label")

        self.details_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.old_final_label)

        self.old_final = QLineEdit(self.details)
        self.old_final.setObjectName(u"old_final")

        self.details_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.old_final)

        self.new_initial_label = QLabel(self.details)
        self.new_initial_label.setObjectName(u"new_initial_label")

        self.details_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.new_initial_label)

        self.new_initial = QLineEdit(self.details)
        self.new_initial.setObjectName(u"new_initial")

        self.details_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.new_initial)

        self.day_label = QLabel(self.details)
        self.day_label.setObjectName(u"day_label")

        self.details_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.day_label)

        self.day = QDateEdit(self.details)
        self.day.setObjectName(u"day")
        self.day.setDisplayFormat(u"yyyy-MM-dd")
        self.day.setCalendarPopup(True)

        self.details_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.day)

        self.reason_label = QLabel(self.details)
        self.reason_label.setObjectName(u"reason_label")

        self.details_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.reason_label)

        self.reason = QComboBox(self.details)
        self.reason.setObjectName(u"reason")

        self.details_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.reason)

        self.old_no_label = QLabel(self.details)
        self.old_no_label.setObjectName(u"old_no_label")

        self.details_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.old_no_label)

        self.old_no = QLineEdit(self.details)
        self.old_no.setObjectName(u"old_no")

        self.details_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.old_no)

        self.new_no_label = QLabel(self.details)
        self.new_no_label.setObjectName(u"new_no_label")

        self.details_form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.new_no_label)

        self.new_no = QLineEdit(self.details)
        self.new_no.setObjectName(u"new_no")

        self.details_form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.new_no)

        self.note_label = QLabel(self.details)
        self.note_label.setObjectName(u"note_label")

        self.details_form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.note_label)

        self.note = QLineEdit(self.details)
        self.note.setObjectName(u"note")

        self.details_form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.note)


        self.layout.addWidget(self.details)

        self.error = QLabel(DecreaseDialog)
        self.error.setObjectName(u"error")

        self.layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(DecreaseDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.old_final_label.setBuddy(self.old_final)
        self.new_initial_label.setBuddy(self.new_initial)
        self.day_label.setBuddy(self.day)
        self.reason_label.setBuddy(self.reason)
        self.old_no_label.setBuddy(self.old_no)
        self.new_no_label.setBuddy(self.new_no)
        self.note_label.setBuddy(self.note)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.rollover, self.replacement)
        QWidget.setTabOrder(self.replacement, self.mistake)
        QWidget.setTabOrder(self.mistake, self.old_final)
        QWidget.setTabOrder(self.old_final, self.new_initial)
        QWidget.setTabOrder(self.new_initial, self.day)
        QWidget.setTabOrder(self.day, self.reason)
        QWidget.setTabOrder(self.reason, self.old_no)
        QWidget.setTabOrder(self.old_no, self.new_no)
        QWidget.setTabOrder(self.new_no, self.note)

        self.retranslateUi(DecreaseDialog)
    # setupUi

    def retranslateUi(self, DecreaseDialog):
        DecreaseDialog.setWindowTitle(QCoreApplication.translate("DecreaseDialog", u"\u672c\u671f\u793a\u6570\u5c0f\u4e8e\u4e0a\u671f\u793a\u6570", None))
        self.rollover.setText(QCoreApplication.translate("DecreaseDialog", u"\u8868\u8ba1\u7ffb\u8f6c(&F)\uff08\u8868\u7801\u8d70\u6ee1\u540e\u4ece 0 \u91cd\u65b0\u8ba1\u6570\uff09", None))
        self.replacement.setText(QCoreApplication.translate("DecreaseDialog", u"\u66f4\u6362\u8868\u8ba1(&H)\uff08\u672c\u6708\u6362\u4e86\u65b0\u8868\uff09", None))
        self.mistake.setText(QCoreApplication.translate("DecreaseDialog", u"\u8f93\u5165\u6709\u8bef(&W)\uff08\u4e0d\u4fdd\u5b58\uff0c\u91cd\u65b0\u8f93\u5165\uff09", None))
        self.details.setTitle(QCoreApplication.translate("DecreaseDialog", u"\u6362\u8868\u4fe1\u606f\uff08\u4e24\u4e2a\u793a\u6570\u90fd\u987b\u6309\u6362\u8868\u5355\u586b\u5199\uff09", None))
        self.old_final_label.setText(QCoreApplication.translate("DecreaseDialog", u"\u65e7\u8868\u6700\u7ec8\u793a\u6570", None))
        self.new_initial_label.setText(QCoreApplication.translate("DecreaseDialog", u"\u65b0\u8868\u8d77\u59cb\u793a\u6570", None))
        self.new_initial.setPlaceholderText(QCoreApplication.translate("DecreaseDialog", u"\u65b0\u8868\u901a\u5e38\u4e3a 0\uff0c\u987b\u624b\u5de5\u586b\u5199", None))
        self.day_label.setText(QCoreApplication.translate("DecreaseDialog", u"\u6362\u8868\u65e5\u671f", None))
        self.reason_label.setText(QCoreApplication.translate("DecreaseDialog", u"\u6362\u8868\u539f\u56e0", None))
        self.old_no_label.setText(QCoreApplication.translate("DecreaseDialog", u"\u65e7\u8868\u8868\u53f7", None))
        self.new_no_label.setText(QCoreApplication.translate("DecreaseDialog", u"\u65b0\u8868\u8868\u53f7", None))
        self.note_label.setText(QCoreApplication.translate("DecreaseDialog", u"\u5907\u6ce8", None))
    # retranslateUi

