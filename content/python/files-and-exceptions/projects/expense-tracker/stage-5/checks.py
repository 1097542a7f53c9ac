import csv
import io
from pathlib import Path

from stagecheck import check, fail, read_file, remove, run

# The learner may have tried the program in their folder: start without its data.
remove("expenses.csv")


def rows():
    return list(csv.reader(io.StringIO(read_file("expenses.csv"))))


def start_with(*expenses):
    remove("expenses.csv")
    for amount, description in expenses:
        run("tracker.py", "add", amount, description).expect_code(0)


@check("delete N removes the Nth expense and says which")
def _():
    start_with(("12.5", "lunch"), ("3", "tea"), ("4", "bus"))
    run("tracker.py", "delete", "2").expect_code(0).expect_stdout("Deleted 3.00 tea\n")
    run("tracker.py", "list").expect_code(0).expect_lines(["1. 12.50 lunch", "2. 4.00 bus", "Total: 16.50"])


@check("delete of a number with no expense is an error and changes nothing")
def _():
    before = read_file("expenses.csv")
    for number in ["0", "3", "-1", "two"]:
        ran = run("tracker.py", "delete", number).expect_code(1)
        ran.expect_in_stderr(f"Error: there is no expense number {number}")
        after = read_file("expenses.csv")
        if after != before:
            fail(f"Ran: {ran.command}\nExpected expenses.csv to stay as it was:\n{before}\nGot:\n{after}")


@check("delete without a number prints the usage line and exits with 2")
def _():
    run("tracker.py", "delete").expect_code(2).expect_in_stderr("usage:")


DAMAGED = (
    "amount,description,category\n"
    "12.50,lunch,food\n"
    "twelve,dinner,food\n"
    "3.00,tea,other\n"
    "oops\n"
    "4.00,bus,travel\n"
)
SHOWN = "with expenses.csv holding:\n" + DAMAGED


def run_damaged(*args):
    Path("expenses.csv").write_text(DAMAGED, encoding="utf-8")
    return run("tracker.py", *args)


def expect(ran, lines, warned=("line 3", "line 5")):
    got = [line.strip() for line in ran.stdout.splitlines() if line.strip()]
    if ran.code != 0 or got != lines:
        fail(f"Ran: {ran.command}\n{SHOWN}Expected exit status 0 and these lines:\n" + "\n".join(lines)
             + f"\nGot exit status {ran.code} and this output:\n{ran.stdout or '(nothing)'}"
             + (f"\nand this on stderr:\n{ran.stderr[-1500:]}" if ran.stderr.strip() else ""))
    for words in warned:
        if words not in ran.stderr:
            fail(f"Ran: {ran.command}\n{SHOWN}Expected a warning on stderr naming {words!r}\n"
                 f"Got this on stderr:\n{ran.stderr or '(nothing)'}")


@check("list skips damaged lines with a warning naming each line number")
def _():
    expect(run_damaged("list"), ["1. 12.50 lunch", "2. 3.00 tea", "3. 4.00 bus", "Total: 19.50"])


@check("summary skips damaged lines too")
def _():
    expect(run_damaged("summary"), ["food: 12.50", "other: 3.00", "travel: 4.00", "Total: 19.50"])


@check("delete counts only good expenses and keeps the damaged lines")
def _():
    ran = run_damaged("delete", "2")
    ran.expect_code(0).expect_in_stdout("Deleted 3.00 tea")
    got = rows()
    want = [["amount", "description", "category"], ["12.50", "lunch", "food"], ["twelve", "dinner", "food"],
            ["oops"], ["4.00", "bus", "travel"]]
    if got != want:
        fail(f"Ran: {ran.command}\n{SHOWN}Expected the file to keep every other line, damaged ones too:\n"
             + "\n".join(",".join(r) for r in want) + "\nGot:\n" + read_file("expenses.csv"))


@check("add still works after a damaged line")
def _():
    run("tracker.py", "add", "1", "gum", "--category", "food").expect_code(0)
    expect(run("tracker.py", "summary"), ["food: 13.50", "travel: 4.00", "Total: 17.50"],
           warned=("line 3", "line 4"))
