import csv
import io
from pathlib import Path

from stagecheck import check, fail, read_file, remove, run

# The learner may have tried the program in their folder: start without its data.
remove("expenses.csv")


def rows():
    return list(csv.reader(io.StringIO(read_file("expenses.csv"))))


@check("add --category stores the category in a third column")
def _():
    run("tracker.py", "add", "12.5", "lunch", "--category", "food").expect_code(0).expect_stdout(
        "Added 12.50 for lunch\n")
    got = rows()
    want = [["amount", "description", "category"], ["12.50", "lunch", "food"]]
    if got != want:
        fail(f"Ran: python tracker.py add 12.5 lunch --category food\n"
             f"Expected expenses.csv to hold the rows {want}\nGot: {got}")


@check("add without --category stores the category other")
def _():
    run("tracker.py", "add", "3", "tea").expect_code(0)
    last = rows()[-1]
    if last != ["3.00", "tea", "other"]:
        fail(f"Ran: python tracker.py add 3 tea\nExpected the last row ['3.00', 'tea', 'other']\nGot: {last}")


@check("summary prints the total per category, sorted by name, then the total")
def _():
    run("tracker.py", "add", "4.25", "bus", "--category", "travel").expect_code(0)
    run("tracker.py", "add", "1.75", "map", "--category", "books").expect_code(0)
    run("tracker.py", "summary").expect_code(0).expect_lines(
        ["books: 1.75", "food: 12.50", "other: 3.00", "travel: 4.25", "Total: 21.50"])


@check("list still shows every expense as before")
def _():
    run("tracker.py", "list").expect_code(0).expect_lines(
        ["1. 12.50 lunch", "2. 3.00 tea", "3. 4.25 bus", "4. 1.75 map", "Total: 21.50"])


@check("summary with no expenses says there is nothing yet")
def _():
    remove("expenses.csv")
    run("tracker.py", "summary").expect_code(0).expect_lines(["No expenses yet."])


OLD_FILE = "amount,description\n12.50,lunch\n3.00,\"tea, milk\"\n"


@check("a file from before categories is read as category other")
def _():
    Path("expenses.csv").write_text(OLD_FILE, encoding="utf-8")
    shown = "with expenses.csv holding:\n" + OLD_FILE
    ran = run("tracker.py", "summary")
    if ran.code != 0 or [l.strip() for l in ran.stdout.splitlines() if l.strip()] != ["other: 15.50", "Total: 15.50"]:
        fail(f"Ran: {ran.command}\n{shown}Expected exit status 0 and these lines:\nother: 15.50\nTotal: 15.50\n"
             f"Got exit status {ran.code} and this output:\n{ran.stdout or '(nothing)'}"
             + (f"\nIt printed this error:\n{ran.stderr}" if ran.stderr.strip() else ""))
    run("tracker.py", "list").expect_code(0).expect_lines(["1. 12.50 lunch", "2. 3.00 tea, milk", "Total: 15.50"])


@check("adding to a file from before categories keeps its rows, as other")
def _():
    Path("expenses.csv").write_text(OLD_FILE, encoding="utf-8")
    run("tracker.py", "add", "2", "bun", "--category", "food").expect_code(0)
    run("tracker.py", "summary").expect_code(0).expect_lines(["food: 2.00", "other: 15.50", "Total: 17.50"])
    got = rows()
    want = [["amount", "description", "category"], ["12.50", "lunch", "other"],
            ["3.00", "tea, milk", "other"], ["2.00", "bun", "food"]]
    if got != want:
        fail("With expenses.csv holding:\n" + OLD_FILE + "Ran: python tracker.py add 2 bun --category food\n"
             f"Expected the file to be rewritten with the category column:\n{want}\nGot: {got}")


@check("--category without a name prints the usage line and exits with 2")
def _():
    run("tracker.py", "add", "2", "bun", "--category").expect_code(2).expect_in_stderr("usage:")
