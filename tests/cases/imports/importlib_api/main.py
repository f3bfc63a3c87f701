import importlib
leaf = importlib.import_module("pkg.inner.leaf")
print(leaf.LEAF, leaf.__name__)
print(importlib.import_module(".inner.leaf", "pkg") is leaf)
print(importlib.import_module("..leaf", "pkg.inner.leaf") is leaf)
print(importlib.import_module(".", "pkg").VALUE)
for args in [(".x",), ("....x", "pkg.inner"), ("nope.more",), ("pkg.nope",), ("",)]:
    try:
        importlib.import_module(*args)
    except Exception as e:
        print(type(e).__name__, e)
top = __import__("pkg.inner.leaf")
print(top.__name__, top.inner.leaf is leaf)
print(__import__("pkg.inner", fromlist=["leaf"]).leaf is leaf)
print(__import__("leaf", {"__name__": "pkg.inner.x", "__package__": "pkg.inner"}, None, [], 1) is leaf)
import sys
m = sys.modules["pkg.inner.leaf"]
print(importlib.reload(m) is m)
print(importlib.import_module("math").sqrt(16))
