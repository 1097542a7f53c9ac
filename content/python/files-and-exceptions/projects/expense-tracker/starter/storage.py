"""Reading and writing expenses.csv."""

import csv
import os

FILE = "expenses.csv"
HEADER = ["amount", "description"]
