"""`python -m papertui`."""

import sys

from papertui.cli import main

sys.exit(main())
