# Generated from ui/unit_screen.ui by scripts/compile_ui.py: do not edit. Edit the .ui file and rerun the script.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'unit_screen.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QDateEdit, QFormLayout,
    QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpacerItem, QSpinBox,
    QVBoxLayout, QWidget)

class Ui_UnitScreen(object):
    def setupUi(self, UnitScreen):
        if not UnitScreen.objectName():
            UnitScreen.setObjectName(u"UnitScreen")
        self.outer = QHBoxLayout(UnitScreen)
        self.outer.setObjectName(u"outer")
        self.unit_box = QGroupBox(UnitScreen)
        self.unit_box.setObjectName(u"unit_box")
        self.unit_layout = QVBoxLayout(self.unit_box)
        self.unit_layout.setObjectName(u"unit_layout")
        self.save_unit_button = QPushButton(self.unit_box)
        self.save_unit_button.setObjectName(u"save_unit_button")

        self.unit_layout.addWidget(self.save_unit_button)


        self.outer.addWidget(self.unit_box, 0, Qt.AlignTop)

        self.prof_box = QGroupBox(UnitScreen)
        self.prof_box.setObjectName(u"prof_box")
        self.profile_form = QFormLayout(self.prof_box)
        self.profile_form.setObjectName(u"profile_form")
        self.year_label = QLabel(self.prof_box)
        self.year_label.setObjectName(u"year_label")

        self.profile_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.year_label)

        self.year = QSpinBox(self.prof_box)
        self.year.setObjectName(u"year")
        self.year.setMinimum(2000)
        self.year.setMaximum(2100)

        self.profile_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.year)

        self.people_label = QLabel(self.prof_box)
        self.people_label.setObjectName(u"people_label")

        self.profile_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.people_label)

        self.people_row = QHBoxLayout()
        self.people_row.setObjectName(u"people_row")
        self.people = QLineEdit(self.prof_box)
        self.people.setObjectName(u"people")

        self.people_row.addWidget(self.people)

        self.people_source = QLineEdit(self.prof_box)
        self.people_source.setObjectName(u"people_source")

        self.people_row.addWidget(self.people_source)

        self.people_row.setStretch(0, 1)
        self.people_row.setStretch(1, 2)

        self.profile_form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.people_row)

        self.area_label = QLabel(self.prof_box)
        self.area_label.setObjectName(u"area_label")

        self.profile_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.area_label)

        self.area_row = QHBoxLayout()
        self.area_row.setObjectName(u"area_row")
        self.area = QLineEdit(self.prof_box)
        self.area.setObjectName(u"area")

        self.area_row.addWidget(self.area)

        self.area_source = QLineEdit(self.prof_box)
        self.area_source.setObjectName(u"area_source")

        self.area_row.addWidget(self.area_source)

        self.area_row.setStretch(0, 1)
        self.area_row.setStretch(1, 2)

        self.profile_form.setLayout(2, QFormLayout.ItemRole.FieldRole, self.area_row)

        self.staff_quota_label = QLabel(self.prof_box)
        self.staff_quota_label.setObjectName(u"staff_quota_label")

        self.profile_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.staff_quota_label)

        self.staff_quota = QLineEdit(self.prof_box)
        self.staff_quota.setObjectName(u"staff_quota")

        self.profile_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.staff_quota)

        self.heated_area_label = QLabel(self.prof_box)
        self.heated_area_label.setObjectName(u"heated_area_label")

        self.profile_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.heated_area_label)

        self.heated_area = QLineEdit(self.prof_box)
        self.heated_area.setObjectName(u"heated_area")

        self.profile_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.heated_area)

        self.canteen = QCheckBox(self.prof_box)
        self.canteen.setObjectName(u"canteen")

        self.profile_form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.canteen)

        self.canteen_seats_label = QLabel(self.prof_box)
        self.canteen_seats_label.setObjectName(u"canteen_seats_label")

        self.profile_form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.canteen_seats_label)

        self.canteen_seats = QSpinBox(self.prof_box)
        self.canteen_seats.setObjectName(u"canteen_seats")
        self.canteen_seats.setMaximum(99999)

        self.profile_form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.canteen_seats)

        self.data_centre = QCheckBox(self.prof_box)
        self.data_centre.setObjectName(u"data_centre")

        self.profile_form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.data_centre)

        self.dc_area_label = QLabel(self.prof_box)
        self.dc_area_label.setObjectName(u"dc_area_label")

        self.profile_form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.dc_area_label)

        self.dc_area = QLineEdit(self.prof_box)
        self.dc_area.setObjectName(u"dc_area")

        self.profile_form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.dc_area)

        self.fuel_vehicles_label = QLabel(self.prof_box)
        self.fuel_vehicles_label.setObjectName(u"fuel_vehicles_label")

        self.profile_form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.fuel_vehicles_label)

        self.fuel_vehicles = QSpinBox(self.prof_box)
        self.fuel_vehicles.setObjectName(u"fuel_vehicles")
        self.fuel_vehicles.setMaximum(999)

        self.profile_form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.fuel_vehicles)

        self.ne_vehicles_label = QLabel(self.prof_box)
        self.ne_vehicles_label.setObjectName(u"ne_vehicles_label")

        self.profile_form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.ne_vehicles_label)

        self.ne_vehicles = QSpinBox(self.prof_box)
        self.ne_vehicles.setObjectName(u"ne_vehicles")
        self.ne_vehicles.setMaximum(999)

        self.profile_form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.ne_vehicles)

        self.head_label = QLabel(self.prof_box)
        self.head_label.setObjectName(u"head_label")

        self.profile_form.setWidget(11, QFormLayout.ItemRole.LabelRole, self.head_label)

        self.head = QLineEdit(self.prof_box)
        self.head.setObjectName(u"head")

        self.profile_form.setWidget(11, QFormLayout.ItemRole.FieldRole, self.head)

        self.statistician_label = QLabel(self.prof_box)
        self.statistician_label.setObjectName(u"statistician_label")

        self.profile_form.setWidget(12, QFormLayout.ItemRole.LabelRole, self.statistician_label)

        self.statistician = QLineEdit(self.prof_box)
        self.statistician.setObjectName(u"statistician")

        self.profile_form.setWidget(12, QFormLayout.ItemRole.FieldRole, self.statistician)

        self.preparer_label = QLabel(self.prof_box)
        self.preparer_label.setObjectName(u"preparer_label")

        self.profile_form.setWidget(13, QFormLayout.ItemRole.LabelRole, self.preparer_label)

        self.preparer = QLineEdit(self.prof_box)
        self.preparer.setObjectName(u"preparer")

        self.profile_form.setWidget(13, QFormLayout.ItemRole.FieldRole, self.preparer)

        self.report_date_label = QLabel(self.prof_box)
        self.report_date_label.setObjectName(u"report_date_label")

        self.profile_form.setWidget(14, QFormLayout.ItemRole.LabelRole, self.report_date_label)

        self.report_date = QDateEdit(self.prof_box)
        self.report_date.setObjectName(u"report_date")
        self.report_date.setDisplayFormat(u"yyyy-MM-dd")
        self.report_date.setCalendarPopup(True)
        self.report_date.setMinimumDate(QDate(2000, 1, 1))

        self.profile_form.setWidget(14, QFormLayout.ItemRole.FieldRole, self.report_date)

        self.profile_error = QLabel(self.prof_box)
        self.profile_error.setObjectName(u"profile_error")

        self.profile_form.setWidget(15, QFormLayout.ItemRole.SpanningRole, self.profile_error)

        self.save_profile_button = QPushButton(self.prof_box)
        self.save_profile_button.setObjectName(u"save_profile_button")

        self.profile_form.setWidget(16, QFormLayout.ItemRole.SpanningRole, self.save_profile_button)


        self.outer.addWidget(self.prof_box, 0, Qt.AlignTop)

        self.outer_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outer.addItem(self.outer_spacer)

        self.outer.setStretch(0, 1)
        self.outer.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.year_label.setBuddy(self.year)
        self.people_label.setBuddy(self.people)
        self.area_label.setBuddy(self.area)
        self.staff_quota_label.setBuddy(self.staff_quota)
        self.heated_area_label.setBuddy(self.heated_area)
        self.canteen_seats_label.setBuddy(self.canteen_seats)
        self.dc_area_label.setBuddy(self.dc_area)
        self.fuel_vehicles_label.setBuddy(self.fuel_vehicles)
        self.ne_vehicles_label.setBuddy(self.ne_vehicles)
        self.head_label.setBuddy(self.head)
        self.statistician_label.setBuddy(self.statistician)
        self.preparer_label.setBuddy(self.preparer)
        self.report_date_label.setBuddy(self.report_date)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.save_unit_button, self.year)
        QWidget.setTabOrder(self.year, self.people)
        QWidget.setTabOrder(self.people, self.people_source)
        QWidget.setTabOrder(self.people_source, self.area)
        QWidget.setTabOrder(self.area, self.area_source)
        QWidget.setTabOrder(self.area_source, self.staff_quota)
        QWidget.setTabOrder(self.staff_quota, self.heated_area)
        QWidget.setTabOrder(self.heated_area, self.canteen)
        QWidget.setTabOrder(self.canteen, self.canteen_seats)
        QWidget.setTabOrder(self.canteen_seats, self.data_centre)
        QWidget.setTabOrder(self.data_centre, self.dc_area)
        QWidget.setTabOrder(self.dc_area, self.fuel_vehicles)
        QWidget.setTabOrder(self.fuel_vehicles, self.ne_vehicles)
        QWidget.setTabOrder(self.ne_vehicles, self.head)
        QWidget.setTabOrder(self.head, self.statistician)
        QWidget.setTabOrder(self.statistician, self.preparer)
        QWidget.setTabOrder(self.preparer, self.report_date)
        QWidget.setTabOrder(self.report_date, self.save_profile_button)

        self.retranslateUi(UnitScreen)
    # setupUi

    def retranslateUi(self, UnitScreen):
        self.unit_box.setTitle(QCoreApplication.translate("UnitScreen", u"\u5355\u4f4d", None))
        self.save_unit_button.setText(QCoreApplication.translate("UnitScreen", u"\u4fdd\u5b58\u5355\u4f4d\u4fe1\u606f(&U)", None))
        self.prof_box.setTitle(QCoreApplication.translate("UnitScreen", u"\u5e74\u5ea6\u57fa\u672c\u60c5\u51b5", None))
        self.year_label.setText(QCoreApplication.translate("UnitScreen", u"\u5e74\u5ea6", None))
        self.year.setSuffix(QCoreApplication.translate("UnitScreen", u" \u5e74", None))
        self.people_label.setText(QCoreApplication.translate("UnitScreen", u"\u7528\u80fd\u4eba\u6570\uff08\u4eba\uff09", None))
        self.people_source.setPlaceholderText(QCoreApplication.translate("UnitScreen", u"\u6570\u636e\u6765\u6e90\uff0c\u5982 \u4eba\u4e8b\u82b1\u540d\u518c", None))
        self.area_label.setText(QCoreApplication.translate("UnitScreen", u"\u5efa\u7b51\u9762\u79ef\uff08m\u00b2\uff09", None))
        self.area_source.setPlaceholderText(QCoreApplication.translate("UnitScreen", u"\u6570\u636e\u6765\u6e90\uff0c\u5982 \u623f\u4ea7\u8bc1", None))
        self.staff_quota_label.setText(QCoreApplication.translate("UnitScreen", u"\u7f16\u5236\u4eba\u6570", None))
        self.heated_area_label.setText(QCoreApplication.translate("UnitScreen", u"\u4f9b\u6696\u9762\u79ef\uff08m\u00b2\uff09", None))
        self.canteen.setText(QCoreApplication.translate("UnitScreen", u"\u6709\u98df\u5802", None))
        self.canteen_seats_label.setText(QCoreApplication.translate("UnitScreen", u"\u98df\u5802\u5ea7\u4f4d\u6570", None))
        self.data_centre.setText(QCoreApplication.translate("UnitScreen", u"\u6709\u6570\u636e\u4e2d\u5fc3\u673a\u623f", None))
        self.dc_area_label.setText(QCoreApplication.translate("UnitScreen", u"\u673a\u623f\u9762\u79ef\uff08m\u00b2\uff09", None))
        self.fuel_vehicles_label.setText(QCoreApplication.translate("UnitScreen", u"\u71c3\u6cb9\u516c\u52a1\u8f66\uff08\u8f86\uff09", None))
        self.ne_vehicles_label.setText(QCoreApplication.translate("UnitScreen", u"\u65b0\u80fd\u6e90\u516c\u52a1\u8f66\uff08\u8f86\uff09", None))
        self.head_label.setText(QCoreApplication.translate("UnitScreen", u"\u5355\u4f4d\u8d1f\u8d23\u4eba", None))
        self.statistician_label.setText(QCoreApplication.translate("UnitScreen", u"\u7edf\u8ba1\u8d1f\u8d23\u4eba", None))
        self.preparer_label.setText(QCoreApplication.translate("UnitScreen", u"\u586b\u8868\u4eba", None))
        self.report_date_label.setText(QCoreApplication.translate("UnitScreen", u"\u62a5\u51fa\u65e5\u671f", None))
        self.report_date.setSpecialValueText(QCoreApplication.translate("UnitScreen", u"\u672a\u586b", None))
        self.save_profile_button.setText(QCoreApplication.translate("UnitScreen", u"\u4fdd\u5b58\u5e74\u5ea6\u60c5\u51b5(&N)", None))
        pass
    # retranslateUi

