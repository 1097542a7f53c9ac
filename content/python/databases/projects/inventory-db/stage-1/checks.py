import sqlite3
from pathlib import Path

from stagecheck import check, fail, remove, run

# The learner may have tried the program in their folder: start without its data.
remove("inventory.db")


def rows_in_db():
    """(name, quantity) in inventory.db, read with sqlite3 as the brief's schema says."""
    if not Path("inventory.db").is_file():
        fail("Expected a file inventory.db in the project folder, but there is none.")
    connection = sqlite3.connect("inventory.db")
    try:
        return connection.execute("SELECT name, quantity FROM items ORDER BY name").fetchall()
    except sqlite3.Error as error:
        fail(f"Reading inventory.db with: SELECT name, quantity FROM items\nExpected it to work\nGot: {error}")
    finally:
        connection.close()


@check("list with no database says there are no items yet")
def _():
    run("inventory.py", "list").expect_code(0).expect_lines(["No items yet."])


@check("add stores a new item in inventory.db and prints the stock")
def _():
    remove("inventory.db")
    run("inventory.py", "add", "widget", "5").expect_code(0).expect_stdout("widget: 5 in stock\n")
    got = rows_in_db()
    if got != [("widget", 5)]:
        fail(f"After: python inventory.py add widget 5\nExpected the items table to hold [('widget', 5)]\nGot: {got}")


@check("adding more of an item adds to its stock")
def _():
    run("inventory.py", "add", "widget", "3").expect_code(0).expect_stdout("widget: 8 in stock\n")
    got = rows_in_db()
    if got != [("widget", 8)]:
        fail(f"After adding 5 widget, then 3 widget\nExpected the items table to hold [('widget', 8)]\nGot: {got}")


@check("list shows every item sorted by name")
def _():
    run("inventory.py", "add", "gadget", "2").expect_code(0)
    run("inventory.py", "add", "bolt", "40").expect_code(0)
    run("inventory.py", "list").expect_code(0).expect_lines(["bolt: 40", "gadget: 2", "widget: 8"])


@check("a name with spaces is one item")
def _():
    run("inventory.py", "add", "blue paint", "4").expect_code(0).expect_stdout("blue paint: 4 in stock\n")
    run("inventory.py", "list").expect_code(0).expect_lines(["blue paint: 4", "bolt: 40", "gadget: 2", "widget: 8"])


@check("a quantity that is not a positive whole number is refused")
def _():
    before = rows_in_db()
    for quantity in ["0", "-2", "1.5", "many"]:
        ran = run("inventory.py", "add", "widget", quantity).expect_code(1)
        ran.expect_in_stderr("Error: quantity must be a positive whole number")
        if rows_in_db() != before:
            fail(f"Ran: {ran.command}\nExpected the items table to stay {before}\nGot: {rows_in_db()}")


@check("an unknown command or wrong words print a usage line and exit with 2")
def _():
    for args in [["remove", "widget"], [], ["add", "widget"], ["list", "all"]]:
        run("inventory.py", *args).expect_code(2).expect_in_stderr("usage:")
