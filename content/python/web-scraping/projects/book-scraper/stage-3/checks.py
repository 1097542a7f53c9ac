import functools
import http.server
from collections import Counter

from stagecheck import check, fail, here, serve, run

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


@check("each book's line gives its title, price and stock: Title | 12.50 | 7")
def _():
    with counting_site() as url:
        ran = run("scraper.py", f"{url}/catalogue/page-1.html")
    ran.expect_code(0).expect_lines(LINES)


@check("each book's page is visited once")
def _():
    with counting_site() as url:
        ran = run("scraper.py", f"{url}/catalogue/page-3.html")
    ran.expect_code(0).expect_lines(LINES[8:])
    asked = {path: n for path, n in CountingHandler.requests.items() if path.startswith("/books/")}
    want = {f"/books/{slug}.html": 1 for *_, slug in BOOKS[8:]}
    if asked != want:
        fail(f"Ran: {ran.command}\nExpected these requests for book pages: {want}\nGot: {asked}")
