# Generated from ui/unit_fields.ui by scripts/compile_ui.py: do not edit. Edit the .ui file and rerun the script.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'unit_fields.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout,
    QLabel, QLineEdit, QSizePolicy, QWidget)

class Ui_UnitFields(object):
    def setupUi(self, UnitFields):
        if not UnitFields.objectName():
            UnitFields.setObjectName(u"UnitFields")
        self.form = QFormLayout(UnitFields)
        self.form.setObjectName(u"form")
        self.form.setContentsMargins(0, 0, 0, 0)
        self.name_label = QLabel(UnitFields)
        self.name_label.setObjectName(u"name_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.name_label)

        self.name = QLineEdit(UnitFields)
        self.name.setObjectName(u"name")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.uscc_label = QLabel(UnitFields)
        self.uscc_label.setObjectName(u"uscc_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.uscc_label)

        self.uscc = QLineEdit(UnitFields)
        self.uscc.setObjectName(u"uscc")
        self.uscc.setMaxLength(18)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.uscc)

        self.admin_code_label = QLabel(UnitFields)
        self.admin_code_label.setObjectName(u"admin_code_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.admin_code_label)

        self.admin_code = QLineEdit(UnitFields)
        self.admin_code.setObjectName(u"admin_code")
        self.admin_code.setMaxLength(6)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.admin_code)

        self.kind_label = QLabel(UnitFields)
        self.kind_label.setObjectName(u"kind_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.kind_label)

        self.kind = QComboBox(UnitFields)
        self.kind.setObjectName(u"kind")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.kind)

        self.level_label = QLabel(UnitFields)
        self.level_label.setObjectName(u"level_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.level_label)

        self.level = QComboBox(UnitFields)
        self.level.setObjectName(u"level")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.level)

        self.party_organ_label = QLabel(UnitFields)
        self.party_organ_label.setObjectName(u"party_organ_label")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.party_organ_label)

        self.party_organ = QCheckBox(UnitFields)
        self.party_organ.setObjectName(u"party_organ")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.party_organ)

        self.zone_label = QLabel(UnitFields)
        self.zone_label.setObjectName(u"zone_label")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.zone_label)

        self.zone = QComboBox(UnitFields)
        self.zone.setObjectName(u"zone")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.zone)

        self.address_label = QLabel(UnitFields)
        self.address_label.setObjectName(u"address_label")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.address_label)

        self.address = QLineEdit(UnitFields)
        self.address.setObjectName(u"address")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.address)

        self.manager_label = QLabel(UnitFields)
        self.manager_label.setObjectName(u"manager_label")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.manager_label)

        self.manager = QLineEdit(UnitFields)
        self.manager.setObjectName(u"manager")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.manager)

        self.manager_phone_label = QLabel(UnitFields)
        self.manager_phone_label.setObjectName(u"manager_phone_label")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.manager_phone_label)

        self.manager_phone = QLineEdit(UnitFields)
        self.manager_phone.setObjectName(u"manager_phone")

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.manager_phone)

        self.error = QLabel(UnitFields)
        self.error.setObjectName(u"error")

        self.form.setWidget(10, QFormLayout.ItemRole.SpanningRole, self.error)

#if QT_CONFIG(shortcut)
        self.name_label.setBuddy(self.name)
        self.uscc_label.setBuddy(self.uscc)
        self.admin_code_label.setBuddy(self.admin_code)
        self.kind_label.setBuddy(self.kind)
        self.level_label.setBuddy(self.level)
        self.party_organ_label.setBuddy(self.party_organ)
        self.zone_label.setBuddy(self.zone)
        self.address_label.setBuddy(self.address)
        self.manager_label.setBuddy(self.manager)
        self.manager_phone_label.setBuddy(self.manager_phone)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name, self.uscc)
        QWidget.setTabOrder(self.uscc, self.admin_code)
        QWidget.setTabOrder(self.admin_code, self.kind)
        QWidget.setTabOrder(self.kind, self.level)
        QWidget.setTabOrder(self.level, self.party_organ)
        QWidget.setTabOrder(self.party_organ, self.zone)
        QWidget.setTabOrder(self.zone, self.address)
        QWidget.setTabOrder(self.address, self.manager)
        QWidget.setTabOrder(self.manager, self.manager_phone)

        self.retranslateUi(UnitFields)
    # setupUi

    def retranslateUi(self, UnitFields):
        self.name_label.setText(QCoreApplication.translate("UnitFields", u"\u5355\u4f4d\u540d\u79f0", None))
        self.uscc_label.setText(QCoreApplication.translate("UnitFields", u"\u7edf\u4e00\u793e\u4f1a\u4fe1\u7528\u4ee3\u7801", None))
        self.uscc.setPlaceholderText(QCoreApplication.translate("UnitFields", u"18 \u4f4d\uff0c\u89c1\u6cd5\u4eba\u8bc1\u4e66\uff0c\u5982 12450123MB1965432W", None))
        self.admin_code_label.setText(QCoreApplication.translate("UnitFields", u"\u884c\u653f\u533a\u5212\u4ee3\u7801", None))
        self.admin_code.setPlaceholderText(QCoreApplication.translate("UnitFields", u"6 \u4f4d\uff0c\u5982 450103", None))
        self.kind_label.setText(QCoreApplication.translate("UnitFields", u"\u673a\u6784\u7c7b\u578b", None))
        self.level_label.setText(QCoreApplication.translate("UnitFields", u"\u884c\u653f\u5c42\u7ea7", None))
        self.party_organ_label.setText(QCoreApplication.translate("UnitFields", u"\u515a\u653f\u673a\u5173", None))
        self.party_organ.setText(QCoreApplication.translate("UnitFields", u"\u662f\u515a\u653f\u673a\u5173\uff08\u8282\u7ea6\u578b\u673a\u5173\u521b\u5efa\u6309\u53bf\u7ea7\u53ca\u4ee5\u4e0a\u515a\u653f\u673a\u5173\u7edf\u8ba1\uff09", None))
        self.zone_label.setText(QCoreApplication.translate("UnitFields", u"\u6c14\u5019\u533a", None))
        self.address_label.setText(QCoreApplication.translate("UnitFields", u"\u5730\u5740", None))
        self.manager_label.setText(QCoreApplication.translate("UnitFields", u"\u8282\u80fd\u7ba1\u7406\u5458", None))
        self.manager.setPlaceholderText(QCoreApplication.translate("UnitFields", u"\u8282\u80fd\u7ba1\u7406\u5458\u59d3\u540d", None))
        self.manager_phone_label.setText(QCoreApplication.translate("UnitFields", u"\u8054\u7cfb\u7535\u8bdd", None))
        pass
    # retranslateUi

