"""Stock keeping for the shop, in inventory.db.

    python inventory.py add widget 5
    python inventory.py list
"""

import sys

import db


def main(args):
    """Runs the command in `args` (the words after the file name) and
    returns the exit status."""
    print("inventory.py does nothing yet: stage 1 asks for add and list.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
