class Account:
    def __init__(self):
        self.balance = 10
print(Account().balance)
Account().balanse
