"""Loading the sales export and adding it up, with pandas."""

import pandas as pd

COLUMNS = ["date", "product", "quantity", "unit_price"]
