import csv
import io

from stagecheck import check, fail, read_file, remove, run

# The learner may have tried the program in their folder: start without its data.
remove("expenses.csv")


def rows():
    """The file's rows, cut to the first two columns: stage 4 adds a third."""
    return [row[:2] for row in csv.reader(io.StringIO(read_file("expenses.csv")))]


@check("add prints what it recorded")
def _():
    run("tracker.py", "add", "12.5", "lunch").expect_code(0).expect_stdout("Added 12.50 for lunch\n")


@check("add creates expenses.csv with its header and the row")
def _():
    got = rows()
    want = [["amount", "description"], ["12.50", "lunch"]]
    if got != want:
        fail(f"After: python tracker.py add 12.5 lunch\nExpected expenses.csv to hold the rows {want}\nGot: {got}")


@check("a second add keeps the first, and the header is written once")
def _():
    run("tracker.py", "add", "3", "tea").expect_code(0)
    got = rows()
    want = [["amount", "description"], ["12.50", "lunch"], ["3.00", "tea"]]
    if got != want:
        fail(f"After adding 12.5 lunch, then 3 tea\nExpected the rows {want}\nGot: {got}")


@check("a description with a comma stays whole")
def _():
    run("tracker.py", "add", "4.25", "tea, milk").expect_code(0).expect_stdout("Added 4.25 for tea, milk\n")
    last = rows()[-1]
    if last != ["4.25", "tea, milk"]:
        fail(f"Ran: python tracker.py add 4.25 'tea, milk'\nExpected the last row ['4.25', 'tea, milk']\nGot: {last}")
