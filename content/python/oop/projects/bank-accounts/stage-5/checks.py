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

NAMES = ("Account", "SavingsAccount", "Bank", "InsufficientFunds")


def with_bank():
    s = Session(*NAMES)
    s.do("bank = Bank()")
    s.do("ada = Account('A-1', 'Ada')")
    s.do("bob = Account('B-2', 'Bob')")
    s.do("bank.add(ada)")
    s.do("bank.add(bob)")
    s.do("ada.deposit(5000)")
    return s


@check("a bank finds its accounts by number")
def _():
    s = with_bank()
    s.expect("bank['A-1'] is ada", True)
    s.expect("bank['B-2'] is bob", True)
    s.expect("'A-1' in bank", True)
    s.expect("'Z-9' in bank", False)
    s.expect("len(bank)", 2)


@check("an unknown number raises KeyError")
def _():
    s = with_bank()
    s.expect_raises("bank['Z-9']", KeyError)


@check("adding a second account with the same number raises ValueError")
def _():
    s = with_bank()
    s.expect_raises("bank.add(Account('A-1', 'Eve'))", ValueError)
    s.expect("bank['A-1'] is ada", True)


@check("transfer moves money from one account to the other")
def _():
    s = with_bank()
    s.do("bank.transfer('A-1', 'B-2', 1250)")
    s.expect("ada.balance", 3750)
    s.expect("bob.balance", 1250)
    s.expect("bank.total()", 5000)


def expect_nothing_moved(s):
    s.expect("ada.balance", 5000)
    s.expect("bob.balance", 0)
    s.expect("len(ada.history())", 1)
    s.expect("len(bob.history())", 0)


@check("a transfer larger than the balance raises InsufficientFunds and moves nothing")
def _():
    s = with_bank()
    s.expect_raises("bank.transfer('A-1', 'B-2', 9999)", s.namespace["InsufficientFunds"])
    expect_nothing_moved(s)


@check("a transfer to an unknown account raises KeyError and moves nothing")
def _():
    s = with_bank()
    s.expect_raises("bank.transfer('A-1', 'Z-9', 1000)", KeyError)
    expect_nothing_moved(s)


@check("a transfer of a bad amount, or to the same account, raises ValueError and moves nothing")
def _():
    for code in ["bank.transfer('A-1', 'B-2', 0)", "bank.transfer('A-1', 'B-2', 12.5)",
                 "bank.transfer('A-1', 'A-1', 100)"]:
        s = with_bank()
        s.expect_raises(code, ValueError)
        expect_nothing_moved(s)


@check("bank.add_interest() pays every savings account and returns the total paid")
def _():
    s = with_bank()
    s.do("s1 = SavingsAccount('S-1', 'Ada', '2.4')")
    s.do("s2 = SavingsAccount('S-2', 'Bob', '1.2')")
    s.do("bank.add(s1)")
    s.do("bank.add(s2)")
    s.do("s1.deposit(100000)")
    s.do("s2.deposit(50000)")
    s.expect("bank.add_interest()", 250)
    s.expect("s1.balance", 100200)
    s.expect("s2.balance", 50050)
    s.expect("ada.balance", 5000)
    s.expect("bank.total()", 155250)
