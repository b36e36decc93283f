# PyInstaller runtime hook of both executables (build.spec), in place of PyInstaller's own
# pyi_rth_multiprocessing: serve the processes that `bureau merge` starts, without importing
# multiprocessing at every start.
#
# `bureau merge` verifies many packets in a pool of "spawn" processes. Frozen, multiprocessing starts
# them as this same executable with `--multiprocessing-fork KEY=VALUE…`, and its resource tracker
# as `EXE [flags] -c "from multiprocessing.resource_tracker import main;main(FD)"`. PyInstaller's
# hook only prepares multiprocessing.freeze_support() for the program to call, and imports
# multiprocessing (~10 ms of CPU) at every start; gxjn never called it, so a frozen merge of 8 or more
# packets failed (BrokenProcessPool). Here such a child is recognised by its command line and served
# before anything else runs; every other start imports nothing.
import sys


def _serve_multiprocessing_child() -> None:
    argv = sys.argv
    if len(argv) >= 2 and argv[1] == "--multiprocessing-fork":
        import multiprocessing.spawn

        # The parent's __main__ is the frozen entry script, not a file to run again here: the
        # pool's work is in gxjn's own modules, which the child imports by name.
        multiprocessing.spawn._fixup_main_from_path = lambda main_path: None
        kwds = {}
        for arg in argv[2:]:
            name, _, value = arg.partition("=")
            kwds[name] = None if value == "None" else int(value)
        multiprocessing.spawn.spawn_main(**kwds)
        sys.exit(0)
    if "-c" in argv[1:-1]:
        import re

        pattern = r"from multiprocessing\.resource_tracker import main;\s*main\((\d+)\)"
        tracker = re.fullmatch(pattern, argv[argv.index("-c") + 1])
        if tracker:
            from multiprocessing.resource_tracker import main

            main(int(tracker.group(1)))
            sys.exit(0)


_serve_multiprocessing_child()
del _serve_multiprocessing_child
