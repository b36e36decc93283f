# Generated from ui/profile_page.ui by scripts/compile_ui.py: do not edit. Edit the .ui file and rerun the script.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'profile_page.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QFormLayout, QLabel,
    QLineEdit, QSizePolicy, QSpinBox, QWidget,
    QWizardPage)

class Ui_ProfilePage(object):
    def setupUi(self, ProfilePage):
        if not ProfilePage.objectName():
            ProfilePage.setObjectName(u"ProfilePage")
        self.form = QFormLayout(ProfilePage)
        self.form.setObjectName(u"form")
        self.year_label = QLabel(ProfilePage)
        self.year_label.setObjectName(u"year_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.year_label)

        self.year = QSpinBox(ProfilePage)
        self.year.setObjectName(u"year")
        self.year.setMinimum(2000)
        self.year.setMaximum(2100)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.year)

        self.people_label = QLabel(ProfilePage)
        self.people_label.setObjectName(u"people_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.people_label)

        self.people = QLineEdit(ProfilePage)
        self.people.setObjectName(u"people")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.people)

        self.area_label = QLabel(ProfilePage)
        self.area_label.setObjectName(u"area_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.area_label)

        self.area = QLineEdit(ProfilePage)
        self.area.setObjectName(u"area")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.area)

        self.canteen = QCheckBox(ProfilePage)
        self.canteen.setObjectName(u"canteen")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.canteen)

        self.error = QLabel(ProfilePage)
        self.error.setObjectName(u"error")

        self.form.setWidget(4, QFormLayout.ItemRole.SpanningRole, self.error)

#if QT_CONFIG(shortcut)
        self.year_label.setBuddy(self.year)
        self.people_label.setBuddy(self.people)
        self.area_label.setBuddy(self.area)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.year, self.people)
        QWidget.setTabOrder(self.people, self.area)
        QWidget.setTabOrder(self.area, self.canteen)

        self.retranslateUi(ProfilePage)
    # setupUi

    def retranslateUi(self, ProfilePage):
        ProfilePage.setTitle(QCoreApplication.translate("ProfilePage", u"\u7b2c 2 \u6b65\uff1a\u672c\u5e74\u5ea6\u57fa\u672c\u60c5\u51b5", None))
        ProfilePage.setSubTitle(QCoreApplication.translate("ProfilePage", u"\u7528\u80fd\u4eba\u6570\u542b\u7f16\u5916\u4eba\u5458\uff1b\u5efa\u7b51\u9762\u79ef\u4e3a\u529e\u516c\u533a\u9762\u79ef\uff0c\u4e0d\u542b\u5bbf\u820d\u3002", None))
        self.year_label.setText(QCoreApplication.translate("ProfilePage", u"\u5e74\u5ea6", None))
        self.people_label.setText(QCoreApplication.translate("ProfilePage", u"\u7528\u80fd\u4eba\u6570\uff08\u4eba\uff09", None))
        self.area_label.setText(QCoreApplication.translate("ProfilePage", u"\u5efa\u7b51\u9762\u79ef\uff08m\u00b2\uff09", None))
        self.canteen.setText(QCoreApplication.translate("ProfilePage", u"\u6709\u98df\u5802", None))
    # retranslateUi

