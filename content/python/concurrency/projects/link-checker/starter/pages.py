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
        # Called for every start tag; `attrs` is a list of (name, value).
        pass
