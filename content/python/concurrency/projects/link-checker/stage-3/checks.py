import http.server
import threading
from collections import Counter

from stagecheck import check, fail, run, serve


def site(pages):
    """A handler class for serve(): it answers the paths in `pages`, each
    (status, content type, body) or ("redirect", where), 404 for the rest,
    and counts the requests for each path in `Handler.requests`."""

    class Handler(http.server.BaseHTTPRequestHandler):
        requests = Counter()
        lock = threading.Lock()

        def log_message(self, *args):
            pass

        def do_GET(self):
            self.answer(with_body=True)

        def do_HEAD(self):
            self.answer(with_body=False)

        def answer(self, with_body):
            with Handler.lock:
                Handler.requests[self.path] += 1
            page = pages.get(self.path, (404, "text/html", "<h1>Not found</h1>"))
            if page[0] == "redirect":
                self.send_response(301)
                self.send_header("Location", page[1])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status, kind, body = page
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if with_body:
                self.wfile.write(data)

    return Handler


def html(*hrefs):
    """An HTML page (status 200) with a link to each of `hrefs`."""
    links = "\n".join(f'<li><a href="{href}">{href}</a></li>' for href in hrefs)
    return (200, "text/html", f"<!doctype html>\n<title>A page</title>\n<ul>\n{links}\n</ul>\n")


# Our site, and another one (another port is another site) that our pages link to.
OTHER = site({
    "/partner.html": html("/partner-news.html"),
    "/partner-news.html": html(),
})
OURS = None  # made once OTHER's URL is known
URL = OTHER_URL = None


def crawled():
    """Runs the checker on our site once; the checks below look at that run
    (the handlers keep their counts after the servers stop)."""
    global OURS, URL, OTHER_URL
    if not hasattr(crawled, "ran"):
        with serve(handler=OTHER) as OTHER_URL:
            OURS = site({
                "/index.html": html("/rentals.html", "/notes.txt", f"{OTHER_URL}/partner.html", "/files/map.pdf"),
                "/rentals.html": html("rentals.html#top", "/rentals/city.html", "/old-tours"),
                "/rentals/city.html": html("../index.html", "mountain.html", f"{OTHER_URL}/partner.html"),
                "/old-tours": ("redirect", "/tours.html"),
                "/tours.html": html("/tours/sunset.html"),
                "/notes.txt": (200, "text/plain", '<a href="/from-text.html">not a page to crawl</a>'),
                "/files/map.pdf": (200, "application/pdf", '%PDF-1.4 <a href="/from-pdf.html">'),
            })
            with serve(handler=OURS) as URL:
                crawled.ran = run("linkcheck.py", f"{URL}/index.html")
    return crawled.ran


def expected(url, other_url):
    return sorted([
        ("OK", f"{url}/index.html"),
        ("OK", f"{url}/rentals.html"),
        ("OK", f"{url}/notes.txt"),
        ("OK", f"{other_url}/partner.html"),
        ("OK", f"{url}/files/map.pdf"),
        ("OK", f"{url}/rentals/city.html"),
        ("OK", f"{url}/old-tours"),
        ("BROKEN 404", f"{url}/rentals/mountain.html"),
        ("BROKEN 404", f"{url}/tours/sunset.html"),
    ], key=lambda line: line[1])


@check("it follows links to the site's other pages and reports every link found")
def _():
    ran = crawled()
    want = [f"{result} {link}" for result, link in expected(URL, OTHER_URL)]
    ran.expect_lines(want + ["Links: 9 checked, 2 broken"])


@check("each URL is requested only once")
def _():
    ran = crawled()
    counts = {URL + path: n for path, n in OURS.requests.items()}
    counts.update({OTHER_URL + path: n for path, n in OTHER.requests.items()})
    twice = {link: n for link, n in counts.items() if n > 1}
    if twice:
        fail(f"Ran: {ran.command}\nExpected: each URL requested once at most (remember which you have "
                 f"requested, the start page too)\nGot these requested more than once: {twice}")


@check("pages of another site are checked but not crawled")
def _():
    ran = crawled()
    if OTHER.requests["/partner-news.html"]:
        fail(f"Ran: {ran.command}\nExpected: {OTHER_URL}/partner.html to be checked, but the links on it not "
             f"followed: it is another site\nGot a request for {OTHER_URL}/partner-news.html, a link on that page")


@check("only HTML pages are read for links")
def _():
    ran = crawled()
    read = [path for path in ("/from-text.html", "/from-pdf.html") if OURS.requests[path]]
    if read:
        fail(f"Ran: {ran.command}\nExpected: /notes.txt (text/plain) and /files/map.pdf (application/pdf) to be "
             f"checked, not read for links\nGot requests for {read}, found inside them. "
             "Look at the Content-Type of the answer before reading it as HTML.")
