"""Error classes shared by every layer (no Qt, no SQL).

A :class:`UserError` is an expected problem the user can fix: its ``message`` says what is wrong
and its ``hint`` how to fix it, both in Chinese. Anything else that escapes is a bug and is
logged with its traceback by the entry points.
"""

from __future__ import annotations


class GxjnError(Exception):
    """Base of all errors the program raises on purpose."""


class UserError(GxjnError):
    """Something the user asked for cannot be done as asked."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def one_line(self) -> str:
        """The message and hint as the single line the command line prints."""
        return f"{self.message}{'；' + self.hint if self.hint else ''}"


class InvalidNumber(UserError):
    """A typed or imported number could not be read."""


class StorageError(GxjnError):
    """The database or the disk refused (locked, full, read-only, damaged, too new)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def one_line(self) -> str:
        return f"{self.message}{'；' + self.hint if self.hint else ''}"
