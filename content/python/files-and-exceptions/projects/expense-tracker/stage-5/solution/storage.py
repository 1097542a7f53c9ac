"""Reading and writing expenses.csv.

The file keeps every line it was given: a damaged line is skipped when
expenses are read, with a warning, but rewriting the file (to upgrade it
or to delete an expense) keeps it, so someone can still repair it by hand.
"""

import csv
import math
import os
import sys
from typing import NamedTuple

FILE = "expenses.csv"
HEADER = ["amount", "description", "category"]
OLD_HEADER = ["amount", "description"]
DEFAULT_CATEGORY = "other"


class Expense(NamedTuple):
    amount: float
    description: str
    category: str


class Row(NamedTuple):
    """One line of the file as it is: its line number, its fields, and
    the expense it holds (None when the line is damaged)."""
    line: int
    fields: list
    expense: Expense | None


def _parse(fields):
    """The expense in `fields`, or None when they do not hold one."""
    if len(fields) < 2 or not fields[1]:
        return None
    try:
        amount = float(fields[0])
    except ValueError:
        return None
    if not math.isfinite(amount) or amount <= 0:
        return None
    category = fields[2] if len(fields) > 2 and fields[2] else DEFAULT_CATEGORY
    return Expense(amount, fields[1], category)


def _read_rows():
    """Every line after the header, as Rows; none when there is no file.
    Lines from an old file (no category column) get the default category."""
    if not os.path.exists(FILE):
        return []
    rows = []
    with open(FILE, newline="", encoding="utf-8") as file:
        reader = csv.reader(file)
        header = next(reader, HEADER)
        for fields in reader:
            if not fields:
                continue  # a blank line holds nothing to lose
            if header == OLD_HEADER and len(fields) == 2:
                fields = fields + [DEFAULT_CATEGORY]
            # line_num counts the lines read so far: this row's last line.
            rows.append(Row(reader.line_num, fields, _parse(fields)))
    return rows


def _write_rows(rows):
    """Writes the whole file: the header, then the fields of `rows`. It
    writes a new file beside the old one and then swaps it in, so a crash
    halfway never leaves a cut-off expenses.csv."""
    temporary = FILE + ".tmp"
    with open(temporary, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        writer.writerows(row.fields for row in rows)
    os.replace(temporary, FILE)


def _header():
    with open(FILE, newline="", encoding="utf-8") as file:
        return next(csv.reader(file), [])


def append_expense(amount, description, category=DEFAULT_CATEGORY):
    """Adds one expense. A file from before categories existed is first
    rewritten with the new header, its old rows getting the default."""
    fields = [f"{amount:.2f}", description, category]
    if os.path.exists(FILE) and _header() == HEADER:
        with open(FILE, "a", newline="", encoding="utf-8") as file:
            csv.writer(file).writerow(fields)
    else:
        _write_rows(_read_rows() + [Row(0, fields, None)])


def read_expenses():
    """Every good expense, oldest first. Each damaged line is reported on
    stderr, by its line number in the file, and skipped."""
    expenses = []
    for row in _read_rows():
        if row.expense is None:
            print(f"Warning: {FILE} line {row.line} is damaged, skipped", file=sys.stderr)
        else:
            expenses.append(row.expense)
    return expenses


def delete_expense(number):
    """Removes the expense that `list` shows as `number` (from 1) and
    returns it; IndexError when there is no such expense. Damaged lines
    are not numbered, and stay in the file."""
    rows = _read_rows()
    good = [row for row in rows if row.expense is not None]
    if not 1 <= number <= len(good):
        raise IndexError(number)
    gone = good[number - 1]
    _write_rows([row for row in rows if row is not gone])
    return gone.expense
