def f(a, b=2, *c, d, **e):
    """doc"""
    try:
        x = a / b
    except ZeroDivisionError as err:
        print(err)
        return None
    finally:
        print("fin")
    with open("f") as fh:
        for line in fh:
            if line:
                break
    return [i * 2 for i in c if i]
