"""Loading the sales export and adding it up, with pandas."""

import pandas as pd

COLUMNS = ["date", "product", "quantity", "unit_price"]


class BadFile(Exception):
    """The file cannot be used at all (as opposed to a few bad rows)."""


def load_sales(path):
    """Reads the export at `path` and returns (sales, number of rows read).

    `sales` holds only the good rows, with proper types: date (datetime),
    product (text, trimmed), quantity (int), unit_price (float) and revenue
    (quantity * unit_price). A row is dropped when any of its values is
    missing or wrong."""
    try:
        # Read every cell as text: we decide what is valid, not read_csv's
        # guesses. keep_default_na=False keeps empty cells as "".
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise BadFile(f"cannot read {path}: {error}") from error
    missing = [name for name in COLUMNS if name not in raw.columns]
    if missing:
        raise BadFile(f"{path} has no column {', '.join(missing)}")

    # Each conversion gives NaN/NaT for a value it cannot read.
    dates = pd.to_datetime(raw["date"].str.strip(), format="%Y-%m-%d", errors="coerce")
    products = raw["product"].str.strip()
    quantities = pd.to_numeric(raw["quantity"], errors="coerce")
    prices = pd.to_numeric(raw["unit_price"], errors="coerce")

    good = (
        dates.notna()
        & (products != "")
        & (quantities >= 1) & (quantities % 1 == 0)  # NaN fails both tests
        & (prices >= 0)
    )
    sales = pd.DataFrame({
        "date": dates[good],
        "product": products[good],
        "quantity": quantities[good].astype(int),
        "unit_price": prices[good].astype(float),
    })
    sales["revenue"] = sales["quantity"] * sales["unit_price"]
    return sales.reset_index(drop=True), len(raw)
