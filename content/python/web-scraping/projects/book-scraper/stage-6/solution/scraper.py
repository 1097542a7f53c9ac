"""Book scraper: reads Harbour Books' online catalogue.

    python scraper.py URL_OF_THE_FIRST_CATALOGUE_PAGE
    python scraper.py --delay 1 URL     wait a second between requests

It prints each book as it goes and writes them all to books.csv.
"""

import argparse
import csv
import sys

import requests

import parsers
from fetching import Disallowed, PoliteFetcher

FIELDS = ["title", "price", "stock", "url"]


def catalogue(fetcher, first_page):
    """Every (title, link) in the catalogue, page after page, following each
    page's "next" link until a page has none."""
    page_url, seen = first_page, set()
    # `seen` guards against a site whose "next" links go round in a circle.
    while page_url is not None and page_url not in seen:
        seen.add(page_url)
        books, page_url = parsers.read_list_page(fetcher.fetch(page_url), page_url)
        yield from books


def scrape(fetcher, first_page):
    """Every book in the catalogue as a dict with its title, price, stock
    and url, visiting each book's own page for the price and stock. Books
    whose page robots.txt forbids, or that cannot be read, are left out,
    with a note on stderr."""
    for title, link in catalogue(fetcher, first_page):
        try:
            page = fetcher.fetch(link)
        except Disallowed:
            print(f"Skipped {link}: robots.txt asks robots not to fetch it", file=sys.stderr)
            continue
        except requests.RequestException as error:
            # One missing book must not cost us the rest of the catalogue.
            print(f"Skipped {link}: {error}", file=sys.stderr)
            continue
        price, stock = parsers.read_book_page(page)
        yield {"title": title, "price": price, "stock": stock, "url": link}


def seconds(text):
    """An argparse type: a number of seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"expected a number of seconds, 0 or more, got {text!r}")
    return value


def main(argv):
    """Runs the command line in `argv` (the words after the file name) and
    returns the exit status."""
    parser = argparse.ArgumentParser(description="Scrape the Harbour Books catalogue.")
    parser.add_argument("url", help="the first catalogue page")
    parser.add_argument("--delay", type=seconds, default=0.0,
                        help="seconds to wait between requests (default 0)")
    args = parser.parse_args(argv)
    try:
        fetcher = PoliteFetcher(args.url, args.delay)
        # Mode "w": each run writes the file afresh. newline="" lets the csv
        # module choose the line ends, as it must.
        with open("books.csv", "w", newline="", encoding="utf-8") as file:
            writer = csv.DictWriter(file, fieldnames=FIELDS)
            writer.writeheader()
            for book in scrape(fetcher, args.url):
                print(f"{book['title']} | {book['price']} | {book['stock']}")
                writer.writerow(book)
    except (requests.RequestException, Disallowed) as error:
        # A catalogue page we cannot read: the books so far are written,
        # but the run did not finish, and the exit status says so.
        print(f"Cannot read the catalogue: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
