"""``python -m viewer`` — the same as the ``petrograd1917`` command."""

import sys

from viewer.cli import main

sys.exit(main())
