"""Link checker: finds broken links on a website.

    python linkcheck.py --links URL     list the links on one page
"""

import argparse
import sys
from urllib.error import URLError

import pages


def list_links(url):
    """Prints the links on one page, sorted; the exit status."""
    try:
        html, final_url = pages.fetch_html(url)
    except URLError as error:  # HTTPError (a 404...) is a URLError too
        print(f"Cannot fetch {url}: {error}", file=sys.stderr)
        return 1
    for link in sorted(pages.links_in(html, final_url)):
        print(link)
    return 0


def main(argv):
    """Runs the command line in `argv` (the words after the file name) and
    returns the exit status."""
    parser = argparse.ArgumentParser(description="Find broken links on a website.")
    parser.add_argument("url", help="the page to start from")
    parser.add_argument("--links", action="store_true", help="only list the links on that page")
    args = parser.parse_args(argv)
    if args.links:
        return list_links(args.url)
    print("Checking links comes in stage 2; use --links for now.", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
