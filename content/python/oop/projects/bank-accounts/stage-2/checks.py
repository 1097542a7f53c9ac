# Checks import bank.py: the brief names its interface. Each check starts
# from a fresh import.
from stagecheck import learner_traceback, check, fail, load


class Session:
    """Runs lines of code against the learner's bank.py, as a learner would
    type them in a REPL, and remembers them for the failure message."""

    def __init__(self, *names):
        bank = load("bank")
        missing = [name for name in names if not hasattr(bank, name)]
        if missing:
            fail(f"The brief asks bank.py for {', '.join(names)}, but it has no {', '.join(missing)}.")
        self.namespace = {name: getattr(bank, name) for name in names}
        self.lines = [f"from bank import {', '.join(names)}"]

    def ran(self):
        return "Ran:\n    " + "\n    ".join(self.lines)

    def do(self, code):
        """Runs `code`; an exception fails the check."""
        self.lines.append(code)
        try:
            exec(code, self.namespace)
        except Exception as error:
            fail(f"{self.ran()}\nThe last line raised an error:\n{learner_traceback(error)}")

    def expect(self, expression, want):
        """`expression` evaluates to `want`."""
        self.lines.append(expression)
        try:
            got = eval(expression, self.namespace)
        except Exception as error:
            fail(f"{self.ran()}\nExpected the last line to give {want!r}\nIt raised an error:\n"
                 + learner_traceback(error))
        if got != want:
            fail(f"{self.ran()}\nExpected the last line to give {want!r}\nGot: {got!r}")
        self.lines.append(f"# -> {want!r}")

    def expect_raises(self, code, error_class, name=None):
        """`code` raises `error_class` (or a subclass)."""
        self.lines.append(code)
        name = name or error_class.__name__
        try:
            exec(code, self.namespace)
        except error_class as error:
            self.lines[-1] += f"  # raises {name}"
            return error
        except Exception as error:
            fail(f"{self.ran()}\nExpected the last line to raise {name}\nIt raised another error:\n"
                 + learner_traceback(error))
        fail(f"{self.ran()}\nExpected the last line to raise {name}\nIt raised nothing.")


@check("history lists each deposit and withdrawal with the balance after it")
def _():
    s = Session("Account")
    s.do("account = Account('A-1', 'Ada')")
    s.do("account.deposit(1000)")
    s.do("account.withdraw(250)")
    s.expect("account.history()", [("deposit", 1000, 1000), ("withdrawal", 250, 750)])


@check("a new account has an empty history")
def _():
    s = Session("Account")
    s.do("account = Account('A-1', 'Ada')")
    s.expect("account.history()", [])


@check("a refused deposit or withdrawal leaves no line in the history")
def _():
    s = Session("Account")
    s.do("account = Account('A-1', 'Ada')")
    s.do("account.deposit(500)")
    s.expect_raises("account.deposit(-1)", ValueError)
    s.expect_raises("account.withdraw(900)", ValueError)
    s.expect("account.history()", [("deposit", 500, 500)])


@check("history() gives a copy: changing it does not change the account")
def _():
    s = Session("Account")
    s.do("account = Account('A-1', 'Ada')")
    s.do("account.deposit(500)")
    s.do("account.history().clear()")
    s.expect("account.history()", [("deposit", 500, 500)])


@check("two accounts keep their own histories")
def _():
    s = Session("Account")
    s.do("ada = Account('A-1', 'Ada')")
    s.do("bob = Account('B-2', 'Bob')")
    s.do("ada.deposit(700)")
    s.expect("bob.history()", [])


@check("str() shows the number, the owner and the balance with two decimals")
def _():
    for cents, shown in [(0, "0.00"), (5, "0.05"), (1250, "12.50"), (123456, "1234.56")]:
        s = Session("Account")
        s.do("account = Account('A-1', 'Ada')")
        if cents:
            s.do(f"account.deposit({cents})")
        s.expect("str(account)", f"A-1 Ada: {shown}")


@check("repr() shows the class, number, owner and balance")
def _():
    s = Session("Account")
    s.do("account = Account('A-1', 'Ada')")
    s.do("account.deposit(1250)")
    s.expect("repr(account)", "Account(number='A-1', owner='Ada', balance=1250)")
