"""Sales report: reads the shop's sales export and summarises it.

    python report.py sales.csv
    python report.py --top 5 sales.csv

It prints the summary and writes it to report.md as well, with a chart of
the revenue by month in monthly.png.
"""

import argparse
import sys

import chart
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


def markdown_table(header, alignments, rows):
    """The lines of a Markdown table. `alignments` holds "---" (left) or
    "---:" (right, for numbers) for each column."""
    def row(cells):
        # A | inside a cell would end it early: escape it.
        return "| " + " | ".join(str(cell).replace("|", "\\|") for cell in cells) + " |"

    return [row(header), "| " + " | ".join(alignments) + " |", *(row(cells) for cells in rows)]


def write_markdown(path, source, table, monthly, top):
    """Writes the report as Markdown, for the wiki."""
    lines = [
        "# Sales report",
        "",
        f"From {source}: {len(table)} sales, {money(table['revenue'].sum())} in all.",
        "",
        "## Revenue by month",
        "",
        "![Revenue by month](monthly.png)",
        "",
        *markdown_table(["Month", "Revenue"], ["---", "---:"],
                        [(month, money(revenue)) for month, revenue in monthly.items()]),
        "",
        "## Top products",
        "",
        *markdown_table(["Rank", "Product", "Revenue"], ["---:", "---", "---:"],
                        [(rank, product, money(revenue))
                         for rank, (product, revenue) in enumerate(top.items(), start=1)]),
    ]
    with open(path, "w", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")


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
    monthly = sales.monthly_revenue(table)
    top = sales.top_products(table, args.top)
    print_section("Revenue by month", [f"{month}: {money(revenue)}" for month, revenue in monthly.items()])
    print_section("Top products", [
        f"{rank}. {product}: {money(revenue)}" for rank, (product, revenue) in enumerate(top.items(), start=1)
    ])
    chart.save_monthly_chart(monthly, "monthly.png")
    write_markdown("report.md", args.csv_file, table, monthly, top)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
