import functools
import http.server
from collections import Counter

from stagecheck import check, fail, here, serve, run

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


@check("it follows the next links and prints the titles from every page")
def _():
    with counting_site() as url:
        ran = run("scraper.py", f"{url}/catalogue/page-1.html")
    expect_titles(ran, ALL)
    ran.expect_code(0)


@check("it reads each catalogue page once, and never goes back")
def _():
    with counting_site() as url:
        ran = run("scraper.py", f"{url}/catalogue/page-2.html")
    expect_titles(ran, ALL[4:])
    asked = {path: n for path, n in CountingHandler.requests.items() if path.startswith("/catalogue/")}
    if asked != {"/catalogue/page-2.html": 1, "/catalogue/page-3.html": 1}:
        fail(f"Ran: {ran.command}\nExpected: page-2 and page-3 each requested once (follow only the next link)\n"
             f"Got these requests for catalogue pages: {asked}")
