"""The inventory database: inventory.db, an SQLite file.

Every query passes its values as parameters (the ? marks), never by
building SQL text from them, so a name like x'); DROP TABLE items;-- is
stored as the text it is.
"""

import sqlite3

FILE = "inventory.db"

SCHEMA = """CREATE TABLE IF NOT EXISTS items (
    name TEXT PRIMARY KEY,
    quantity INTEGER NOT NULL CHECK (quantity >= 0)
)"""


class InventoryError(Exception):
    """Something the user asked for that cannot be done; the message says why."""


def connect():
    """Opens inventory.db, creating it and its table when needed."""
    connection = sqlite3.connect(FILE)
    with connection:
        connection.execute(SCHEMA)
    return connection


def add(connection, name, quantity):
    """Adds `quantity` of `name`, a new item or more of one; returns the stock."""
    with connection:
        connection.execute(
            "INSERT INTO items (name, quantity) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET quantity = quantity + excluded.quantity",
            (name, quantity),
        )
    return stock_of(connection, name)


def stock_of(connection, name):
    row = connection.execute("SELECT quantity FROM items WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise InventoryError(f"no item named {name}")
    return row[0]


def items(connection):
    """(name, quantity) of every item, by name."""
    return connection.execute("SELECT name, quantity FROM items ORDER BY name").fetchall()

