"""Reading and writing expenses.csv."""

import csv
import os

FILE = "expenses.csv"
HEADER = ["amount", "description"]


def append_expense(amount, description):
    """Adds one row, creating the file with its header first if needed."""
    is_new = not os.path.exists(FILE)
    with open(FILE, "a", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        if is_new:
            writer.writerow(HEADER)
        writer.writerow([f"{amount:.2f}", description])


def read_expenses():
    """Every expense as (amount, description), oldest first; none when the
    file is not there yet."""
    if not os.path.exists(FILE):
        return []
    with open(FILE, newline="", encoding="utf-8") as file:
        return [(float(row["amount"]), row["description"]) for row in csv.DictReader(file)]
