"""Reading and writing expenses.csv."""

import csv
import os

FILE = "expenses.csv"
HEADER = ["amount", "description", "category"]
DEFAULT_CATEGORY = "other"


def _read_rows():
    """The header and the rows of the file, as lists of strings."""
    with open(FILE, newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    return (rows[0], rows[1:]) if rows else ([], [])


def _write_rows(rows):
    """Writes the whole file: the current header, then `rows`."""
    with open(FILE, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        writer.writerows(rows)


def append_expense(amount, description, category=DEFAULT_CATEGORY):
    """Adds one row. A file from before categories existed is first
    rewritten with the new header, its old rows getting the default."""
    row = [f"{amount:.2f}", description, category]
    if not os.path.exists(FILE):
        _write_rows([row])
        return
    header, rows = _read_rows()
    if header != HEADER:
        _write_rows([old + [DEFAULT_CATEGORY] for old in rows] + [row])
        return
    with open(FILE, "a", newline="", encoding="utf-8") as file:
        csv.writer(file).writerow(row)


def read_expenses():
    """Every expense as (amount, description, category), oldest first;
    none when the file is not there yet. Rows from an old file without the
    category column count as the default category."""
    if not os.path.exists(FILE):
        return []
    with open(FILE, newline="", encoding="utf-8") as file:
        return [
            (float(row["amount"]), row["description"], row.get("category") or DEFAULT_CATEGORY)
            for row in csv.DictReader(file)
        ]
