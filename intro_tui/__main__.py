"""``python -m intro_tui`` - the same as the ``intro-tui`` command."""

import sys

from .cli import main

sys.exit(main())
