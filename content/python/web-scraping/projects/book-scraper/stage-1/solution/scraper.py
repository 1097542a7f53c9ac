"""Book scraper: reads Harbour Books' online catalogue.

    python scraper.py URL_OF_THE_FIRST_CATALOGUE_PAGE
"""

import argparse
import sys

import requests

import parsers

# Say who we are: a site owner who sees odd traffic can tell who to ask.
HEADERS = {"User-Agent": "harbour-books-scraper/1.0 (+mailto:data-team@example.com)"}


def fetch(url):
    """The page at `url`, as bytes: Beautiful Soup reads the page's own
    <meta charset> to decode it."""
    response = requests.get(url, headers=HEADERS, timeout=10)
    response.raise_for_status()
    return response.content


def main(argv):
    """Runs the command line in `argv` (the words after the file name) and
    returns the exit status."""
    parser = argparse.ArgumentParser(description="Scrape the Harbour Books catalogue.")
    parser.add_argument("url", help="the first catalogue page")
    args = parser.parse_args(argv)
    for title, _link in parsers.books_on(fetch(args.url), args.url):
        print(title)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
