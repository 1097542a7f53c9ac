from stagecheck import check, fail, run


def converter(*args):
    return run("-m", "converter", *args)


@check("python -m converter 10 km mi prints the conversion")
def _():
    converter("10", "km", "mi").expect_code(0).expect_stdout("10 km = 6.21371 mi\n")


@check("values and results are printed with up to 6 significant digits")
def _():
    converter("2.5", "kg", "lb").expect_code(0).expect_stdout("2.5 kg = 5.51156 lb\n")
    converter("1", "mi", "m").expect_code(0).expect_stdout("1 mi = 1609.34 m\n")
    converter("12", "in", "ft").expect_code(0).expect_stdout("12 in = 1 ft\n")


@check("a negative value is converted too")
def _():
    converter("-3", "m", "cm").expect_code(0).expect_stdout("-3 m = -300 cm\n")


def expect_usage_error(ran, *texts):
    ran.expect_code(2).expect_in_stderr("usage:", *texts)
    if ran.stdout.strip():
        fail(f"Ran: {ran.command}\nExpected nothing on stdout (the error goes to stderr)\nGot:\n{ran.stdout}")


@check("a value that is not a number exits with 2 and argparse's message")
def _():
    expect_usage_error(converter("ten", "km", "mi"), "'ten'")


@check("an unknown unit exits with 2 and names it")
def _():
    expect_usage_error(converter("1", "km", "parsec"), "unknown unit: parsec")


@check("units of different kinds exit with 2 and say so")
def _():
    expect_usage_error(converter("1", "km", "kg"), "cannot convert km to kg")


@check("missing arguments exit with 2 and show the usage")
def _():
    expect_usage_error(converter("10", "km"))
    expect_usage_error(converter())
