"""Expense tracker: records what you spend, in expenses.csv.

    python tracker.py add 12.50 lunch
    python tracker.py list
"""

import sys

import storage


def add(amount_text, description):
    amount = float(amount_text)
    storage.append_expense(amount, description)
    print(f"Added {amount:.2f} for {description}")
    return 0


def main(args):
    """Runs the command in `args` (the words after the file name) and
    returns the exit status."""
    if len(args) == 3 and args[0] == "add":
        return add(args[1], args[2])
    print("usage: python tracker.py add AMOUNT DESCRIPTION")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
