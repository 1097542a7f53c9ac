from stagecheck import check, remove, run

# The learner may have tried the program in their folder: start without its data.
remove("expenses.csv")


@check("list with no file says there is nothing yet")
def _():
    run("tracker.py", "list").expect_code(0).expect_lines(["No expenses yet."])


@check("list numbers every expense and ends with the total")
def _():
    run("tracker.py", "add", "12.5", "lunch").expect_code(0)
    run("tracker.py", "add", "3", "tea, milk").expect_code(0)
    run("tracker.py", "list").expect_code(0).expect_lines(
        ["1. 12.50 lunch", "2. 3.00 tea, milk", "Total: 15.50"]
    )


@check("the total adds cents without rounding errors showing")
def _():
    for amount in ["0.10", "0.20"]:
        run("tracker.py", "add", amount, "sweets").expect_code(0)
    run("tracker.py", "list").expect_code(0).expect_in_stdout("Total: 15.80")
