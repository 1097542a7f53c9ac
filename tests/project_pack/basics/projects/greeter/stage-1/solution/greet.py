import sys

from words import GREETING


def main(args):
    print(f"{GREETING}, {args[0]}!")


if __name__ == "__main__":
    main(sys.argv[1:])
