# The brief names the interface: converter/units.py defines convert(), and
# the package re-exports it. So these checks import it.
import math

from stagecheck import learner_traceback, check, fail, load

LENGTHS = {"mm": 0.001, "cm": 0.01, "m": 1, "km": 1000, "in": 0.0254, "ft": 0.3048, "yd": 0.9144, "mi": 1609.344}
MASSES = {"g": 1, "kg": 1000, "oz": 28.349523125, "lb": 453.59237}


def convert():
    units = load("converter.units")
    if not hasattr(units, "convert"):
        fail("The brief asks for a function convert in converter/units.py, but there is none.")
    return units.convert


def call(function, *args):
    shown = f"convert{args!r}"
    try:
        return shown, function(*args)
    except Exception as error:
        fail(f"Ran: {shown}\nIt raised an error:\n{learner_traceback(error)}")


def expect_close(function, value, source, target, want):
    shown, got = call(function, value, source, target)
    if not isinstance(got, (int, float)) or not math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12):
        fail(f"Ran: {shown}\nExpected: {want!r} (or within a billionth of it)\nGot: {got!r}")


def expect_value_error(function, args, message):
    shown = f"convert{args!r}"
    try:
        got = function(*args)
    except ValueError as error:
        if str(error) != message:
            fail(f"Ran: {shown}\nExpected: ValueError({message!r})\nGot: ValueError({str(error)!r})")
        return
    except Exception as error:
        fail(f"Ran: {shown}\nExpected: ValueError({message!r})\nIt raised another error:\n"
             + learner_traceback(error))
    fail(f"Ran: {shown}\nExpected: ValueError({message!r})\nGot: {got!r}, and no error")


@check("convert turns km into m and back")
def _():
    function = convert()
    expect_close(function, 1.5, "km", "m", 1500)
    expect_close(function, 250, "m", "km", 0.25)


@check("every length unit of the table converts correctly")
def _():
    function = convert()
    for unit, metres in LENGTHS.items():
        expect_close(function, 1, unit, "m", metres)
        expect_close(function, 3, "m", unit, 3 / metres)
    expect_close(function, 1, "mi", "ft", 5280)


@check("every mass unit of the table converts correctly")
def _():
    function = convert()
    for unit, grams in MASSES.items():
        expect_close(function, 1, unit, "g", grams)
        expect_close(function, 3, "g", unit, 3 / grams)
    expect_close(function, 1, "lb", "oz", 16)


@check("from converter import convert works too")
def _():
    package = load("converter")
    if not hasattr(package, "convert"):
        fail("Ran: from converter import convert\nExpected it to work (converter/__init__.py imports it "
             "from .units)\nGot: ImportError, the package has no name convert")
    expect_close(package.convert, 2, "kg", "g", 2000)


@check("an unknown unit raises ValueError('unknown unit: ...')")
def _():
    function = convert()
    expect_value_error(function, (1, "km", "parsec"), "unknown unit: parsec")
    expect_value_error(function, (1, "furlong", "m"), "unknown unit: furlong")


@check("units of different kinds raise ValueError('cannot convert ... to ...')")
def _():
    function = convert()
    expect_value_error(function, (1, "km", "kg"), "cannot convert km to kg")
    expect_value_error(function, (1, "lb", "ft"), "cannot convert lb to ft")
