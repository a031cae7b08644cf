"""``python -m petrograd1917.viewer`` — the same as the ``petrograd1917`` command."""

import sys

from .cli import main

sys.exit(main())
