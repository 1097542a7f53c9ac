"""Accounts for a small bank, with money kept exact as whole cents.

    >>> account = Account("A-1", "Ada")
    >>> account.deposit(1250)
    >>> print(account)
    A-1 Ada: 12.50
"""

def format_cents(cents):
    """1250 -> '12.50'."""
    return f"{cents // 100}.{cents % 100:02d}"


def check_amount(amount):
    """Refuses anything but a positive whole number of cents. (bool is a
    subclass of int, but True is not an amount of money.)"""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise ValueError(f"amount must be a positive whole number of cents, got {amount!r}")


class InsufficientFunds(ValueError):
    """A withdrawal larger than the balance. It subclasses ValueError, so
    code written before it existed, catching ValueError, still works."""

    def __init__(self, account, amount):
        self.number = account.number
        self.balance = account.balance
        self.amount = amount
        super().__init__(
            f"cannot withdraw {format_cents(amount)} from {account.number}: "
            f"balance is {format_cents(account.balance)}"
        )


class Account:
    """A current account: money in, money out, never below zero."""

    def __init__(self, number, owner):
        self.number = number
        self.owner = owner
        self.balance = 0
        self._history = []

    def _record(self, kind, amount):
        self._history.append((kind, amount, self.balance))

    def deposit(self, amount):
        check_amount(amount)
        self.balance += amount
        self._record("deposit", amount)

    def withdraw(self, amount):
        check_amount(amount)
        if amount > self.balance:
            raise InsufficientFunds(self, amount)
        self.balance -= amount
        self._record("withdrawal", amount)

    def history(self):
        """(kind, amount, balance after) for each change, oldest first. A
        copy: changing it does not change the account."""
        return list(self._history)

    def __str__(self):
        return f"{self.number} {self.owner}: {format_cents(self.balance)}"

    def __repr__(self):
        # type(self) rather than "Account", so subclasses show their own name.
        return f"{type(self).__name__}(number={self.number!r}, owner={self.owner!r}, balance={self.balance})"

