lambda: (yield)
lambda x=1, y: x
