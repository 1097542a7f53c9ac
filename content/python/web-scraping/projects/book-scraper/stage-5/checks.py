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

DRAFT = "/books/drafts/unreleased-spring-title.html"


@check("it reads robots.txt and skips the book pages it disallows")
def _():
    with counting_site() as url:
        ran = run("scraper.py", f"{url}/catalogue/page-1.html")
    ran.expect_code(0).expect_lines(LINES)
    if not CountingHandler.requests["/robots.txt"]:
        fail(f"Ran: {ran.command}\nExpected: a request for /robots.txt before the pages\nGot none")
    if CountingHandler.requests[DRAFT]:
        fail(f"Ran: {ran.command}\nExpected: no request for {DRAFT} (robots.txt disallows /books/drafts/)\n"
             f"Got {CountingHandler.requests[DRAFT]}")
    titles = [row[0] for row in csv.reader(io.StringIO(written(ran, "books.csv")))]
    if "Unreleased Spring Title" in titles:
        fail(f"Ran: {ran.command}\nExpected: books.csv without the disallowed draft book\nGot the titles {titles}")


@check("--delay 0.15 leaves at least 0.15 s between one request and the next")
def _():
    with counting_site() as url:
        ran = run("scraper.py", "--delay", "0.15", f"{url}/catalogue/page-2.html")
    ran.expect_code(0).expect_lines(LINES[4:])
    times = [(when, path) for when, path in CountingHandler.times if path != "/robots.txt"]
    for (before, first), (after, second) in zip(times, times[1:]):
        # A little slack: the server sees a request a moment after it is sent.
        if after - before < 0.13:
            fail(f"Ran: {ran.command}\nExpected: at least 0.15 s between requests\n"
                 f"Got {after - before:.3f} s between {first} and {second}")


@check("--delay must be a number of seconds, 0 or more")
def _():
    for value in ["-1", "soon"]:
        run("scraper.py", "--delay", value, "http://127.0.0.1:9/catalogue/page-1.html").expect_code(2)
