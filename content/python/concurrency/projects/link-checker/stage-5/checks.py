import contextlib
import http.server
import socket
import threading
import time
from collections import Counter

from stagecheck import check, fail, run, serve


# Set when a check is done, so the server's /hang.html stops waiting.
RELEASE = threading.Event()


def site(pages):
    """A handler class for serve(): it answers the paths in `pages`, each
    (status, content type, body) or ("redirect", where), 404 for the rest;
    /hang.html never answers while a check runs; /slowish.html answers
    after a tenth of a second. It counts the requests for each path in `Handler.requests`."""

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
            if self.path == "/hang.html":
                RELEASE.wait(10)  # answers only once the check is over
            if self.path == "/slowish.html":
                time.sleep(0.1)
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
                try:
                    self.wfile.write(data)
                except OSError:
                    pass  # the checker gave up on /hang.html and left: that is allowed

    return Handler


# The servers run for the whole stage, stopped when its checks are done
# (stopping one takes up to half a second, too long to do for every check).
servers = contextlib.ExitStack()


def start(handler):
    """Starts a server for `handler` and returns its URL."""
    return servers.enter_context(serve(handler=handler))


def html(*hrefs):
    """An HTML page (status 200) with a link to each of `hrefs`."""
    links = "\n".join(f'<li><a href="{href}">{href}</a></li>' for href in hrefs)
    return (200, "text/html", f"<!doctype html>\n<title>A page</title>\n<ul>\n{links}\n</ul>\n")


def closed_port():
    """A port on 127.0.0.1 where nothing listens (one just given up)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def checked(pages, *args):
    """Runs the checker with `args` on a site of `pages`, from /index.html."""
    RELEASE.clear()
    try:
        with serve(handler=site(pages)) as url:
            return url, run("linkcheck.py", *args, f"{url}/index.html")
    finally:
        RELEASE.set()


@check("a link that does not answer in time is BROKEN timeout; one with nothing there is BROKEN error")
def _():
    nowhere = f"http://127.0.0.1:{closed_port()}/index.html"
    pages = {
        "/index.html": html("/hang.html", "/slowish.html", "/about.html", nowhere),
        "/about.html": html(),
        "/slowish.html": html(),
    }
    url, ran = checked(pages, "--timeout", "1")
    want = sorted([
        ("BROKEN timeout", f"{url}/hang.html"),
        ("OK", f"{url}/slowish.html"),
        ("OK", f"{url}/about.html"),
        ("BROKEN error", nowhere),
    ], key=lambda line: line[1])
    ran.expect_lines([f"{result} {link}" for result, link in want] + ["Links: 4 checked, 2 broken"])


@check("it exits with status 1 when a link is broken")
def _():
    url, ran = checked({"/index.html": html("/about.html", "/missing.html"), "/about.html": html()})
    ran.expect_lines([f"OK {url}/about.html", f"BROKEN 404 {url}/missing.html", "Links: 2 checked, 1 broken"])
    ran.expect_code(1)


@check("it exits with status 0 when every link works")
def _():
    url, ran = checked({"/index.html": html("/about.html"), "/about.html": html()}, "--timeout", "5")
    ran.expect_lines([f"OK {url}/about.html", "Links: 1 checked, 0 broken"]).expect_code(0)


@check("--timeout must be a number of seconds above 0")
def _():
    for value in ["0", "-1", "soon"]:
        run("linkcheck.py", "--timeout", value, "http://127.0.0.1:9/index.html").expect_code(2)
