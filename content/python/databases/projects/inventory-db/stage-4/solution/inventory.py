"""Stock keeping for the shop, in inventory.db.

    python inventory.py add widget 5
    python inventory.py sell widget 2
    python inventory.py list
    python inventory.py search wid
    python inventory.py price widget 2.50
"""

import contextlib
import re
import sys

import db

USAGE = ("usage: python inventory.py add NAME QUANTITY | sell NAME QUANTITY | list | search TEXT"
         " | price NAME AMOUNT")


def parse_quantity(text):
    if not text.isdecimal() or int(text) == 0:  # isdecimal: digits only, so no "-2" or "1.5"
        raise db.InventoryError("quantity must be a positive whole number")
    return int(text)


def parse_price(text):
    """'2.5' or '2.50' -> 250 cents; at most two decimals, never negative."""
    if not re.fullmatch(r"\d+(\.\d{1,2})?", text):
        raise db.InventoryError("price must be an amount like 2.50")
    units, _, cents = text.partition(".")
    return int(units) * 100 + int(cents.ljust(2, "0"))


def money(cents):
    return f"{cents // 100}.{cents % 100:02d}"


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
        case ["sell", name, quantity]:
            count = parse_quantity(quantity)
            left = db.sell(connection, name, count)
            print(f"Sold {count} {name}, {left} left")
        case ["list"]:
            show(db.items(connection), "No items yet.")
        case ["search", text]:
            show(db.search(connection, text), f'No items match "{text}".')
        case ["price", name, amount]:
            cents = parse_price(amount)
            db.set_price(connection, name, cents)
            print(f"{name} now costs {money(cents)}")
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
