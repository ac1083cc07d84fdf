"""``python -m tagwerk.cli``: the same as the ``tagwerk`` command."""

import sys

from tagwerk.cli import main

sys.exit(main())
