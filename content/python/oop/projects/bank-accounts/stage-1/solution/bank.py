"""Accounts for a small bank, with money kept exact as whole cents.

    >>> account = Account("A-1", "Ada")
    >>> account.deposit(1250)
    >>> account.balance
    1250
"""


def check_amount(amount):
    """Refuses anything but a positive whole number of cents. (bool is a
    subclass of int, but True is not an amount of money.)"""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise ValueError(f"amount must be a positive whole number of cents, got {amount!r}")


class Account:
    """A current account: money in, money out, never below zero."""

    def __init__(self, number, owner):
        self.number = number
        self.owner = owner
        self.balance = 0

    def deposit(self, amount):
        check_amount(amount)
        self.balance += amount

    def withdraw(self, amount):
        check_amount(amount)
        if amount > self.balance:
            raise ValueError(f"cannot withdraw {amount} cents from {self.number}: balance is {self.balance}")
        self.balance -= amount
