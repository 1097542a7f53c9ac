from stagecheck import check, remove, run

# The learner may have tried the program in their folder: start without its data.
remove("inventory.db")


@check("report with no database says there is nothing in stock")
def _():
    run("inventory.py", "report").expect_code(0).expect_lines(["Nothing in stock."])


@check("report prints each item's stock value, sorted by name, and the total")
def _():
    for name, quantity, price in [("widget", "5", "2.50"), ("gadget", "2", "1.25"), ("bolt", "40", "0.05")]:
        run("inventory.py", "add", name, quantity).expect_code(0)
        run("inventory.py", "price", name, price).expect_code(0)
    run("inventory.py", "report").expect_code(0).expect_lines([
        "bolt: 40 x 0.05 = 2.00",
        "gadget: 2 x 1.25 = 2.50",
        "widget: 5 x 2.50 = 12.50",
        "Total stock value: 17.00",
    ])


@check("items out of stock are left out of the report")
def _():
    run("inventory.py", "sell", "gadget", "2").expect_code(0)
    run("inventory.py", "report").expect_code(0).expect_lines([
        "bolt: 40 x 0.05 = 2.00",
        "widget: 5 x 2.50 = 12.50",
        "Total stock value: 14.50",
    ])


@check("an item with no price yet counts as 0.00")
def _():
    run("inventory.py", "add", "nut", "3").expect_code(0)
    run("inventory.py", "report").expect_code(0).expect_lines([
        "bolt: 40 x 0.05 = 2.00",
        "nut: 3 x 0.00 = 0.00",
        "widget: 5 x 2.50 = 12.50",
        "Total stock value: 14.50",
    ])


@check("large stock values are printed in full, to the cent")
def _():
    run("inventory.py", "add", "ruby", "3").expect_code(0)
    run("inventory.py", "price", "ruby", "33333333.33").expect_code(0)
    run("inventory.py", "report").expect_code(0).expect_in_stdout(
        "ruby: 3 x 33333333.33 = 99999999.99", "Total stock value: 100000014.49")


@check("report with only empty stock says there is nothing in stock")
def _():
    remove("inventory.db")
    run("inventory.py", "add", "gear", "1").expect_code(0)
    run("inventory.py", "sell", "gear", "1").expect_code(0)
    run("inventory.py", "report").expect_code(0).expect_lines(["Nothing in stock."])
