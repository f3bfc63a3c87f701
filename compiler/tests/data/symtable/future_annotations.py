from __future__ import annotations
import typing
def f(a: List[int], b: "str" = 1) -> typing.Optional[X | None]:
    y: Dict[str, int] = 2
class C:
    z: tuple[int, ...]
    w: lambda: 1
print(f.__annotations__, C.__annotations__)
