"""Expense tracker: records what you spend, in expenses.csv.

    python tracker.py add 12.50 lunch
    python tracker.py list
"""

import math
import sys

import storage

USAGE = "usage: python tracker.py add AMOUNT DESCRIPTION | list"


def parse_amount(text):
    """The amount in `text` as a float, or ValueError when it is not a
    positive number. ("nan" and "inf" parse as floats, so they are
    refused here too.)"""
    amount = float(text)  # raises ValueError for "abc" or "12,50"
    if not math.isfinite(amount) or amount <= 0:
        raise ValueError(f"not a positive number: {text}")
    return amount


def add(amount_text, description):
    try:
        amount = parse_amount(amount_text)
    except ValueError:
        # Check everything before touching the file: a bad command must
        # leave expenses.csv exactly as it was.
        print("Error: amount must be a positive number", file=sys.stderr)
        return 1
    storage.append_expense(amount, description)
    print(f"Added {amount:.2f} for {description}")
    return 0


def list_expenses():
    expenses = storage.read_expenses()
    if not expenses:
        print("No expenses yet.")
        return 0
    for number, (amount, description) in enumerate(expenses, start=1):
        print(f"{number}. {amount:.2f} {description}")
    print(f"Total: {sum(amount for amount, _ in expenses):.2f}")
    return 0


def main(args):
    """Runs the command in `args` (the words after the file name) and
    returns the exit status."""
    if len(args) == 3 and args[0] == "add":
        return add(args[1], args[2])
    if args == ["list"]:
        return list_expenses()
    # Errors go to stderr, so output piped elsewhere stays clean; 2 is the
    # usual status for "you called me wrongly".
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
