"""Fetching pages politely: only where the site's robots.txt allows, and
never faster than one request per `delay` seconds."""

import time
from urllib.parse import urljoin
from urllib.robotparser import RobotFileParser

import requests

# The name robots.txt rules are matched against, and the header we send.
AGENT = "harbour-books-scraper"
HEADERS = {"User-Agent": f"{AGENT}/1.0 (+mailto:data-team@example.com)"}


class Disallowed(Exception):
    """The site's robots.txt asks robots not to fetch this URL."""


class PoliteFetcher:
    """Fetches the pages of one site, the way its owner asks."""

    def __init__(self, site_url, delay=0.0):
        self.delay = delay
        self._last = None  # time.monotonic() when the last request ended
        self.robots = RobotFileParser()
        response = self._get(urljoin(site_url, "/robots.txt"))
        # No robots.txt (a 404) means the owner set no rules.
        self.robots.parse(response.text.splitlines() if response.status_code == 200 else [])

    def _get(self, url):
        """One request, after waiting out the rest of the delay."""
        if self._last is not None:
            time.sleep(max(0.0, self._last + self.delay - time.monotonic()))
        try:
            return requests.get(url, headers=HEADERS, timeout=10)
        finally:
            self._last = time.monotonic()

    def fetch(self, url):
        """The page at `url` as bytes. Raises Disallowed when robots.txt
        forbids it, and requests' errors when it cannot be read."""
        if not self.robots.can_fetch(AGENT, url):
            raise Disallowed(url)
        response = self._get(url)
        response.raise_for_status()
        return response.content
