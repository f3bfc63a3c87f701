# builtin_methods: list/dict/str methods and module attributes (LOAD_METHOD_BUILTIN,
# LOAD_METHOD_MODULE, LOAD_ATTR_MODULE), dict[str] and str comparisons.
import math

N = 2000000


def main():
    acc = []
    d = {"a": 1, "b": 2}
    words = ["alpha", "beta", "gamma"]
    t = 0.0
    for i in range(N):
        w = words[i % 3]
        acc.append(w.upper())
        t += d.get(w, 0) + d["a"] + math.sqrt(i) + math.pi
        if w == "beta":
            t += 1
        if len(acc) > 100:
            acc.clear()
    print("builtin_methods", round(t, 3), len(acc))


main()
