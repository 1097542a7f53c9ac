"""Fetching one page and finding its links."""

from html.parser import HTMLParser
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


def fetch_html(url):
    """The page at `url` as text, and the URL it ended at after redirects.
    Raises urllib's errors (HTTPError, URLError) when it cannot be read."""
    with urlopen(url) as response:
        charset = response.headers.get_content_charset() or "utf-8"
        return response.read().decode(charset, errors="replace"), response.url
