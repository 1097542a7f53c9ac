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


@check("InsufficientFunds is a kind of ValueError")
def _():
    s = Session("Account", "InsufficientFunds")
    s.expect("issubclass(InsufficientFunds, ValueError)", True)


@check("withdrawing more than the balance raises InsufficientFunds")
def _():
    s = Session("Account", "InsufficientFunds")
    s.do("account = Account('A-1', 'Ada')")
    s.do("account.deposit(1250)")
    s.expect_raises("account.withdraw(2000)", s.namespace["InsufficientFunds"])
    s.expect("account.balance", 1250)
    s.expect("account.history()", [("deposit", 1250, 1250)])


@check("the error says how much was asked for and what the balance is")
def _():
    s = Session("Account", "InsufficientFunds")
    s.do("account = Account('A-1', 'Ada')")
    s.do("account.deposit(1250)")
    s.namespace["error"] = s.expect_raises("account.withdraw(2000)", s.namespace["InsufficientFunds"])
    s.lines[-1] += ", caught as error"
    s.expect("str(error)", "cannot withdraw 20.00 from A-1: balance is 12.50")
    s.expect("error.amount", 2000)
    s.expect("error.balance", 1250)


@check("a bad amount still raises a plain ValueError, not InsufficientFunds")
def _():
    s = Session("Account", "InsufficientFunds")
    s.do("account = Account('A-1', 'Ada')")
    error = s.expect_raises("account.withdraw(-5)", ValueError)
    if isinstance(error, s.namespace["InsufficientFunds"]):
        fail(s.ran() + "\nExpected a ValueError that is not InsufficientFunds: -5 is not an amount at all, "
             "whatever the balance.\nGot: InsufficientFunds")
