import csv
import functools
import http.server
import io
import os
import time
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
    """Serves site/, counts the requests for each path and notes when each came."""

    requests = Counter()
    times = []  # (when it arrived, path) for each request, in order

    def log_message(self, *args):
        pass

    def do_GET(self):
        CountingHandler.requests[self.path] += 1
        CountingHandler.times.append((time.monotonic(), self.path))
        super().do_GET()


def written(ran, path):
    """The text of `path`, which the run `ran` should have written."""
    if not os.path.isfile(path):
        fail(f"Ran: {ran.command}\nExpected: it writes {path} in the folder it runs in\nGot: no {path} there"
             + (f"\nIt printed this error:\n{ran.stderr.strip()[-1500:]}" if ran.code and ran.stderr.strip() else ""))
    return read_file(path)


def counting_site():
    CountingHandler.requests.clear()
    CountingHandler.times.clear()
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

LOST = "/books/the-lost-chapter.html"


@check("a book page that is missing is skipped, with a note on stderr naming it")
def _():
    with counting_site() as url:
        ran = run("scraper.py", f"{url}/catalogue/page-1.html")
    ran.expect_code(0).expect_lines(LINES)
    if LOST not in ran.stderr:
        fail(f"Ran: {ran.command}\nExpected: a note on stderr naming {url}{LOST}, which answers 404\n"
             f"Got this on stderr:\n{ran.stderr.strip() or '(nothing)'}")
    titles = [row[0] for row in csv.reader(io.StringIO(written(ran, "books.csv")))]
    if len(titles) != 11 or "The Lost Chapter" in titles:
        fail(f"Ran: {ran.command}\nExpected books.csv to hold a header and the 10 books that exist\n"
             f"Got the first cells {titles}")


@check("a catalogue page that is missing ends the run with a message and status 1")
def _():
    with counting_site() as url:
        start = f"{url}/catalogue/page-9.html"
        ran = run("scraper.py", start)
    ran.expect_code(1).expect_in_stderr("page-9.html")
    if "Traceback" in ran.stderr:
        fail(f"Ran: {ran.command}\nExpected: a one-line message, not a crash\nGot this on stderr:\n{ran.stderr[-1500:]}")
