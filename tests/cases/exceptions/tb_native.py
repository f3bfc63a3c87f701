class A:
    def __init__(self, x):
        self.x = 1 / x
def make():
    return A(0)
def key(v):
    return v["k"]
def main():
    try:
        make()
    except ZeroDivisionError as e:
        print("caught", e)
    data = [{"k": 1}, {}]
    sorted(data, key=key)
main()
