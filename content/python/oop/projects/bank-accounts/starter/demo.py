"""Try bank.py by hand: python demo.py

The checks do not run this file; change it as you like.
"""

from bank import Account

account = Account("A-1", "Ada")
account.deposit(1250)
account.withdraw(250)
print("Balance in cents:", account.balance)
