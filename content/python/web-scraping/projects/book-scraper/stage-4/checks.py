import csv
import functools
import http.server
import io
import os
from collections import Counter

from stagecheck import check, fail, here, read_file, remove, serve, run

BOOKS = [
    ("The Salt Road", "12.50", 7, "the-salt-road"),
    ("Bread & Butter Letters", "8.99", 0, "bread-and-butter-letters"),
    ("A Map of Small Rivers", "15.00", 3, "a-map-of-small-rivers"),
    ("Night Ferry", "9.75", 12, "night-ferry"),
    ("The Glass Orchard", "11.20", 1, "the-glass-orchard"),
    ("Winter Light", "7.50", 0, "winter-light"),
    ("Tide Tables", "13.40", 5, "tide-tables"),
    ("Ninety Lanterns", "10.00", 2, "ninety-lanterns"),
    ("Harbour Songs", "6.25", 9, "harbour-songs"),
    ("The Last Lighthouse Keeper", "14.95", 4, "the-last-lighthouse-keeper"),
]
LINES = [f"{title} | {price} | {stock}" for title, price, stock, _ in BOOKS]
ALL = ["The Salt Road", "Bread & Butter Letters", "A Map of Small Rivers", "Night Ferry",
       "The Glass Orchard", "Winter Light", "Tide Tables", "Ninety Lanterns",
       "Harbour Songs", "The Last Lighthouse Keeper"]


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves site/ and counts the requests for each path."""

    requests = Counter()

    def log_message(self, *args):
        pass

    def do_GET(self):
        CountingHandler.requests[self.path] += 1
        super().do_GET()


def written(ran, path):
    """The text of `path`, which the run `ran` should have written."""
    if not os.path.isfile(path):
        fail(f"Ran: {ran.command}\nExpected: it writes {path} in the folder it runs in\nGot: no {path} there"
             + (f"\nIt printed this error:\n{ran.stderr.strip()[-1500:]}" if ran.code and ran.stderr.strip() else ""))
    return read_file(path)


def counting_site():
    CountingHandler.requests.clear()
    return serve(handler=functools.partial(CountingHandler, directory=str(here("site"))))


def titles_in(ran):
    """The title at the start of each line (later stages add ` | ...` after it)."""
    return [line.split(" | ")[0].strip() for line in ran.stdout.splitlines() if line.strip()]


def expect_titles(ran, want):
    got = titles_in(ran)
    if got != want:
        fail(f"Ran: {ran.command}\nExpected one line per book, starting with these titles, in this order:\n"
             + "\n".join(want) + "\nGot these lines:\n" + (ran.stdout.strip() or "(nothing)")
             + ("\nIt printed this error:\n" + ran.stderr.strip()[-1500:] if ran.code and ran.stderr.strip() else ""))


# The learner may have tried the scraper in their folder: start without its file.
remove("books.csv")


def rows(ran):
    return list(csv.reader(io.StringIO(written(ran, "books.csv"))))


@check("it writes books.csv: a header, then a row per book")
def _():
    with counting_site() as url:
        ran = run("scraper.py", f"{url}/catalogue/page-1.html")
    ran.expect_code(0).expect_lines(LINES)
    want = [["title", "price", "stock", "url"]]
    want += [[title, price, str(stock), f"{url}/books/{slug}.html"] for title, price, stock, slug in BOOKS]
    got = rows(ran)
    if got != want:
        shown = "\n".join(map(str, got[:12])) or "(no rows)"
        fail(f"Ran: {ran.command}\nExpected books.csv to hold these rows (the url absolute):\n"
             + "\n".join(map(str, want)) + f"\nGot:\n{shown}")


@check("a second run replaces books.csv instead of adding to it")
def _():
    with counting_site() as url:
        ran = run("scraper.py", f"{url}/catalogue/page-3.html")
    ran.expect_code(0)
    got = [row[0] for row in rows(ran)]
    want = ["title", "Harbour Songs", "The Last Lighthouse Keeper"]
    if got != want:
        fail(f"After a run from page 1, ran: {ran.command}\nExpected books.csv to hold only the header and "
             f"this run's books, whose first cells are {want}\nGot the first cells {got}")
