class C:
    def f(self):
        return [x async for x in
