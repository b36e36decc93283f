"""Generated from the Qt Designer files in ui/ by scripts/compile_ui.py: do not edit the ui_*.py
modules. A widget class composes its form (``self.ui = Ui_X(); self.ui.setupUi(self)``) and keeps
the logic; see docs/architecture.md, "Forms"."""
