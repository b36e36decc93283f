# Generated from ui/explanation.ui by scripts/compile_ui.py: do not edit. Edit the .ui file and rerun the script.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'explanation.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_ExplanationDialog(object):
    def setupUi(self, ExplanationDialog):
        if not ExplanationDialog.objectName():
            ExplanationDialog.setObjectName(u"ExplanationDialog")
        ExplanationDialog.setMinimumSize(QSize(560, 0))
        self.layout = QVBoxLayout(ExplanationDialog)
        self.layout.setObjectName(u"layout")
        self.head = QLabel(ExplanationDialog)
        self.head.setObjectName(u"head")
        self.head.setStyleSheet(u"font-weight: bold;")
        self.head.setWordWrap(True)

        self.layout.addWidget(self.head)

        self.message = QLabel(ExplanationDialog)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.layout.addWidget(self.message)

        self.hint = QLabel(ExplanationDialog)
        self.hint.setObjectName(u"hint")
        self.hint.setStyleSheet(u"color: #555;")
        self.hint.setWordWrap(True)

        self.layout.addWidget(self.hint)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.cause_label = QLabel(ExplanationDialog)
        self.cause_label.setObjectName(u"cause_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.cause_label)

        self.cause = QComboBox(ExplanationDialog)
        self.cause.setObjectName(u"cause")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.cause)

        self.text_label = QLabel(ExplanationDialog)
        self.text_label.setObjectName(u"text_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.text_label)

        self.text = QPlainTextEdit(ExplanationDialog)
        self.text.setObjectName(u"text")
        self.text.setTabChangesFocus(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.text)


        self.layout.addLayout(self.form)

        self.note = QLabel(ExplanationDialog)
        self.note.setObjectName(u"note")
        self.note.setStyleSheet(u"color: #666;")
        self.note.setWordWrap(True)

        self.layout.addWidget(self.note)

        self.error = QLabel(ExplanationDialog)
        self.error.setObjectName(u"error")

        self.layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(ExplanationDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.cause_label.setBuddy(self.cause)
        self.text_label.setBuddy(self.text)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.cause, self.text)

        self.retranslateUi(ExplanationDialog)
    # setupUi

    def retranslateUi(self, ExplanationDialog):
        ExplanationDialog.setWindowTitle(QCoreApplication.translate("ExplanationDialog", u"\u586b\u5199\u8bf4\u660e", None))
        self.cause_label.setText(QCoreApplication.translate("ExplanationDialog", u"\u539f\u56e0(&C)", None))
        self.cause.setPlaceholderText(QCoreApplication.translate("ExplanationDialog", u"\u8bf7\u9009\u62e9\u539f\u56e0", None))
        self.text_label.setText(QCoreApplication.translate("ExplanationDialog", u"\u8bf4\u660e(&T)", None))
        self.text.setPlaceholderText(QCoreApplication.translate("ExplanationDialog", u"\u5199\u660e\u5177\u4f53\u60c5\u51b5\uff0c\u5982\uff1a6 \u6708\u8d77\u65b0\u589e 2 \u53f0\u7a7a\u8c03\uff08\u5fc5\u586b\uff1b\u9009\u201c\u5176\u4ed6\u201d\u65f6\u81f3\u5c11\u5199 4 \u4e2a\u5b57\uff09", None))
        self.note.setText(QCoreApplication.translate("ExplanationDialog", u"\u8bf4\u660e\u4e0e\u5f53\u524d\u6570\u503c\u7ed1\u5b9a\uff1a\u6570\u636e\u4fee\u6539\u540e\uff0c\u8fd9\u6761\u8b66\u544a\u987b\u91cd\u65b0\u8bf4\u660e\u3002", None))
    # retranslateUi

