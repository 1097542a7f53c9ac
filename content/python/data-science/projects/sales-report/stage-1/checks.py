import shutil

from stagecheck import check, fail, here, remove, run

# The checks bring their own sample files; drop what the learner's tries left.
remove("report.md", "monthly.png")
for name in ["sales.csv", "sales-q4.csv"]:
    shutil.copy(here(name), name)

_runs = {}


def report(*args):
    """Runs report.py with `args`, once per stage: the same run gives the
    same output, and each run spends a second or two importing pandas."""
    if args not in _runs:
        _runs[args] = run("report.py", *args)
    return _runs[args]


def first_line(ran, want):
    lines = [line.strip() for line in ran.stdout.splitlines() if line.strip()]
    if not lines or lines[0] != want:
        fail(f"Ran: {ran.command}\nExpected the first line: {want}\nGot this output:\n"
             + (ran.stdout.strip() or "(nothing)")
             + ("\nIt printed this error:\n" + ran.stderr.strip()[-1500:] if ran.code and ran.stderr.strip() else ""))


@check("it says how many rows it loaded, kept and skipped")
def _():
    ran = report("sales.csv")
    first_line(ran, "Loaded 18 rows: 11 kept, 7 skipped")
    ran.expect_code(0)


@check("a date that is not YYYY-MM-DD is a bad row")
def _():
    ran = report("sales-q4.csv")
    first_line(ran, "Loaded 6 rows: 5 kept, 1 skipped")
    ran.expect_code(0)


@check("a file that does not exist gives a message and status 1, not a traceback")
def _():
    ran = report("no-such-file.csv").expect_code(1).expect_in_stderr("no-such-file.csv")
    if "Traceback" in ran.stderr:
        fail(f"Ran: {ran.command}\nExpected: a one-line message\nGot a traceback:\n{ran.stderr[-1500:]}")


@check("a file without a needed column gives a message naming it, and status 1")
def _():
    with open("prices.csv", "w", encoding="utf-8") as file:
        file.write("date,product,quantity\n2026-01-05,Mug,2\n")
    ran = report("prices.csv").expect_code(1).expect_in_stderr("unit_price")
    if "Traceback" in ran.stderr:
        fail(f"Ran: {ran.command} (prices.csv has no unit_price column)\nExpected: a one-line message\n"
             f"Got a traceback:\n{ran.stderr[-1500:]}")
