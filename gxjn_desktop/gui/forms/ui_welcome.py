# Generated from ui/welcome.ui by scripts/compile_ui.py: do not edit. Edit the .ui file and rerun the script.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'welcome.ui'
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
from PySide6.QtWidgets import (QApplication, QLabel, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_WelcomeScreen(object):
    def setupUi(self, WelcomeScreen):
        if not WelcomeScreen.objectName():
            WelcomeScreen.setObjectName(u"WelcomeScreen")
        self.layout = QVBoxLayout(WelcomeScreen)
        self.layout.setObjectName(u"layout")
        self.top_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.top_spacer)

        self.title = QLabel(WelcomeScreen)
        self.title.setObjectName(u"title")
        self.title.setStyleSheet(u"font-size: 22pt; font-weight: bold;")
        self.title.setAlignment(Qt.AlignCenter)

        self.layout.addWidget(self.title)

        self.intro = QLabel(WelcomeScreen)
        self.intro.setObjectName(u"intro")
        self.intro.setAlignment(Qt.AlignCenter)
        self.intro.setWordWrap(True)

        self.layout.addWidget(self.intro)

        self.gap_above = QSpacerItem(0, 24, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)

        self.layout.addItem(self.gap_above)

        self.new_button = QPushButton(WelcomeScreen)
        self.new_button.setObjectName(u"new_button")
        self.new_button.setMinimumSize(QSize(260, 40))

        self.layout.addWidget(self.new_button, 0, Qt.AlignHCenter)

        self.demo_button = QPushButton(WelcomeScreen)
        self.demo_button.setObjectName(u"demo_button")
        self.demo_button.setMinimumSize(QSize(260, 40))

        self.layout.addWidget(self.demo_button, 0, Qt.AlignHCenter)

        self.bureau_button = QPushButton(WelcomeScreen)
        self.bureau_button.setObjectName(u"bureau_button")
        self.bureau_button.setMinimumSize(QSize(260, 40))

        self.layout.addWidget(self.bureau_button, 0, Qt.AlignHCenter)

        self.gap_below = QSpacerItem(0, 24, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)

        self.layout.addItem(self.gap_below)

        self.folder = QLabel(WelcomeScreen)
        self.folder.setObjectName(u"folder")
        self.folder.setStyleSheet(u"color: #666;")
        self.folder.setAlignment(Qt.AlignCenter)
        self.folder.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.layout.addWidget(self.folder)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.bottom_spacer)

        self.layout.setStretch(0, 1)
        self.layout.setStretch(9, 2)
        QWidget.setTabOrder(self.new_button, self.demo_button)
        QWidget.setTabOrder(self.demo_button, self.bureau_button)

        self.retranslateUi(WelcomeScreen)
    # setupUi

    def retranslateUi(self, WelcomeScreen):
        self.title.setText(QCoreApplication.translate("WelcomeScreen", u"\u516c\u5171\u673a\u6784\u80fd\u6e90\u8d44\u6e90\u6d88\u8d39\u7edf\u8ba1", None))
        self.intro.setText(QCoreApplication.translate("WelcomeScreen", u"\u8fd9\u4e2a\u6570\u636e\u6587\u4ef6\u5939\u91cc\u8fd8\u6ca1\u6709\u5355\u4f4d\u3002\n"
"\u8bf7\u65b0\u5efa\u672c\u5355\u4f4d\uff0c\u6216\u5148\u6253\u5f00\u793a\u4f8b\u5355\u4f4d\u719f\u6089\u586b\u62a5\u6d41\u7a0b\uff08\u793a\u4f8b\u6570\u636e\u53ef\u968f\u65f6\u88ab\u65b0\u5efa\u5355\u4f4d\u66ff\u6362\uff09\u3002", None))
        self.new_button.setText(QCoreApplication.translate("WelcomeScreen", u"\u65b0\u5efa\u5355\u4f4d\u2026", None))
        self.demo_button.setText(QCoreApplication.translate("WelcomeScreen", u"\u6253\u5f00\u793a\u4f8b\u5355\u4f4d", None))
        self.bureau_button.setText(QCoreApplication.translate("WelcomeScreen", u"\u6c47\u603b\u5404\u5355\u4f4d\u62a5\u9001\u5305\uff08\u673a\u5173\u4e8b\u52a1\u7ba1\u7406\u5c40\uff09\u2026", None))
        self.folder.setText(QCoreApplication.translate("WelcomeScreen", u"\u6570\u636e\u6587\u4ef6\u5939\uff1a", None))
        pass
    # retranslateUi

