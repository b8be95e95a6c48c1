"""``python -m cluster_sim``: the same command as ``cluster-sim`` (for a venv whose scripts are not on PATH)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
