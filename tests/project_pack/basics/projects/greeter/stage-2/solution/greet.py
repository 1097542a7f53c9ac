import sys

from words import GREETING


def main(args):
    if args[0] == "--shout":
        print(f"{GREETING}, {args[1]}!".upper())
    else:
        print(f"{GREETING}, {args[0]}!")


if __name__ == "__main__":
    main(sys.argv[1:])
