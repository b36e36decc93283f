"""Printing documents with Qt's own PDF writer (QtGui only; the one package besides gui/ that imports Qt)."""
