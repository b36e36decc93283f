# Generated from ui/quota_form.ui by scripts/compile_ui.py: do not edit. Edit the .ui file and rerun the script.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'quota_form.ui'
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
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_QuotaForm(object):
    def setupUi(self, QuotaForm):
        if not QuotaForm.objectName():
            QuotaForm.setObjectName(u"QuotaForm")
        QuotaForm.setMinimumSize(QSize(560, 0))
        self.layout = QVBoxLayout(QuotaForm)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.indicator_label = QLabel(QuotaForm)
        self.indicator_label.setObjectName(u"indicator_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.indicator_label)

        self.indicator = QComboBox(QuotaForm)
        self.indicator.setObjectName(u"indicator")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.indicator)

        self.level_label = QLabel(QuotaForm)
        self.level_label.setObjectName(u"level_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.level_label)

        self.level = QComboBox(QuotaForm)
        self.level.setObjectName(u"level")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.level)

        self.value_label = QLabel(QuotaForm)
        self.value_label.setObjectName(u"value_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.value_label)

        self.value_row = QHBoxLayout()
        self.value_row.setObjectName(u"value_row")
        self.value = QLineEdit(QuotaForm)
        self.value.setObjectName(u"value")

        self.value_row.addWidget(self.value)

        self.unit = QLabel(QuotaForm)
        self.unit.setObjectName(u"unit")

        self.value_row.addWidget(self.unit)

        self.value_row.setStretch(0, 1)

        self.form.setLayout(2, QFormLayout.ItemRole.FieldRole, self.value_row)

        self.basis_label = QLabel(QuotaForm)
        self.basis_label.setObjectName(u"basis_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.basis_label)

        self.basis = QComboBox(QuotaForm)
        self.basis.setObjectName(u"basis")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.basis)

        self.document_label = QLabel(QuotaForm)
        self.document_label.setObjectName(u"document_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.document_label)

        self.document = QLineEdit(QuotaForm)
        self.document.setObjectName(u"document")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.document)


        self.layout.addLayout(self.form)

        self.note = QLabel(QuotaForm)
        self.note.setObjectName(u"note")
        self.note.setStyleSheet(u"color: #666;")
        self.note.setWordWrap(True)

        self.layout.addWidget(self.note)

        self.buttons = QDialogButtonBox(QuotaForm)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.indicator_label.setBuddy(self.indicator)
        self.level_label.setBuddy(self.level)
        self.value_label.setBuddy(self.value)
        self.basis_label.setBuddy(self.basis)
        self.document_label.setBuddy(self.document)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.indicator, self.level)
        QWidget.setTabOrder(self.level, self.value)
        QWidget.setTabOrder(self.value, self.basis)
        QWidget.setTabOrder(self.basis, self.document)

        self.retranslateUi(QuotaForm)
    # setupUi

    def retranslateUi(self, QuotaForm):
        QuotaForm.setWindowTitle(QCoreApplication.translate("QuotaForm", u"\u80fd\u8017\u5b9a\u989d", None))
        self.indicator_label.setText(QCoreApplication.translate("QuotaForm", u"\u6307\u6807(&I)", None))
        self.level_label.setText(QCoreApplication.translate("QuotaForm", u"\u7ea7\u522b(&L)", None))
        self.value_label.setText(QCoreApplication.translate("QuotaForm", u"\u6570\u503c(&V)", None))
        self.value.setPlaceholderText(QCoreApplication.translate("QuotaForm", u"\u5927\u4e8e 0\uff0c\u4f8b\u5982 105 \u6216 2,800\uff08\u5168\u89d2\u6570\u5b57\u4e5f\u53ef\u4ee5\uff09", None))
        self.basis_label.setText(QCoreApplication.translate("QuotaForm", u"\u53e3\u5f84(&B)", None))
        self.document_label.setText(QCoreApplication.translate("QuotaForm", u"\u6587\u53f7(&D)", None))
        self.document.setPlaceholderText(QCoreApplication.translate("QuotaForm", u"\u4e0b\u8fbe\u6587\u4ef6\u7684\u6587\u53f7\u6216\u6807\u51c6\u540d\u79f0", None))
    # retranslateUi

