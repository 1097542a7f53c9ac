# Checks import bank.py: the brief names its interface. Each check starts
# from a fresh import.
from decimal import Decimal

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


@check("SavingsAccount is a subclass of Account")
def _():
    s = Session("Account", "SavingsAccount")
    s.expect("issubclass(SavingsAccount, Account)", True)


@check("a savings account starts like any account, with its rate")
def _():
    s = Session("SavingsAccount")
    s.do("savings = SavingsAccount('S-1', 'Ada', '2.4')")
    s.expect("savings.number", "S-1")
    s.expect("savings.owner", "Ada")
    s.expect("savings.balance", 0)
    s.expect("savings.rate", Decimal("2.4"))
    s.do("savings.deposit(1250)")
    s.expect("str(savings)", "S-1 Ada: 12.50")
    s.expect("repr(savings).startswith('SavingsAccount(')", True)


@check("add_interest pays a twelfth of the yearly rate and returns it")
def _():
    s = Session("SavingsAccount")
    s.do("savings = SavingsAccount('S-1', 'Ada', '2.4')")
    s.do("savings.deposit(100000)")
    s.expect("savings.add_interest()", 200)
    s.expect("savings.balance", 100200)
    s.expect("savings.history()[-1]", ("interest", 200, 100200))


@check("interest is rounded to the cent, halves up")
def _():
    for cents, rate, interest in [(12345, "3", 31), (100, "6", 1), (250, "1.5", 0)]:
        s = Session("SavingsAccount")
        s.do(f"savings = SavingsAccount('S-1', 'Ada', '{rate}')")
        s.do(f"savings.deposit({cents})")
        s.expect("savings.add_interest()", interest)
        s.expect("savings.balance", cents + interest)


@check("interest that rounds to 0 leaves no line in the history")
def _():
    s = Session("SavingsAccount")
    s.do("savings = SavingsAccount('S-1', 'Ada', '1.5')")
    s.do("savings.deposit(250)")
    s.expect("savings.add_interest()", 0)
    s.expect("savings.history()", [("deposit", 250, 250)])


@check("a negative rate raises ValueError")
def _():
    s = Session("SavingsAccount")
    s.expect_raises("SavingsAccount('S-1', 'Ada', '-1')", ValueError)


@check("a fourth withdrawal in a month raises ValueError, add_interest starts a new month")
def _():
    s = Session("SavingsAccount")
    s.do("savings = SavingsAccount('S-1', 'Ada', '2')")
    s.do("savings.deposit(10000)")
    for _ in range(3):
        s.do("savings.withdraw(100)")
    s.expect_raises("savings.withdraw(100)", ValueError)
    s.expect("savings.balance", 9700)
    s.do("savings.add_interest()")
    s.do("savings.withdraw(100)")
    s.expect("savings.balance", 9616)


@check("a refused withdrawal does not count towards the three")
def _():
    s = Session("SavingsAccount")
    s.do("savings = SavingsAccount('S-1', 'Ada', '2')")
    s.do("savings.deposit(300)")
    s.expect_raises("savings.withdraw(5000)", ValueError)
    s.expect_raises("savings.withdraw(0)", ValueError)
    for _ in range(3):
        s.do("savings.withdraw(100)")
    s.expect("savings.balance", 0)


@check("a plain Account has no withdrawal limit")
def _():
    s = Session("Account")
    s.do("account = Account('A-1', 'Ada')")
    s.do("account.deposit(1000)")
    for _ in range(5):
        s.do("account.withdraw(100)")
    s.expect("account.balance", 500)
