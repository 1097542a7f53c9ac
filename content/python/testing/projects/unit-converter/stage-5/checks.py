from stagecheck import check, fail, load, run

LISTED = [
    "length: cm ft in km m mi mm yd",
    "mass: g kg lb oz",
    "temperature: C F K",
]


@check("python -m converter --list prints the units grouped by kind")
def _():
    run("-m", "converter", "--list").expect_code(0).expect_lines(LISTED)


@check("kinds() in converter/units.py gives the same groups")
def _():
    units = load("converter.units")
    if not hasattr(units, "kinds"):
        fail("The brief asks for a function kinds in converter/units.py, but there is none.")
    want = {"length": ["cm", "ft", "in", "km", "m", "mi", "mm", "yd"], "mass": ["g", "kg", "lb", "oz"],
            "temperature": ["C", "F", "K"]}
    got = units.kinds()
    if got != want:
        fail(f"Ran: kinds()\nExpected: {want!r}\nGot: {got!r}")


@check("--help describes --list")
def _():
    run("-m", "converter", "--help").expect_code(0).expect_in_stdout("--list")


@check("conversions still work beside --list")
def _():
    run("-m", "converter", "10", "km", "mi").expect_code(0).expect_stdout("10 km = 6.21371 mi\n")
    run("-m", "converter", "-40", "F", "C").expect_code(0).expect_stdout("-40 F = -40 C\n")


@check("no arguments at all exit with 2 and show the usage")
def _():
    run("-m", "converter").expect_code(2).expect_in_stderr("usage:")
