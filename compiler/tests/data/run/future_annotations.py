from __future__ import annotations
a1: Dict[str, List[Tuple[int, ...]]]
a2: int | None
a3: Callable[[int, str], Awaitable[None]]
a4: "Forward"
a5: 1 + 2 * 3 - (4 - 5)
a6: -x ** 2
a7: (-x) ** 2
a8: not a and b or c
a9: x if y else z
a10: f(1, *a, k=2, **kw)
a11: x[1:2, ::3]
a12: {1: 2, **d}
a13: (1,)
a14: []
a15: a.b.c[0]
a16: 1 < x <= 3
a17: b'bytes'
a18: 1.5e300
a19: 3j
a20: (a, b)
a21: x[()]
a22: x[(1, 2)]
a23: ~x & y ^ z | w << 2
a24: 'it\'s'
print(__annotations__)
