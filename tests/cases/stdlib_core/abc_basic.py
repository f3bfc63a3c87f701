import abc
from abc import ABC, ABCMeta, abstractmethod


class Shape(ABC):
    @abstractmethod
    def area(self):
        ...

    @abstractmethod
    def perimeter(self):
        ...

    def describe(self):
        return f"{type(self).__name__} with area {self.area()}"


class Square(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s ** 2

    def perimeter(self):
        return 4 * self.s


class Half(Shape):
    def area(self):
        return 0


for cls in (Shape, Half):
    try:
        cls()
    except TypeError as e:
        print("TypeError:", e)
print(Square(3).describe(), Square(3).perimeter())
print(sorted(Shape.__abstractmethods__), sorted(Half.__abstractmethods__), Square.__abstractmethods__)
print(isinstance(Square(1), Shape), issubclass(Square, Shape), type(Shape) is ABCMeta)


class Base(metaclass=ABCMeta):
    @property
    @abstractmethod
    def name(self):
        ...

    @classmethod
    @abstractmethod
    def make(cls):
        ...

    @staticmethod
    @abstractmethod
    def helper():
        ...


try:
    Base()
except TypeError as e:
    print("TypeError:", e)


class Impl(Base):
    name = "impl"

    @classmethod
    def make(cls):
        return cls()

    @staticmethod
    def helper():
        return "help"


print(Impl.make().name, Impl.helper())


# virtual subclasses
class Drawable(ABC):
    @abstractmethod
    def draw(self):
        ...


class Circle:
    def draw(self):
        return "circle"


print(issubclass(Circle, Drawable), isinstance(Circle(), Drawable))
Drawable.register(Circle)
print(issubclass(Circle, Drawable), isinstance(Circle(), Drawable))


@Drawable.register
class Line:
    pass


print(issubclass(Line, Drawable), Line.__name__)
print(issubclass(int, Drawable))
Drawable.register(int)
print(isinstance(5, Drawable), issubclass(bool, Drawable))


# __subclasshook__
class Sized(ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Sized:
            return any("__len__" in B.__dict__ for B in C.__mro__)
        return NotImplemented


print(isinstance([], Sized), isinstance(3, Sized), issubclass(dict, Sized), issubclass(object, Sized))

# update_abstractmethods
class Later(ABC):
    pass


Later.todo = abstractmethod(lambda self: None)
abc.update_abstractmethods(Later)
try:
    Later()
except TypeError as e:
    print("TypeError:", e)
print(abc.get_cache_token() is not None, abstractmethod(lambda: 1).__isabstractmethod__)


class Many(ABC):
    @abstractmethod
    def c(self): ...
    @abstractmethod
    def a(self): ...
    @abstractmethod
    def b(self): ...


try:
    Many()
except TypeError as e:
    print("TypeError:", e)
