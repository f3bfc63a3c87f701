# singledispatch registration from type annotations (needs typing.get_type_hints)
from functools import singledispatch, singledispatchmethod
from collections.abc import Sequence, Mapping


@singledispatch
def show(x):
    return "thing"


@show.register
def _(x: int) -> str:
    return f"int:{x}"


@show.register
def _(x: str):
    return f"str:{x}"


@show.register
def _(x: Sequence):
    return f"seq:{len(x)}"


@show.register
def _(x: Mapping):
    return f"map:{sorted(x)}"


print(show(1), show("a"), show([1, 2]), show((3,)), show({"b": 1, "a": 2}), show(1.5))


class Formatter:
    @singledispatchmethod
    def fmt(self, arg):
        return "?"

    @fmt.register
    def _(self, arg: float):
        return f"{arg:.2f}"

    @fmt.register
    def _(self, arg: list):
        return ",".join(self.fmt(a) for a in arg)


print(Formatter().fmt([1.5, 2.25, "x"]))
