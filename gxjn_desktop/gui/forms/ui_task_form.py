# Generated from ui/task_form.ui by scripts/compile_ui.py: do not edit. Edit the .ui file and rerun the script.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'task_form.ui'
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
    QFormLayout, QLabel, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_TaskForm(object):
    def setupUi(self, TaskForm):
        if not TaskForm.objectName():
            TaskForm.setObjectName(u"TaskForm")
        TaskForm.setMinimumSize(QSize(620, 0))
        self.layout = QVBoxLayout(TaskForm)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")

        self.layout.addLayout(self.form)

        self.hint = QLabel(TaskForm)
        self.hint.setObjectName(u"hint")
        self.hint.setStyleSheet(u"color: #666;")

        self.layout.addWidget(self.hint)

        self.error = QLabel(TaskForm)
        self.error.setObjectName(u"error")

        self.layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(TaskForm)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)


        self.retranslateUi(TaskForm)
    # setupUi

    def retranslateUi(self, TaskForm):
        TaskForm.setWindowTitle(QCoreApplication.translate("TaskForm", u"\u5de5\u4f5c\u4efb\u52a1", None))
        self.hint.setText(QCoreApplication.translate("TaskForm", u"\u5e26 * \u7684\u5fc5\u987b\u586b\u5199\u3002\u65e5\u671f\u6309 YYYY-MM-DD \u586b\u5199\u3002", None))
    # retranslateUi

