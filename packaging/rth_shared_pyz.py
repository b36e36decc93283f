# PyInstaller runtime hook of both executables (build.spec, bench/bare.spec), run before every other
# hook: switch the import system to the one archive of Python modules the executables share,
# _internal/modules.pyz.
#
# PyInstaller embeds its archive of Python modules (PYZ) in every executable, so with gxjn and
# gxjn-cli it was on disk twice (2 × 6.4 MB). Here each executable embeds only the few modules its
# bootstrap imports before the runtime hooks run (ctypes: packaging/freeze_rules.BOOT_MODULES), and
# this hook points PyInstaller's importer at the shared archive. It uses two names inside
# PyInstaller's bootstrap module (the archive reader and its cached module tree), so it is tied to
# the pinned PyInstaller (requirements-build.lock): if they change, the program stops here with a
# clear message instead of starting half-broken, and the frozen --self-test in CI fails.
import os
import sys


def _use_shared_archive() -> None:
    import pyimod01_archive  # PyInstaller's bootstrap modules, always in the executable
    import pyimod02_importers

    if not hasattr(pyimod02_importers, "pyz_archive") or not hasattr(pyimod02_importers, "_pyz_tree"):
        raise RuntimeError("packaging/rth_shared_pyz.py does not fit this PyInstaller version")
    archive = pyimod01_archive.ZlibArchiveReader(os.path.join(sys._MEIPASS, "modules.pyz"), check_pymagic=True)
    if "ctypes" in archive.toc and "ctypes" not in sys.modules:  # the bootstrap's ctypes set-up needs it
        raise RuntimeError("ctypes is missing from the executable's own archive (freeze_rules.BOOT_MODULES)")
    pyimod02_importers.pyz_archive = archive
    pyimod02_importers._pyz_tree = None
    # Finders made so far still read the embedded archive: drop them, the next import makes new ones.
    for entry, finder in list(sys.path_importer_cache.items()):
        if type(finder).__name__ == "PyiFrozenFinder":
            del sys.path_importer_cache[entry]


_use_shared_archive()
del _use_shared_archive
