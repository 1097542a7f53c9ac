"""Sales report: reads the shop's sales export and summarises it.

    python report.py sales.csv
"""

import argparse
import sys

import sales


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
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
