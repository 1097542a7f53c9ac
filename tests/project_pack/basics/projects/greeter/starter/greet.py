import sys


def main(args):
    pass  # stage 1: greet args[0]


if __name__ == "__main__":
    main(sys.argv[1:])
