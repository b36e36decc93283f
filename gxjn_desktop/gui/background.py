"""Work off the UI thread: pure computations over a ledger snapshot (the review's rules) run in one
worker thread, and their results come back to the UI thread by a queued signal, so the window takes
keys and paints while the rules run (they take 0.2–1 s on a long history under load).

The jobs read the snapshot the window shows and fill its caches (``Ledger.meter_month_cached``);
:meth:`Ledger.apply` copies those caches in single steps and changes nothing of the old snapshot, so
a write does not wait for the jobs. A result is delivered only while the object that asked for it
exists; the receiver drops it when it no longer matches what is on screen.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal, SignalInstance, Slot
from shiboken6 import isValid

T = TypeVar("T")

#: Seconds a thread holds the interpreter lock before another that waits for it gets it.
SWITCH_INTERVAL = 0.001


class Background(QObject):
    """One worker thread, jobs in the order they were submitted."""

    _finished = Signal(object)  # a callable that delivers the result (or raises the job's error)

    def __init__(self) -> None:
        super().__init__()
        # The UI thread waits for the interpreter lock at every call into Python (a cell's data, a
        # timer): while a job runs, up to the switch interval each time. Python's 5 ms made a grid
        # repaint during a job take 50–70 ms at 20 years of history; 1 ms keeps it near its own cost.
        sys.setswitchinterval(SWITCH_INTERVAL)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gxjn-background")
        self._pending: list[Future[None]] = []
        self._lock = threading.Lock()
        self.worked = 0.0  # seconds the jobs have run (the bench compares the window's stalls with it)
        # Emitted from the worker, received by this object's slot in the UI thread (it lives there).
        self._finished.connect(self._deliver)

    def submit(self, owner: QObject, compute: Callable[[], T], done: Callable[[T], None]) -> None:
        """Run ``compute()`` in the worker; then ``done(result)`` in the UI thread if ``owner`` still
        exists. An exception of ``compute`` is raised in the UI thread instead (the window's
        excepthook shows it as it would any other)."""

        def job() -> None:
            start = time.perf_counter()
            try:
                result = compute()
            except Exception as exc:  # re-raised in the UI thread, where the excepthook shows it
                error = exc
                self._finished.emit(lambda: _raise(error) if isValid(owner) else None)
                return
            finally:
                self.worked += time.perf_counter() - start
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


def report_stalls(
    window: QObject,
    warmed_up: Callable[[], bool],
    findings_shown: SignalInstance,
    then: Callable[[], Callable[[], bool]] | None = None,
) -> None:
    """Bench (``GXJN_EXIT_AFTER_PAINT=stalls``): from the grid on screen until the warm-up
    (``warmed_up``), the grid's findings and the background's jobs are done, how late a 10 ms timer
    fired at worst (the UI thread was busy that long: a key pressed then waited as long), and how
    long the background's jobs ran meanwhile (what the window would have been frozen for had they run
    in it). Then ``then()`` (概览 shown), measured the same way until the predicate it returns holds
    and the jobs are done (line ``then``). Then quit."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    worker, timer = background(), QTimer(window)
    worked, last, worst = worker.worked, [time.perf_counter()], [0.0]
    shown = [False]
    findings_shown.connect(lambda: shown.__setitem__(0, True))
    done: list[Callable[[], bool]] = [lambda: shown[0] and warmed_up()]
    word = ["stalls"]

    def tick() -> None:
        nonlocal worked
        now = time.perf_counter()
        worst[0] = max(worst[0], now - last[0] - timer.interval() / 1000)
        last[0] = now
        if done[0]() and not worker.busy():
            sys.stdout.write(f"{word[0]} {worst[0] * 1000:.1f} worked {(worker.worked - worked) * 1000:.1f}\n")
            sys.stdout.flush()
            if then is None or word[0] == "then":
                timer.stop()
                QApplication.quit()
                return
            word[0], worst[0], worked = "then", 0.0, worker.worked
            done[0] = then()
            last[0] = time.perf_counter()

    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
