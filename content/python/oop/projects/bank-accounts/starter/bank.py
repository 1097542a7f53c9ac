"""Accounts for a small bank, with money kept exact as whole cents.

    >>> account = Account("A-1", "Ada")
    >>> account.deposit(1250)
    >>> account.balance
    1250
"""


class Account:
    """A current account: money in, money out, never below zero."""

    def __init__(self, number, owner):
        raise NotImplementedError("Account is not written yet: stage 1 asks for it")
