import http.server
import threading
from collections import Counter

from stagecheck import check, fail, run, serve


def site(pages, slow=()):
    """A handler class for serve(): it answers the paths in `pages`, each
    (status, content type, body) or ("redirect", where), 404 for the rest,
    and counts the requests for each path in `Handler.requests`.

    It also counts the requests in hand (arrived, not yet answered) at the
    same moment, and keeps the most in `Handler.most_at_once`. A request
    for a path in `slow` waits until 3 requests have been in hand at once,
    or `Handler.wait` seconds: a checker that sends its requests together
    is seen to, however slow the machine, and one that sends them one by
    one waits for each."""

    class Handler(http.server.BaseHTTPRequestHandler):
        requests = Counter()
        lock = threading.Condition()
        in_hand = 0
        most_at_once = 0
        wait = 1.0

        @classmethod
        def reset(cls, wait):
            with cls.lock:
                cls.requests.clear()
                cls.most_at_once = 0
                cls.wait = wait

        def log_message(self, *args):
            pass

        def do_GET(self):
            self.answer(with_body=True)

        def do_HEAD(self):
            self.answer(with_body=False)

        def answer(self, with_body):
            # A request is "in hand" from its arrival until its answer
            # starts: a client that waits for each answer before it sends
            # the next request can never have two in hand.
            with Handler.lock:
                Handler.requests[self.path] += 1
                Handler.in_hand += 1
                Handler.most_at_once = max(Handler.most_at_once, Handler.in_hand)
                Handler.lock.notify_all()
                if self.path in slow:
                    Handler.lock.wait_for(lambda: Handler.most_at_once >= 3, timeout=Handler.wait)
                Handler.in_hand -= 1
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


SLOW = [f"/rooms/{n}.html" for n in range(1, 7)]
PAGES = {"/index.html": html(*SLOW, "/contact.html", "/missing.html")}
PAGES.update({path: html() for path in SLOW})
PAGES["/contact.html"] = html("/index.html", "/rooms/1.html")
HANDLER = site(PAGES, slow=SLOW)


def report(url):
    lines = sorted(["OK " + url + path for path in SLOW + ["/contact.html", "/index.html"]]
                   + ["BROKEN 404 " + url + "/missing.html"], key=lambda line: line.split()[-1])
    return lines + ["Links: 9 checked, 1 broken"]


def check_with(wait, *args):
    """Runs the checker with `args` on the site; slow pages wait up to `wait` s."""
    HANDLER.reset(wait)
    with serve(handler=HANDLER) as url:
        ran = run("linkcheck.py", *args, f"{url}/index.html")
    return ran.expect_lines(report(url))


@check("with --workers 4, several links are requested at the same time")
def _():
    ran = check_with(1.0, "--workers", "4")
    if HANDLER.most_at_once < 3:
        fail(f"Ran: {ran.command}\nExpected: at least 3 requests in hand at the server at the same moment "
             f"(the page links to 8 others)\nGot: at most {HANDLER.most_at_once} at once. "
             "Are the links handed to a thread pool, all before waiting for the answers?")


@check("--workers 1 requests one link at a time, and reports the same")
def _():
    ran = check_with(0.05, "--workers", "1")
    if HANDLER.most_at_once != 1:
        fail(f"Ran: {ran.command}\nExpected: one request at a time\nGot: up to {HANDLER.most_at_once} at once. "
             "Does the pool get its max_workers from --workers?")


@check("without --workers, it sends up to 4 at a time")
def _():
    ran = check_with(1.0)
    if not 3 <= HANDLER.most_at_once <= 4:
        fail(f"Ran: {ran.command}\nExpected: up to 4 requests at once (the default), and at least 3, "
             f"with 8 links to check\nGot: at most {HANDLER.most_at_once} at once.")


@check("--workers must be a whole number of 1 or more")
def _():
    for value in ["0", "many"]:
        run("linkcheck.py", "--workers", value, "http://127.0.0.1:9/index.html").expect_code(2)
