# Checks import bank.py: the brief names its interface (the class Account
# and its methods). Each check starts from a fresh import.
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


@check("a new account has its number, its owner and a balance of 0")
def _():
    s = Session("Account")
    s.do("account = Account('A-1', 'Ada')")
    s.expect("account.number", "A-1")
    s.expect("account.owner", "Ada")
    s.expect("account.balance", 0)


@check("deposit adds to the balance, in cents")
def _():
    s = Session("Account")
    s.do("account = Account('A-1', 'Ada')")
    s.do("account.deposit(1250)")
    s.expect("account.balance", 1250)
    s.do("account.deposit(5)")
    s.expect("account.balance", 1255)


@check("withdraw takes from the balance, down to exactly 0")
def _():
    s = Session("Account")
    s.do("account = Account('A-1', 'Ada')")
    s.do("account.deposit(1000)")
    s.do("account.withdraw(300)")
    s.expect("account.balance", 700)
    s.do("account.withdraw(700)")
    s.expect("account.balance", 0)


@check("an amount that is not a positive whole number of cents raises ValueError")
def _():
    for method in ["deposit", "withdraw"]:
        for bad in ["0", "-500", "10.5"]:
            s = Session("Account")
            s.do("account = Account('A-1', 'Ada')")
            s.do("account.deposit(1000)")
            s.expect_raises(f"account.{method}({bad})", ValueError)
            s.expect("account.balance", 1000)


@check("withdrawing more than the balance raises ValueError and changes nothing")
def _():
    s = Session("Account")
    s.do("account = Account('A-1', 'Ada')")
    s.do("account.deposit(500)")
    s.expect_raises("account.withdraw(501)", ValueError)
    s.expect("account.balance", 500)


@check("two accounts keep their own balances")
def _():
    s = Session("Account")
    s.do("ada = Account('A-1', 'Ada')")
    s.do("bob = Account('B-2', 'Bob')")
    s.do("ada.deposit(900)")
    s.expect("bob.balance", 0)
    s.expect("ada.balance", 900)
