import sqlite3

from stagecheck import check, fail, remove, run

# The learner may have tried the program in their folder: start without its data.
remove("inventory.db")

# What the program of stages 1-3 made: the stage 1 table, user_version 0.
OLD_SCHEMA = """CREATE TABLE items (
    name TEXT PRIMARY KEY,
    quantity INTEGER NOT NULL CHECK (quantity >= 0)
)"""
OLD_ROWS = [("bolt", 40), ("gadget", 0), ("widget", 5)]
MADE_OLD = ("inventory.db as the program of stages 1-3 made it (the items table without price, "
            "user_version 0) with the rows " + repr(OLD_ROWS))


def make_old_database():
    remove("inventory.db")
    connection = sqlite3.connect("inventory.db")
    with connection:
        connection.execute(OLD_SCHEMA)
        connection.executemany("INSERT INTO items (name, quantity) VALUES (?, ?)", OLD_ROWS)
    connection.close()


def query(sql, *params):
    connection = sqlite3.connect("inventory.db")
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def expect_version_2(after):
    version = query("PRAGMA user_version")[0][0]
    columns = [row[1] for row in query("PRAGMA table_info(items)")]
    if version != 2 or "price" not in columns:
        fail(f"{after}\nExpected inventory.db at schema version 2: PRAGMA user_version = 2, and a price column "
             f"in items\nGot: user_version = {version}, columns {columns}")


@check("a new database is made at schema version 2, with a price column")
def _():
    run("inventory.py", "add", "widget", "5").expect_code(0).expect_stdout("widget: 5 in stock\n")
    expect_version_2("After: python inventory.py add widget 5, with no inventory.db before")
    got = query("SELECT name, quantity, price FROM items")
    if got != [("widget", 5, 0)]:
        fail(f"After: python inventory.py add widget 5\nExpected the rows (name, quantity, price) "
             f"[('widget', 5, 0)]: a new item costs 0 until a price is set\nGot: {got}")


@check("an old database is upgraded in place, keeping every row")
def _():
    make_old_database()
    ran = run("inventory.py", "list")
    if ran.code != 0 or [l.strip() for l in ran.stdout.splitlines() if l.strip()] != ["bolt: 40", "gadget: 0", "widget: 5"]:
        fail(f"With {MADE_OLD}\nRan: {ran.command}\nExpected exit status 0 and the lines bolt: 40, gadget: 0, "
             f"widget: 5\nGot exit status {ran.code} and this output:\n{ran.stdout or '(nothing)'}"
             + (f"\nIt printed this error:\n{ran.stderr[-1500:]}" if ran.stderr.strip() else ""))
    expect_version_2(f"With {MADE_OLD}\nAfter: {ran.command}")
    got = query("SELECT name, quantity, price FROM items ORDER BY name")
    want = [(name, quantity, 0) for name, quantity in OLD_ROWS]
    if got != want:
        fail(f"With {MADE_OLD}\nAfter: {ran.command}\nExpected the rows (name, quantity, price) {want}\nGot: {got}")


@check("an upgraded database keeps working on the next runs")
def _():
    run("inventory.py", "add", "bolt", "10").expect_code(0).expect_stdout("bolt: 50 in stock\n")
    run("inventory.py", "list").expect_code(0).expect_lines(["bolt: 50", "gadget: 0", "widget: 5"])
    expect_version_2("After upgrading an old inventory.db, then two more runs")


@check("price sets an item's price, stored in cents")
def _():
    run("inventory.py", "price", "widget", "2.5").expect_code(0).expect_stdout("widget now costs 2.50\n")
    run("inventory.py", "price", "bolt", "0.05").expect_code(0).expect_stdout("bolt now costs 0.05\n")
    got = query("SELECT name, price FROM items ORDER BY name")
    if got != [("bolt", 5), ("gadget", 0), ("widget", 250)]:
        fail("After: python inventory.py price widget 2.5, then price bolt 0.05\n"
             "Expected the prices in cents [('bolt', 5), ('gadget', 0), ('widget', 250)]\n"
             f"Got: {got}")


@check("a bad price, or an unknown item, is refused and changes nothing")
def _():
    before = query("SELECT name, quantity, price FROM items ORDER BY name")
    for amount in ["cheap", "-1", "2.505"]:
        ran = run("inventory.py", "price", "widget", amount).expect_code(1)
        ran.expect_in_stderr("Error: price must be an amount like 2.50")
    ran = run("inventory.py", "price", "sprocket", "1").expect_code(1).expect_in_stderr("Error: no item named sprocket")
    after = query("SELECT name, quantity, price FROM items ORDER BY name")
    if after != before:
        fail(f"After refused price commands (the last: {ran.command})\nExpected the rows to stay {before}\nGot: {after}")


@check("a database from a newer version is refused, not changed")
def _():
    remove("inventory.db")
    connection = sqlite3.connect("inventory.db")
    connection.execute("PRAGMA user_version = 7")
    connection.close()
    ran = run("inventory.py", "list").expect_code(1).expect_in_stderr("newer version")
    version = query("PRAGMA user_version")[0][0]
    if version != 7:
        fail(f"With an inventory.db at user_version 7\nRan: {ran.command}\nExpected user_version to stay 7\n"
             f"Got: {version}")
