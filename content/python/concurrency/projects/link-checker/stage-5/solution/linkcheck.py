"""Link checker: finds broken links on a website.

    python linkcheck.py URL             check every link on the site from URL on
    python linkcheck.py --workers 8 URL     with 8 requests at a time (default 4)
    python linkcheck.py --timeout 3 URL     give up on a link after 3 s (default 10)
    python linkcheck.py --links URL     only list the links on that page
"""

import argparse
import sys
from concurrent.futures import ThreadPoolExecutor

import pages


def list_links(url):
    """Prints the links on one page, sorted; the exit status."""
    result, final_url, html = pages.fetch(url, read_page=True)
    if result != "OK":
        print(f"Cannot fetch {url}: {result}", file=sys.stderr)
        return 1
    for link in sorted(pages.links_in(html or "", final_url)):
        print(link)
    return 0


def crawl(start_url, workers, timeout):
    """Reads the start page and every page of the same site that it leads
    to, and checks every link found on them, `workers` requests at a time,
    each given `timeout` seconds. Each URL is requested once. Returns
    {link: result} for every link found."""
    site = pages.site_of(start_url)
    result, final_url, html = pages.fetch(start_url, read_page=True, timeout=timeout)
    if result != "OK":
        raise ValueError(f"Cannot fetch {start_url}: {result}")
    results = {start_url: result}  # every URL requested so far, and how it went
    found = set()  # every link seen on a page we read

    def visit(link):
        # Runs in a worker thread: it only fetches, and changes nothing
        # shared. Pages of other sites are only checked; ours are read too.
        return pages.fetch(link, read_page=pages.site_of(link) == site, timeout=timeout)

    to_read = [(final_url, html or "")]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        # Round by round: the links on this round's pages that nobody has
        # requested yet are all fetched at once, and the pages among them
        # are read in the next round.
        while to_read:
            new_links = set()
            for page_url, html in to_read:
                links = pages.links_in(html, page_url)
                found |= links
                new_links |= links - results.keys()
            new_links = sorted(new_links)
            to_read = []
            # map runs visit on the workers and gives the answers in order;
            # only this thread writes to `results`, so it needs no lock.
            for link, (result, final_url, page) in zip(new_links, pool.map(visit, new_links)):
                results[link] = result
                if page is not None and pages.site_of(final_url) == site:
                    to_read.append((final_url, page))
    return {link: results[link] for link in found}


def positive_int(text):
    """An argparse type: a whole number of 1 or more."""
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return int(text)


def print_report(results):
    """One line per link, sorted by URL, then the count. `results` maps each
    link to "OK" or "BROKEN <why>"."""
    for link in sorted(results):
        print(f"{results[link]} {link}")
    broken = sum(1 for result in results.values() if result != "OK")
    print(f"Links: {len(results)} checked, {broken} broken")


def positive_seconds(text):
    """An argparse type: a number of seconds above 0."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0
    if not seconds > 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"expected a number of seconds above 0, got {text!r}")
    return seconds


def main(argv):
    """Runs the command line in `argv` (the words after the file name) and
    returns the exit status."""
    parser = argparse.ArgumentParser(description="Find broken links on a website.")
    parser.add_argument("url", help="the page to start from")
    parser.add_argument("--links", action="store_true", help="only list the links on that page")
    parser.add_argument("--workers", type=positive_int, default=4, help="requests at a time (default 4)")
    parser.add_argument("--timeout", type=positive_seconds, default=10.0,
                        help="seconds to wait for each answer (default 10)")
    args = parser.parse_args(argv)
    if args.links:
        return list_links(args.url)
    try:
        results = crawl(args.url, args.workers, args.timeout)
    except ValueError as problem:
        print(problem, file=sys.stderr)
        return 1
    print_report(results)
    # Status 1 when something is broken, so a script or a CI job can tell.
    return 1 if any(result != "OK" for result in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
