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


PAGES = {
    "/index.html": html("about.html", "/missing.html", "/old-prices", "gone.html", "/files/menu.pdf",
                        "about.html#team", "/error.html", "mailto:desk@harbour-bikes.test"),
    "/about.html": (200, "text/html", "<h1>About us</h1><p>No links here.</p>"),
    "/old-prices": ("redirect", "/prices.html"),
    "/prices.html": (200, "text/html", "<h1>Prices</h1>"),
    "/gone.html": (410, "text/html", "<h1>Gone</h1>"),
    "/error.html": (500, "text/html", "<h1>Oops</h1>"),
    "/files/menu.pdf": (200, "application/pdf", "%PDF-1.4 not really a PDF"),
    "/fine.html": html("/about.html", "/prices.html"),
}


@check("each link on the page gets an OK or BROKEN line, sorted, then the count")
def _():
    with serve(handler=site(PAGES)) as url:
        ran = run("linkcheck.py", f"{url}/index.html")
    ran.expect_lines([
        f"OK {url}/about.html",
        f"BROKEN 500 {url}/error.html",
        f"OK {url}/files/menu.pdf",
        f"BROKEN 410 {url}/gone.html",
        f"BROKEN 404 {url}/missing.html",
        f"OK {url}/old-prices",
        "Links: 6 checked, 3 broken",
    ])


@check("a page whose links all work exits with status 0")
def _():
    with serve(handler=site(PAGES)) as url:
        ran = run("linkcheck.py", f"{url}/fine.html")
    ran.expect_code(0).expect_lines([
        f"OK {url}/about.html",
        f"OK {url}/prices.html",
        "Links: 2 checked, 0 broken",
    ])


@check("--links still lists the links without checking them")
def _():
    handler = site(PAGES)
    with serve(handler=handler) as url:
        ran = run("linkcheck.py", "--links", f"{url}/fine.html")
    ran.expect_code(0).expect_lines([f"{url}/about.html", f"{url}/prices.html"])
    checked = sorted(path for path in handler.requests if path != "/fine.html")
    if checked:
        fail(f"Ran: {ran.command}\nExpected: only /fine.html to be requested (--links lists, it does not check)\n"
             f"Got requests for {checked} too")
