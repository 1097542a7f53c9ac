# The checks run the learner's tests with python -m unittest, then swap in
# units.py files with one planted bug each and expect the tests to fail.
import re
from pathlib import Path

from stagecheck import check, fail, here, run

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


@check("python -m unittest runs at least 4 tests, and they pass")
def _():
    if not UNITS.is_file():
        fail("The brief asks for converter/units.py, but there is none.")
    ran = run("-m", "unittest")
    if ran.code != 0:
        fail(f"Ran: {ran.command}\nExpected: the tests to pass (exit status 0)\n"
             f"Got: exit status {ran.code}, with this output:\n{ran.stderr[-2500:]}")
    if tests_ran(ran) < 4:
        fail(f"Ran: {ran.command}\nExpected: at least 4 tests (the brief lists what they must cover)\n"
             f"Got: {tests_ran(ran)}. Are they in tests/, in files named test_*.py, "
             "in methods named test_..., with a tests/__init__.py?")


@check("your tests pass with a correct units.py in place of yours")
def _():
    ran = run_tests_with(REFERENCE)
    if ran.code != 0:
        fail("We put a correct converter/units.py (ours) in place of yours.\n"
             f"Ran: {ran.command}\nExpected: your tests to pass, since they should test only what the brief "
             "names (convert and its errors)\n"
             f"Got: exit status {ran.code}, with this output:\n{ran.stderr[-2500:]}")


@check("your tests catch conversions done the wrong way round")
def _():
    expect_caught("convert divides where it should multiply, so 1 km to m gives 0.001",
                  planted("base = value * source.scale + source.offset",
                          "base = value / source.scale + source.offset")
                  .replace("return (base - target.offset) / target.scale",
                           "return (base - target.offset) * target.scale"))


@check("your tests catch a wrong kilogram")
def _():
    expect_caught("a kilogram is 100 g instead of 1000 g",
                  planted('"kg": Unit("mass", 1000.0)', '"kg": Unit("mass", 100.0)'))


@check("your tests catch an unknown unit raising KeyError instead of ValueError")
def _():
    expect_caught("convert(1, 'km', 'parsec') raises KeyError, not ValueError",
                  planted('raise ValueError(f"unknown unit: {name}") from None', "raise"))


@check("your tests catch units of different kinds being converted anyway")
def _():
    expect_caught("convert(1, 'km', 'kg') returns 1.0 instead of raising ValueError",
                  planted('raise ValueError(f"cannot convert {from_unit} to {to_unit}")', "pass"))
