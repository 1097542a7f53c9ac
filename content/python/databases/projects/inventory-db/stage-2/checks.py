import sqlite3

from stagecheck import check, fail, remove, run

# The learner may have tried the program in their folder: start without its data.
remove("inventory.db")


def rows_in_db():
    connection = sqlite3.connect("inventory.db")
    try:
        return connection.execute("SELECT name, quantity FROM items ORDER BY name").fetchall()
    finally:
        connection.close()


def expect_unchanged(ran, before):
    after = rows_in_db()
    if after != before:
        fail(f"Ran: {ran.command}\nExpected the items table to stay {before}\nGot: {after}")


@check("sell takes items out of stock and says how many are left")
def _():
    run("inventory.py", "add", "widget", "5").expect_code(0)
    run("inventory.py", "sell", "widget", "2").expect_code(0).expect_stdout("Sold 2 widget, 3 left\n")
    run("inventory.py", "list").expect_code(0).expect_lines(["widget: 3"])


@check("selling the whole stock leaves the item at 0")
def _():
    run("inventory.py", "sell", "widget", "3").expect_code(0).expect_stdout("Sold 3 widget, 0 left\n")
    run("inventory.py", "list").expect_code(0).expect_lines(["widget: 0"])


@check("selling more than the stock is refused and changes nothing")
def _():
    run("inventory.py", "add", "gadget", "4").expect_code(0)
    before = rows_in_db()
    ran = run("inventory.py", "sell", "gadget", "5").expect_code(1).expect_in_stderr("Error: only 4 gadget in stock")
    expect_unchanged(ran, before)
    ran = run("inventory.py", "sell", "widget", "1").expect_code(1).expect_in_stderr("Error: only 0 widget in stock")
    expect_unchanged(ran, before)


@check("selling an item that is not there is refused")
def _():
    before = rows_in_db()
    ran = run("inventory.py", "sell", "sprocket", "1").expect_code(1).expect_in_stderr("Error: no item named sprocket")
    expect_unchanged(ran, before)


@check("sell refuses a quantity that is not a positive whole number")
def _():
    before = rows_in_db()
    for quantity in ["0", "-1", "two"]:
        ran = run("inventory.py", "sell", "gadget", quantity).expect_code(1)
        ran.expect_in_stderr("Error: quantity must be a positive whole number")
        expect_unchanged(ran, before)


@check("sell with missing words prints the usage line and exits with 2")
def _():
    run("inventory.py", "sell", "gadget").expect_code(2).expect_in_stderr("usage:")
