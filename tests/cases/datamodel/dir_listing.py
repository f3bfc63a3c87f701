class C:
    pass
print(dir(C()))
print(dir(C))
print(sorted(C.__dict__))
print(dir(object()))
