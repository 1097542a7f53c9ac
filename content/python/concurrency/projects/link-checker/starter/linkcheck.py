"""Link checker: finds broken links on a website.

    python linkcheck.py --links URL     list the links on one page
"""

import argparse
import sys

import pages


def main(argv):
    """Runs the command line in `argv` (the words after the file name) and
    returns the exit status."""
    parser = argparse.ArgumentParser(description="Find broken links on a website.")
    parser.add_argument("url", help="the page to start from")
    parser.add_argument("--links", action="store_true", help="only list the links on that page")
    args = parser.parse_args(argv)
    print("linkcheck.py does nothing yet: stage 1 asks for --links.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
