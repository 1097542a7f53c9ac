from stagecheck import check, run


@check("shouts with --shout")
def _():
    run("greet.py", "--shout", "Ada").expect_code(0).expect_stdout("HELLO, ADA!\n")
