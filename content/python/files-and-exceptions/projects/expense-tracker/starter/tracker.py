"""Expense tracker: records what you spend, in expenses.csv.

    python tracker.py add 12.50 lunch
    python tracker.py list
"""

import sys

import storage


def main(args):
    """Runs the command in `args` (the words after the file name) and
    returns the exit status."""
    print("tracker.py does nothing yet: stage 1 asks for the add command.")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
