"""Sales report: reads the shop's sales export and summarises it.

    python report.py sales.csv
    python report.py --top 5 sales.csv
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


def positive_int(text):
    """An argparse type: a whole number of 1 or more."""
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return int(text)


def main(argv):
    """Runs the command line in `argv` (the words after the file name) and
    returns the exit status."""
    parser = argparse.ArgumentParser(description="Summarise a sales export.")
    parser.add_argument("csv_file", help="the sales export (date,product,quantity,unit_price)")
    parser.add_argument("--top", type=positive_int, default=3, help="how many products to list (default 3)")
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
    print_section("Top products", [
        f"{rank}. {product}: {money(revenue)}"
        for rank, (product, revenue) in enumerate(sales.top_products(table, args.top).items(), start=1)
    ])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
