import sqlite3

from stagecheck import check, fail, remove, run

# The learner may have tried the program in their folder: start without its data.
remove("inventory.db")

NASTY = "x'); DROP TABLE items;--"


@check("search lists the items whose name contains the text, ignoring case")
def _():
    for name, quantity in [("widget", "5"), ("Widget Pro", "2"), ("gadget", "7"), ("bolt", "40")]:
        run("inventory.py", "add", name, quantity).expect_code(0)
    run("inventory.py", "search", "wid").expect_code(0).expect_lines(["Widget Pro: 2", "widget: 5"])
    run("inventory.py", "search", "GADG").expect_code(0).expect_lines(["gadget: 7"])


@check("search with no match says so")
def _():
    run("inventory.py", "search", "sprocket").expect_code(0).expect_lines(['No items match "sprocket".'])


@check("a name full of SQL is stored as plain text")
def _():
    run("inventory.py", "add", NASTY, "3").expect_code(0).expect_stdout(f"{NASTY}: 3 in stock\n")
    connection = sqlite3.connect("inventory.db")
    try:
        got = connection.execute("SELECT quantity FROM items WHERE name = ?", (NASTY,)).fetchall()
    except sqlite3.Error as error:
        fail(f"Ran: python inventory.py add \"{NASTY}\" 3\nExpected the items table to still be there, "
             f"with that name in it\nGot: {error}")
    finally:
        connection.close()
    if got != [(3,)]:
        fail(f"Ran: python inventory.py add \"{NASTY}\" 3\nExpected a row with exactly that name and quantity 3\n"
             f"Got: {got}")
    run("inventory.py", "list").expect_code(0).expect_lines(
        ["Widget Pro: 2", "bolt: 40", "gadget: 7", "widget: 5", f"{NASTY}: 3"])


@check("search and sell take quotes and SQL as plain text too")
def _():
    run("inventory.py", "search", "'); DROP").expect_code(0).expect_lines([f"{NASTY}: 3"])
    run("inventory.py", "sell", NASTY, "1").expect_code(0).expect_stdout(f"Sold 1 {NASTY}, 2 left\n")
    run("inventory.py", "add", "O'Brien's tea", "6").expect_code(0)
    run("inventory.py", "search", "o'b").expect_code(0).expect_lines(["O'Brien's tea: 6"])


@check("% and _ in the search text match only themselves")
def _():
    run("inventory.py", "add", "50% off sign", "1").expect_code(0)
    run("inventory.py", "add", "name_tag", "9").expect_code(0)
    run("inventory.py", "search", "%").expect_code(0).expect_lines(["50% off sign: 1"])
    run("inventory.py", "search", "_").expect_code(0).expect_lines(["name_tag: 9"])
