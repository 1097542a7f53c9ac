import os
import shutil

from stagecheck import check, fail, here, read_file, remove, run

# The checks bring their own sample files; drop what the learner's tries left.
remove("report.md", "monthly.png")
for name in ["sales.csv", "sales-q4.csv"]:
    shutil.copy(here(name), name)

_runs = {}


def written(ran, path):
    """The text of `path`, which the run `ran` should have written."""
    if not os.path.isfile(path):
        fail(f"Ran: {ran.command}\nExpected: it writes {path} in the folder it runs in\nGot: no {path} there"
             + (f"\nIt printed this error:\n{ran.stderr.strip()[-1500:]}" if ran.code and ran.stderr.strip() else ""))
    return read_file(path)


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


def tables(text):
    """Every Markdown table in `text`, as a list of rows of stripped cells
    (without the |---| row)."""
    found, current = [], []
    for line in text.splitlines() + [""]:
        line = line.strip()
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if not all(set(cell) <= set("-: ") and "-" in cell for cell in cells):
                current.append(cells)
        elif current:
            found.append(current)
            current = []
    return found


def expect_table(ran, text, want):
    """Fails unless report.md has a table with `want`'s header and rows."""
    for table in tables(text):
        if table and table[0] == want[0]:
            if table != want:
                fail(f"Ran: {ran.command}\nExpected report.md to have this table (header, then rows):\n"
                     + "\n".join(" | ".join(row) for row in want)
                     + "\nGot:\n" + "\n".join(" | ".join(row) for row in table))
            return
    fail(f"Ran: {ran.command}\nExpected report.md to have a Markdown table with the header | "
         + " | ".join(want[0]) + " |\nGot this report.md:\n" + (text.strip()[:1200] or "(empty)"))


@check("it writes report.md with a table of revenue by month")
def _():
    ran = report("sales.csv").expect_code(0)
    expect_table(ran, written(ran, "report.md"), [
        ["Month", "Revenue"], ["2026-01", "109.50"], ["2026-02", "50.00"], ["2026-03", "0.00"],
        ["2026-04", "148.25"], ["2026-05", "7.75"],
    ])


@check("report.md has a table of the top products")
def _():
    ran = report("sales-q4.csv").expect_code(0)
    expect_table(ran, written(ran, "report.md"), [
        ["Rank", "Product", "Revenue"], ["1", "Laptop", "2,698.50"], ["2", "Cable", "480.00"], ["3", "Dock", "480.00"],
    ])


@check("the screen output stays as before")
def _():
    ran = report("sales-q4.csv").expect_code(0)
    section(ran, "Revenue by month", ["2026-10: 2,159.00", "2026-11: 600.00", "2026-12: 899.50"])
    section(ran, "Top products", ["1. Laptop: 2,698.50", "2. Cable: 480.00", "3. Dock: 480.00"])
