import os
import shutil
import struct
from pathlib import Path

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


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(ran, path):
    """(width, height) and byte size of the PNG at `path`, which the run
    `ran` should have written, or a failure saying what is wrong."""
    file = Path(path)
    if not file.is_file():
        fail(f"Ran: {ran.command}\nExpected: it writes {path} in the folder it runs in\nGot: no {path} there"
             + (f"\nIt printed this error:\n{ran.stderr.strip()[-1500:]}" if ran.code and ran.stderr.strip() else ""))
    data = file.read_bytes()
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        fail(f"Ran: {ran.command}\nExpected: {path} to be a PNG image\nGot a file that starts with {data[:16]!r}. "
             "Save it with savefig and a name ending in .png.")
    return struct.unpack(">II", data[16:24]), len(data)


@check("it saves monthly.png, a PNG image of a sensible size")
def _():
    ran = report("sales.csv").expect_code(0)
    (width, height), size = png_size(ran, "monthly.png")
    if not (300 <= width <= 4000 and 200 <= height <= 3000):
        fail(f"Ran: {ran.command}\nExpected monthly.png between 300x200 and 4000x3000 pixels\n"
             f"Got {width}x{height}")
    # A chart with bars, labels and a title takes some room; an empty
    # figure compresses to almost nothing.
    if size < 5000:
        fail(f"Ran: {ran.command}\nExpected monthly.png to hold a chart\nGot an image of only {size} bytes: "
             "is the figure empty (saved before drawing, or after plt.show())?")


@check("report.md shows the chart")
def _():
    ran = report("sales-q4.csv").expect_code(0)
    png_size(ran, "monthly.png")
    text = written(ran, "report.md")
    if "](monthly.png)" not in text:
        fail(f"Ran: {ran.command}\nExpected report.md to show the chart with ![...](monthly.png)\n"
             "Got this report.md:\n" + text.strip()[:1200])


@check("the report is still printed and written as before")
def _():
    ran = report("sales-q4.csv").expect_code(0)
    section(ran, "Revenue by month", ["2026-10: 2,159.00", "2026-11: 600.00", "2026-12: 899.50"])
    if "| Laptop | 2,698.50 |" not in written(ran, "report.md"):
        fail(f"Ran: {ran.command}\nExpected report.md to keep its tables, with the row | 1 | Laptop | 2,698.50 |\n"
             "Got:\n" + written(ran, "report.md").strip()[:1200])
