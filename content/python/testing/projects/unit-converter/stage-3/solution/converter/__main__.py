"""The command line: python -m converter 10 km mi"""

import argparse

from .units import convert


def build_parser():
    parser = argparse.ArgumentParser(
        prog="python -m converter",
        description="Convert a value between units of length or mass.",
    )
    # type=float makes argparse refuse "ten" with a usage message and exit 2.
    parser.add_argument("value", type=float, help="the number to convert")
    parser.add_argument("from_unit", metavar="FROM", help="its unit, e.g. km")
    parser.add_argument("to_unit", metavar="TO", help="the unit wanted, e.g. mi")
    return parser


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result = convert(args.value, args.from_unit, args.to_unit)
    except ValueError as error:
        parser.error(str(error))  # prints usage and the message, exits with 2
    print(f"{args.value:g} {args.from_unit} = {result:g} {args.to_unit}")


if __name__ == "__main__":
    main()
