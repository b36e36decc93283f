"""``python -m gxjn_desktop.cli`` is the same program as ``gxjn-cli``."""

import sys

from gxjn_desktop.cli.main import main

sys.exit(main())
