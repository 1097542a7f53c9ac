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


def section(ran, heading, want):
    """Fails unless the output has the line `heading` followed by the lines
    `want`, up to a blank line or the end."""
    lines = [line.strip() for line in ran.stdout.splitlines()]
    got = None
    if heading in lines:
        start = lines.index(heading) + 1
        end = lines.index("", start) if "" in lines[start:] else len(lines)
        got = lines[start:end]
    if got != want:
        fail(f"Ran: {ran.command}\nExpected a section:\n" + "\n".join([heading, *want])
             + "\nGot this output:\n" + (ran.stdout.strip() or "(nothing)")
             + ("\nIt printed this error:\n" + ran.stderr.strip()[-1500:] if ran.code and ran.stderr.strip() else ""))


@check("it prints the revenue of each month, a month without sales as 0.00")
def _():
    ran = report("sales.csv").expect_code(0)
    section(ran, "Revenue by month", ["2026-01: 109.50", "2026-02: 50.00", "2026-03: 0.00",
                                      "2026-04: 148.25", "2026-05: 7.75"])


@check("thousands get a comma: 2,159.00")
def _():
    ran = report("sales-q4.csv").expect_code(0)
    section(ran, "Revenue by month", ["2026-10: 2,159.00", "2026-11: 600.00", "2026-12: 899.50"])
