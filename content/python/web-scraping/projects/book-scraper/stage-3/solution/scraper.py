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


def catalogue(first_page):
    """Every (title, link) in the catalogue, page after page, following each
    page's "next" link until a page has none."""
    page_url, seen = first_page, set()
    # `seen` guards against a site whose "next" links go round in a circle.
    while page_url is not None and page_url not in seen:
        seen.add(page_url)
        books, page_url = parsers.read_list_page(fetch(page_url), page_url)
        yield from books


def scrape(first_page):
    """Every book in the catalogue as a dict with its title, price, stock
    and url, visiting each book's own page for the price and stock."""
    for title, link in catalogue(first_page):
        price, stock = parsers.read_book_page(fetch(link))
        yield {"title": title, "price": price, "stock": stock, "url": link}


def main(argv):
    """Runs the command line in `argv` (the words after the file name) and
    returns the exit status."""
    parser = argparse.ArgumentParser(description="Scrape the Harbour Books catalogue.")
    parser.add_argument("url", help="the first catalogue page")
    args = parser.parse_args(argv)
    for book in scrape(args.url):
        print(f"{book['title']} | {book['price']} | {book['stock']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
