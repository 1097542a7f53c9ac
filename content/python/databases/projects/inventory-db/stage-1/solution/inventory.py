"""Stock keeping for the shop, in inventory.db.

    python inventory.py add widget 5
    python inventory.py list
"""

import contextlib
import sys

import db

USAGE = "usage: python inventory.py add NAME QUANTITY | list"


def parse_quantity(text):
    if not text.isdecimal() or int(text) == 0:  # isdecimal: digits only, so no "-2" or "1.5"
        raise db.InventoryError("quantity must be a positive whole number")
    return int(text)


def show(rows, empty):
    if not rows:
        print(empty)
    for name, quantity in rows:
        print(f"{name}: {quantity}")


def run(connection, args):
    """Runs one command; returns False when the words are not a command."""
    match args:
        case ["add", name, quantity]:
            stock = db.add(connection, name, parse_quantity(quantity))
            print(f"{name}: {stock} in stock")
        case ["list"]:
            show(db.items(connection), "No items yet.")
        case _:
            return False
    return True


def main(args):
    try:
        with contextlib.closing(db.connect()) as connection:
            if not run(connection, args):
                print(USAGE, file=sys.stderr)
                return 2
    except db.InventoryError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
