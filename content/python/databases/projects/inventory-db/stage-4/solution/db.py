"""The inventory database: inventory.db, an SQLite file.

Every query passes its values as parameters (the ? marks), never by
building SQL text from them, so a name like x'); DROP TABLE items;-- is
stored as the text it is.
"""

import sqlite3

FILE = "inventory.db"

# MIGRATIONS[n] takes a database from schema version n to n + 1. The
# version lives in the file itself, in PRAGMA user_version (0 in a new
# file, and in files made before versions were counted).
MIGRATIONS = [
    # 0 -> 1: the items table
    """CREATE TABLE IF NOT EXISTS items (
        name TEXT PRIMARY KEY,
        quantity INTEGER NOT NULL CHECK (quantity >= 0)
    )""",
    # 1 -> 2: a price per item, in cents
    "ALTER TABLE items ADD COLUMN price INTEGER NOT NULL DEFAULT 0",
]
VERSION = len(MIGRATIONS)


class InventoryError(Exception):
    """Something the user asked for that cannot be done; the message says why."""


def connect():
    """Opens inventory.db, creating or upgrading it to the current schema."""
    connection = sqlite3.connect(FILE)
    try:
        migrate(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def migrate(connection):
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > VERSION:
        raise InventoryError(f"{FILE} is from a newer version of this program (schema {version})")
    # One transaction per step: the ALTER and the new version number are
    # saved together, or (if anything fails) not at all.
    for step in range(version, VERSION):
        with connection:
            connection.execute(MIGRATIONS[step])
            # PRAGMA takes no ? parameters; step + 1 is our own int.
            connection.execute(f"PRAGMA user_version = {step + 1}")


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


def sell(connection, name, quantity):
    """Takes `quantity` of `name` out of stock; returns what is left."""
    with connection:  # one transaction: the check and the update together
        stock = stock_of(connection, name)
        if quantity > stock:
            raise InventoryError(f"only {stock} {name} in stock")
        connection.execute("UPDATE items SET quantity = quantity - ? WHERE name = ?", (quantity, name))
    return stock - quantity


def items(connection):
    """(name, quantity) of every item, by name."""
    return connection.execute("SELECT name, quantity FROM items ORDER BY name").fetchall()


def search(connection, text):
    """(name, quantity) of the items whose name contains `text`, ignoring
    case. instr() looks for plain text: unlike LIKE, it gives % and _ no
    special meaning."""
    return connection.execute(
        "SELECT name, quantity FROM items WHERE instr(lower(name), lower(?)) > 0 ORDER BY name",
        (text,),
    ).fetchall()


def set_price(connection, name, cents):
    with connection:
        changed = connection.execute("UPDATE items SET price = ? WHERE name = ?", (cents, name)).rowcount
    if changed == 0:
        raise InventoryError(f"no item named {name}")

