import pickle, pickletools, io
s = pickle.dumps({"a": [1, 2.5, "x"], "b": (None, True)}, protocol=2)
out = io.StringIO()
pickletools.dis(s, out)
print(out.getvalue())
print(pickletools.optimize(s) == pickletools.optimize(s), len(list(pickletools.genops(s))))
