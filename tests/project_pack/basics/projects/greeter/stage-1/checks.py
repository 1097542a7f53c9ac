from stagecheck import check, run


@check("greets by name")
def _():
    run("greet.py", "Ada").expect_code(0).expect_stdout("Hello, Ada!\n")
