"""The command line: python -m converter 10 km mi"""

import argparse

from .units import convert, kinds


def build_parser():
    parser = argparse.ArgumentParser(
        prog="python -m converter",
        description="Convert a value between units of length, mass or temperature.",
    )
    # Optional with nargs="?" so that --list works alone; main() checks
    # that all three are there otherwise.
    parser.add_argument("value", nargs="?", type=float, help="the number to convert")
    parser.add_argument("from_unit", nargs="?", metavar="FROM", help="its unit, e.g. km")
    parser.add_argument("to_unit", nargs="?", metavar="TO", help="the unit wanted, e.g. mi")
    parser.add_argument("--list", action="store_true", help="list the units, grouped by kind")
    return parser


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.list:
        for kind, names in kinds().items():
            print(f"{kind}: {' '.join(names)}")
        return
    if args.to_unit is None:
        parser.error("give a VALUE, a FROM unit and a TO unit, or --list")
    try:
        result = convert(args.value, args.from_unit, args.to_unit)
    except ValueError as error:
        parser.error(str(error))  # prints usage and the message, exits with 2
    print(f"{args.value:g} {args.from_unit} = {result:g} {args.to_unit}")


if __name__ == "__main__":
    main()
