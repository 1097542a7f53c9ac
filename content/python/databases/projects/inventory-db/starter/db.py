"""The inventory database: inventory.db, an SQLite file."""

import sqlite3

FILE = "inventory.db"

# The table the brief asks for.
SCHEMA = """CREATE TABLE IF NOT EXISTS items (
    name TEXT PRIMARY KEY,
    quantity INTEGER NOT NULL CHECK (quantity >= 0)
)"""


def connect():
    """Opens inventory.db, creating it and its table when needed, and
    returns the connection."""
    raise NotImplementedError("stage 1")


def add(connection, name, quantity):
    """Adds `quantity` of `name` (a new item, or more of one); returns the
    stock now."""
    raise NotImplementedError("stage 1")


def items(connection):
    """(name, quantity) of every item, sorted by name."""
    raise NotImplementedError("stage 1")
