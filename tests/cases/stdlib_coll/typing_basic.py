from typing import (Any, Callable, ClassVar, Dict, Final, Generic, Iterable, Iterator, List, Literal,
                    NamedTuple, Optional, Protocol, Sequence, Set, Tuple, TypedDict, TypeVar, Union,
                    cast, overload, runtime_checkable, get_type_hints, Annotated, get_origin, get_args)
import typing

T = TypeVar('T')
K = TypeVar('K', bound=str)
print(T, K, T.__name__, K.__bound__)
print(List[int], Dict[str, int], Optional[int], Union[int, str], Tuple[int, ...], Callable[[int], str])
print(Set[T], Iterable[int], Literal['a', 'b'], Annotated[int, 'meta'], Any, ClassVar[int], Final[int])
print(get_origin(List[int]), get_args(Dict[str, int]), get_args(Optional[str]), Union[int, int])
print(Optional[int] == Union[int, None], List[int] == List[int], List[int] != List[str])

class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []
    def push(self, item: T) -> None:
        self.items.append(item)
    def pop(self) -> T:
        return self.items.pop()

s = Stack[int]()
s.push(1); s.push(2)
print(s.pop(), Stack[int], Stack.__parameters__, type(s).__name__)

class Point(NamedTuple):
    x: int
    y: int = 0
    def dist(self) -> int:
        return abs(self.x) + abs(self.y)

p = Point(3, -4)
print(p, p.dist(), Point._fields, Point._field_defaults, Point.__annotations__, p._replace(y=1))

Emp = NamedTuple('Emp', [('name', str), ('id', int)])
print(Emp('a', 1))

class Movie(TypedDict):
    name: str
    year: int

m: Movie = {'name': 'Blade Runner', 'year': 1982}
print(m, Movie.__annotations__, type(m).__name__, Movie.__total__)
M2 = TypedDict('M2', {'a': int}, total=False)
print(M2(a=1), M2.__total__)

@runtime_checkable
class Closable(Protocol):
    def close(self) -> None: ...

class F:
    def close(self) -> None:
        pass
print(isinstance(F(), Closable), isinstance(1, Closable))

@overload
def double(x: int) -> int: ...
@overload
def double(x: str) -> str: ...
def double(x):
    return x * 2
print(double(2), double('ab'))
print(cast(int, 'not really'), cast('List[int]', [1]))

def f(a: int, b: 'str' = 'x') -> Optional[List[int]]:
    return None
print(get_type_hints(f))
class C:
    a: int
    b: ClassVar[str] = 'c'
print(get_type_hints(C), C.__annotations__)

def apply(fn: Callable[..., T], *args: Any) -> T:
    return fn(*args)
print(apply(max, 1, 5, 3))
print(typing.TYPE_CHECKING, typing.NoReturn, typing.Type[int], typing.Mapping[str, int])
print(repr(typing.Union[int, str, None]), typing.FrozenSet[int], typing.Deque[int], typing.DefaultDict[str, int])
print(isinstance([], typing.List), issubclass(list, typing.Sequence), isinstance({}, typing.Mapping))
def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
err(lambda: Union[()])
err(lambda: isinstance(1, List[int]))
err(lambda: Generic())
err(lambda: Point(1, 2, 3))
