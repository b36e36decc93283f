# PyInstaller runtime hook of both executables (build.spec, bench/bare.spec), run before every other
# hook: switch the import system to the one archive of Python modules the executables share,
# _internal/modules.pyz.
#
# PyInstaller embeds its archive of Python modules (PYZ) in every executable, so with gxjn and
# gxjn-cli it was on disk twice (2 × 6.4 MB). Here each executable embeds an empty one, and this
# hook points PyInstaller's importer at the shared archive. It uses two names inside PyInstaller's
# bootstrap module (the archive reader and its cached module tree), so it is tied to the pinned
# PyInstaller (requirements-build.lock): if they change, the program stops here with a clear
# message instead of starting half-broken, and the frozen --self-test in CI fails.
#
# Before the runtime hooks, PyInstaller's bootstrap imports ctypes (~5 ms, with libffi) to make
# ctypes look for libraries in the bundle first. With the embedded archive empty that import fails
# and the bootstrap goes on without it; the same set-up is done here instead when, and if, the
# program first imports ctypes (gxjn does only on Windows, to ask whether a drive is a network one).
import os
import sys


class _CtypesSetUp:
    """Finds nothing itself: on the first import of ctypes, has it loaded as usual, then set up."""

    @classmethod
    def find_spec(cls, name: str, path: object = None, target: object = None) -> object:
        if name != "ctypes":
            return None
        sys.meta_path.remove(cls)
        import importlib.util

        spec = importlib.util.find_spec("ctypes")
        if spec is None or spec.loader is None:
            return spec
        load = spec.loader.exec_module

        def load_and_set_up(module: object) -> None:
            load(module)
            import pyimod03_ctypes  # PyInstaller's own set-up, as its bootstrap would have run it

            pyimod03_ctypes.install()

        spec.loader.exec_module = load_and_set_up  # type: ignore[method-assign]
        return spec


def _use_shared_archive() -> None:
    import pyimod01_archive  # PyInstaller's bootstrap modules, always in the executable
    import pyimod02_importers

    if not hasattr(pyimod02_importers, "pyz_archive") or not hasattr(pyimod02_importers, "_pyz_tree"):
        raise RuntimeError("packaging/rth_shared_pyz.py does not fit this PyInstaller version")
    if "ctypes" in sys.modules:
        raise RuntimeError("ctypes was imported before packaging/rth_shared_pyz.py: the embedded archive is not empty")
    path = os.path.join(sys._MEIPASS, "modules.pyz")
    pyimod02_importers.pyz_archive = pyimod01_archive.ZlibArchiveReader(path, check_pymagic=True)
    pyimod02_importers._pyz_tree = None
    # Finders made so far still read the embedded archive: drop them, the next import makes new ones.
    for entry, finder in list(sys.path_importer_cache.items()):
        if type(finder).__name__ == "PyiFrozenFinder":
            del sys.path_importer_cache[entry]
    sys.meta_path.insert(0, _CtypesSetUp)


_use_shared_archive()
del _use_shared_archive
