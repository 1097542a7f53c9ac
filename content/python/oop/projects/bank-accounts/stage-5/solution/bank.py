"""Accounts for a small bank, with money kept exact as whole cents.

    >>> account = Account("A-1", "Ada")
    >>> account.deposit(1250)
    >>> print(account)
    A-1 Ada: 12.50
"""

from decimal import ROUND_HALF_UP, Decimal


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


class SavingsAccount(Account):
    """An account that earns monthly interest and allows a few
    withdrawals a month."""

    WITHDRAWALS_PER_MONTH = 3

    def __init__(self, number, owner, rate):
        super().__init__(number, owner)
        self.rate = Decimal(str(rate))  # str() first: Decimal(2.4) would carry the float's error
        if self.rate < 0:
            raise ValueError(f"rate must not be negative, got {rate!r}")
        self._withdrawals = 0

    def withdraw(self, amount):
        if self._withdrawals >= self.WITHDRAWALS_PER_MONTH:
            raise ValueError(f"{self.number} allows {self.WITHDRAWALS_PER_MONTH} withdrawals a month")
        super().withdraw(amount)
        self._withdrawals += 1  # only once the withdrawal went through

    def add_interest(self):
        """Pays one month's interest (the yearly rate / 12), rounded to the
        cent with halves going up, starts a new month, and returns it."""
        interest = int((self.balance * self.rate / 1200).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        if interest:
            self.balance += interest
            self._record("interest", interest)
        self._withdrawals = 0
        return interest


class Bank:
    """The accounts of a bank, by number."""

    def __init__(self):
        self._accounts = {}

    def add(self, account):
        if account.number in self._accounts:
            raise ValueError(f"there is already an account {account.number}")
        self._accounts[account.number] = account

    def __getitem__(self, number):
        return self._accounts[number]  # KeyError for an unknown number

    def __contains__(self, number):
        return number in self._accounts

    def __len__(self):
        return len(self._accounts)

    def total(self):
        return sum(account.balance for account in self._accounts.values())

    def transfer(self, from_number, to_number, amount):
        """Moves `amount` cents, or, when anything is wrong, nothing at all."""
        if from_number == to_number:
            raise ValueError("cannot transfer from an account to itself")
        # Look both accounts up first: finding out that the second one is
        # missing after the money left the first would lose it.
        source = self[from_number]
        target = self[to_number]
        source.withdraw(amount)  # raises, changing nothing, when it cannot
        target.deposit(amount)  # cannot fail now: the amount was checked

    def add_interest(self):
        """Pays a month's interest on every savings account; returns the
        total paid."""
        return sum(
            account.add_interest()
            for account in self._accounts.values()
            if isinstance(account, SavingsAccount)
        )
