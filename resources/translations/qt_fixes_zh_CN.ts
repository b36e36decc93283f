<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt strings that Qt's own qtbase_zh_CN.qm misses (its source texts changed in Qt 6, or were never
     translated), so the file dialog is all Chinese; and 撤销 where
     Qt's catalogue writes 撤消, so a field's right-click menu says what the 编辑 menu says. Compiled to qt_fixes_zh_CN.qm with
     pyside6-lrelease (tests/gui/test_file_dialog.py checks the .qm is current). -->
<TS version="2.1" language="zh_CN">
<context>
    <name>QFileDialog</name>
    <message><source>&amp;Look in:</source><translation>查找范围(&amp;L)：</translation></message>
    <message><source>Files of &amp;type:</source><translation>文件类型(&amp;T)：</translation></message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message><source>Folder</source><comment>All other platforms</comment><translation>文件夹</translation></message>
    <message><source>Folder</source><comment>Match OS X Finder</comment><translation>文件夹</translation></message>
    <message><source>Drive</source><translation>驱动器</translation></message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message><source>My Computer</source><translation>此电脑</translation></message>
    <message><source>Computer</source><translation>计算机</translation></message>
</context>
<context>
    <name>QLineEdit</name>
    <message><source>&amp;Undo</source><translation>撤销(&amp;U)</translation></message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message><source>&amp;Undo</source><translation>撤销(&amp;U)</translation></message>
</context>
</TS>
