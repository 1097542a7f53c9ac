# convert() is named by the brief, so it is imported; the tests are run,
# then run again with a units.py that has a planted bug.
import re
from pathlib import Path

import math

from stagecheck import learner_traceback, check, fail, here, load, run

UNITS = Path("converter/units.py")
REFERENCE = here("units_reference.py").read_text(encoding="utf-8")


def tests_ran(ran):
    found = re.findall(r"^Ran (\d+) tests?", ran.stderr, re.MULTILINE)
    return int(found[-1]) if found else 0


def run_tests_with(units_text):
    """Runs the learner's tests with `units_text` as converter/units.py,
    then puts their own file back."""
    own = UNITS.read_text(encoding="utf-8")
    UNITS.write_text(units_text, encoding="utf-8")
    try:
        return run("-m", "unittest")
    finally:
        UNITS.write_text(own, encoding="utf-8")


def planted(old, new):
    if old not in REFERENCE:
        raise AssertionError(f"content bug: {old!r} is not in units_reference.py")
    return REFERENCE.replace(old, new)


def expect_caught(bug, units_text):
    ran = run_tests_with(units_text)
    if ran.code == 0:
        fail(f"We put a converter/units.py with one bug in place of yours: {bug}.\n"
             f"Ran: {ran.command}\nExpected: at least one of your tests to fail\n"
             f"Got: all {tests_ran(ran)} tests passed. Add a test that this bug would fail.")


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


@check("convert handles Celsius, Fahrenheit and kelvin")
def _():
    function = convert()
    for value, source, target, want in [
        (100, "C", "F", 212), (32, "F", "C", 0), (0, "K", "C", -273.15), (25, "C", "K", 298.15),
        (212, "F", "K", 373.15), (-40, "C", "F", -40), (0, "C", "C", 0),
    ]:
        expect_close(function, value, source, target, want)


@check("a temperature and a length cannot be converted")
def _():
    shown = "convert(1, 'C', 'm')"
    try:
        got = convert()(1, "C", "m")
    except ValueError:
        return
    except Exception as error:
        fail(f"Ran: {shown}\nExpected: ValueError('cannot convert C to m')\nIt raised another error:\n"
             + learner_traceback(error))
    fail(f"Ran: {shown}\nExpected: ValueError('cannot convert C to m')\nGot: {got!r}, and no error")


@check("the command line converts temperatures")
def _():
    run("-m", "converter", "100", "C", "F").expect_code(0).expect_stdout("100 C = 212 F\n")
    run("-m", "converter", "-40", "C", "F").expect_code(0).expect_stdout("-40 C = -40 F\n")
    run("-m", "converter", "0", "K", "C").expect_code(0).expect_stdout("0 K = -273.15 C\n")
    run("-m", "converter", "1", "C", "m").expect_code(2).expect_in_stderr("cannot convert C to m")


@check("your tests still pass, with a correct units.py too")
def _():
    ran = run("-m", "unittest")
    if ran.code != 0:
        fail(f"Ran: {ran.command}\nExpected: the tests to pass (exit status 0)\n"
             f"Got: exit status {ran.code}, with this output:\n{ran.stderr[-2500:]}")
    ran = run_tests_with(REFERENCE)
    if ran.code != 0:
        fail("We put a correct converter/units.py (ours) in place of yours.\n"
             f"Ran: {ran.command}\nExpected: your tests to pass\n"
             f"Got: exit status {ran.code}, with this output:\n{ran.stderr[-2500:]}")


@check("your tests catch a wrong Fahrenheit scale")
def _():
    expect_caught("Fahrenheit starts at 23 instead of 32, so 100 C gives 203 F and 32 F gives -5 C",
                  planted("273.15 - 32 * 5 / 9", "273.15 - 23 * 5 / 9"))
