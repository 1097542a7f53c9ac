"""Fetching one page and finding its links."""

from html.parser import HTMLParser
from urllib.error import HTTPError
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


def fetch(url, read_page=False):
    """Requests `url` once and returns (result, final_url, html):
    result is "OK" or "BROKEN <status>"; final_url is where redirects
    ended; html is the page's text when `read_page` is set and the answer
    is an HTML page, else None (a PDF or another site is not read)."""
    try:
        with urlopen(url) as response:
            if not read_page or response.headers.get_content_type() != "text/html":
                return "OK", response.url, None
            charset = response.headers.get_content_charset() or "utf-8"
            return "OK", response.url, response.read().decode(charset, errors="replace")
    except HTTPError as error:
        error.close()
        return f"BROKEN {error.code}", url, None
