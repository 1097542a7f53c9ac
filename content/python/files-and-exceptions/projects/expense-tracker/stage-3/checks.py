import os

from stagecheck import check, fail, read_file, remove, run

# The learner may have tried the program in their folder: start without its data.
remove("expenses.csv")

ERROR = "Error: amount must be a positive number"


def expect_untouched(before, command):
    after = read_file("expenses.csv")
    if after != before:
        fail(f"Ran: {command}\nExpected expenses.csv to stay as it was:\n{before}\nGot:\n{after}")


@check("an amount that is not a number is refused with an error")
def _():
    ran = run("tracker.py", "add", "abc", "lunch").expect_code(1).expect_in_stderr(ERROR)
    if ran.stdout.strip():
        fail(f"Ran: {ran.command}\nExpected nothing on stdout (the error goes to stderr)\nGot:\n{ran.stdout}")


@check("a refused first add does not create expenses.csv")
def _():
    if os.path.exists("expenses.csv"):
        fail("Ran: python tracker.py add abc lunch\n"
             "Expected no expenses.csv afterwards (nothing was recorded)\n"
             "Got: an expenses.csv holding:\n" + read_file("expenses.csv"))


@check("zero, negative and comma amounts are refused and change nothing")
def _():
    run("tracker.py", "add", "5", "coffee").expect_code(0)
    before = read_file("expenses.csv")
    for amount in ["0", "-3", "12,50", "nan"]:
        ran = run("tracker.py", "add", amount, "lunch")
        ran.expect_code(1).expect_in_stderr(ERROR)
        expect_untouched(before, ran.command)


@check("an unknown command prints a usage line to stderr and exits with 2")
def _():
    run("tracker.py", "remove", "1").expect_code(2).expect_in_stderr("usage:")


@check("missing or extra words print the usage line and exit with 2")
def _():
    before = read_file("expenses.csv")
    for args in [[], ["add", "12"], ["add", "12", "lunch", "extra"], ["list", "all"]]:
        ran = run("tracker.py", *args).expect_code(2).expect_in_stderr("usage:")
        expect_untouched(before, ran.command)


@check("good commands still work after the errors")
def _():
    run("tracker.py", "add", "2.5", "bun").expect_code(0).expect_stdout("Added 2.50 for bun\n")
    run("tracker.py", "list").expect_code(0).expect_lines(["1. 5.00 coffee", "2. 2.50 bun", "Total: 7.50"])
