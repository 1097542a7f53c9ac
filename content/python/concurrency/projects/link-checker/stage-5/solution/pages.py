"""Fetching one page and finding its links."""

from html.parser import HTMLParser
from http.client import HTTPException
from urllib.error import HTTPError, URLError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen


class LinkParser(HTMLParser):
    """Collects the href of every <a> tag it is fed, in `self.hrefs`."""

    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        # The parser gives tag and attribute names in lower case, so
        # <A HREF=...> arrives here as "a" and "href".
        if tag == "a":
            for name, value in attrs:
                if name == "href" and value:
                    self.hrefs.append(value)


def links_in(html, page_url):
    """The set of web links on a page: absolute, without #fragments, and
    only http(s) ones (no mailto:, no javascript:)."""
    parser = LinkParser()
    parser.feed(html)
    parser.close()
    links = set()
    for href in parser.hrefs:
        # Relative links are relative to the page they are on.
        url, _fragment = urldefrag(urljoin(page_url, href.strip()))
        if urlsplit(url).scheme in ("http", "https"):
            links.add(url)
    return links


def site_of(url):
    """What makes two URLs the same site: scheme and host with port."""
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


def fetch(url, read_page=False, timeout=10):
    """Requests `url` once and returns (result, final_url, html):
    result is "OK" or "BROKEN <why>", where why is the HTTP status, "timeout"
    when no answer came within `timeout` seconds, or "error" when there was
    no proper answer at all (nothing listening, a dropped connection);
    final_url is where redirects ended; html is the page's text when
    `read_page` is set and the answer is an HTML page, else None."""
    try:
        with urlopen(url, timeout=timeout) as response:
            if not read_page or response.headers.get_content_type() != "text/html":
                return "OK", response.url, None
            charset = response.headers.get_content_charset() or "utf-8"
            return "OK", response.url, response.read().decode(charset, errors="replace")
    except HTTPError as error:  # an answer, with an error status: 404, 500...
        error.close()
        return f"BROKEN {error.code}", url, None
    except URLError as error:  # no answer: urllib wraps the reason
        why = "timeout" if isinstance(error.reason, TimeoutError) else "error"
        return f"BROKEN {why}", url, None
    except TimeoutError:  # the answer started, then stalled while being read
        return "BROKEN timeout", url, None
    except (OSError, HTTPException):  # the connection broke, or the answer made no sense
        return "BROKEN error", url, None
