"""`python -m factsheet`: the same command as `factsheet`."""
import sys

from .cli import main

sys.exit(main())
