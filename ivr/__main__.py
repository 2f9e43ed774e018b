"""`python -m ivr COMMAND`: see `python -m ivr --help`."""
import sys

from ivr.tools.cli import main

sys.exit(main())
