"""Work off the UI thread: pure computations over a ledger snapshot (the review's rules) run in one
worker thread, and their results come back to the UI thread by a queued signal, so the window takes
keys and paints while the rules run (they take 0.2–1 s on a long history under load).

The jobs read the snapshot the window shows and fill its caches (``Ledger.meter_month_cached``);
:meth:`Ledger.apply` reads those caches while it builds the next snapshot, so every write waits for
the jobs already submitted (:meth:`Background.wait`, called by the one write path,
``Changer.perform``). A result is delivered only while the object that asked for it exists; the
receiver drops it when it no longer matches what is on screen.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot
from shiboken6 import isValid

T = TypeVar("T")


class Background(QObject):
    """One worker thread, jobs in the order they were submitted."""

    _finished = Signal(object)  # a callable that delivers the result (or raises the job's error)

    def __init__(self) -> None:
        super().__init__()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gxjn-background")
        self._pending: list[Future[None]] = []
        self._lock = threading.Lock()
        # Emitted from the worker, received by this object's slot in the UI thread (it lives there).
        self._finished.connect(self._deliver)

    def submit(self, owner: QObject, compute: Callable[[], T], done: Callable[[T], None]) -> None:
        """Run ``compute()`` in the worker; then ``done(result)`` in the UI thread if ``owner`` still
        exists. An exception of ``compute`` is raised in the UI thread instead (the window's
        excepthook shows it as it would any other)."""

        def job() -> None:
            try:
                result = compute()
            except Exception as exc:  # re-raised in the UI thread, where the excepthook shows it
                error = exc
                self._finished.emit(lambda: _raise(error) if isValid(owner) else None)
                return
            self._finished.emit(lambda: done(result) if isValid(owner) else None)

        with self._lock:
            self._pending = [f for f in self._pending if not f.done()]
            self._pending.append(self._pool.submit(job))

    @Slot(object)
    def _deliver(self, deliver: Callable[[], None]) -> None:
        deliver()

    def busy(self) -> bool:
        with self._lock:
            return any(not f.done() for f in self._pending)

    def wait(self) -> None:
        """Until every job submitted so far has finished (their results arrive later, as always)."""
        with self._lock:
            pending = list(self._pending)
        for f in pending:
            f.result()


def _raise(error: Exception) -> Any:
    raise error


_instance: list[Background] = []


def background() -> Background:
    """The window's one worker (made in the UI thread on first use; it lives as long as the program)."""
    if not _instance:
        _instance.append(Background())
    return _instance[0]
