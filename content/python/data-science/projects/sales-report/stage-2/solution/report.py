"""Sales report: reads the shop's sales export and summarises it.

    python report.py sales.csv
"""

import argparse
import sys

import sales


def money(amount):
    """1234.5 -> "1,234.50"."""
    return f"{amount:,.2f}"


def print_section(heading, lines):
    """A blank line, the heading, then the lines."""
    print()
    print(heading)
    for line in lines:
        print(line)


def main(argv):
    """Runs the command line in `argv` (the words after the file name) and
    returns the exit status."""
    parser = argparse.ArgumentParser(description="Summarise a sales export.")
    parser.add_argument("csv_file", help="the sales export (date,product,quantity,unit_price)")
    args = parser.parse_args(argv)
    try:
        table, rows_read = sales.load_sales(args.csv_file)
    except sales.BadFile as problem:
        print(f"Error: {problem}", file=sys.stderr)
        return 1
    print(f"Loaded {rows_read} rows: {len(table)} kept, {rows_read - len(table)} skipped")
    print_section("Revenue by month", [
        f"{month}: {money(revenue)}" for month, revenue in sales.monthly_revenue(table).items()
    ])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
