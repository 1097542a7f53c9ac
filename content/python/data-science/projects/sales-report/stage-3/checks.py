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


@check("it lists the 3 products that brought in the most")
def _():
    ran = report("sales.csv").expect_code(0)
    section(ran, "Top products", ["1. Coffee beans: 110.25", "2. Grinder: 90.00", "3. Mug: 54.25"])


@check("--top 5 lists 5")
def _():
    ran = report("--top", "5", "sales.csv").expect_code(0)
    section(ran, "Top products", ["1. Coffee beans: 110.25", "2. Grinder: 90.00", "3. Mug: 54.25",
                                  "4. Filter papers: 32.50", "5. Tea sampler: 28.50"])


@check("equal revenues come in name order, and fewer products than --top are all listed")
def _():
    ran = report("--top", "10", "sales-q4.csv").expect_code(0)
    section(ran, "Top products", ["1. Laptop: 2,698.50", "2. Cable: 480.00", "3. Dock: 480.00"])


@check("--top must be a whole number of 1 or more")
def _():
    report("--top", "0", "sales.csv").expect_code(2)
