import enum
from enum import Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

print(Color.RED, repr(Color.RED), Color.RED.name, Color.RED.value, Color(2), Color['BLUE'])
print(list(Color), len(Color), Color.RED in Color, Color.RED is Color(1))
print(list(Color.__members__), Color.__members__['GREEN'])
print(type(Color.RED), isinstance(Color.RED, Color), Color.RED == 1, Color.RED == Color.RED)
print({Color.RED: 'r'}[Color.RED], f'{Color.GREEN}', str(Color.BLUE), format(Color.BLUE))
for c in Color:
    print(c.name, c.value)

class Shape(Enum):
    SQUARE = 2
    DIAMOND = 1
    CIRCLE = 3
    ALIAS_FOR_SQUARE = 2
print(Shape.ALIAS_FOR_SQUARE, list(Shape), list(Shape.__members__))

class Auto(Enum):
    A = auto()
    B = auto()
    C = auto()
print([(m.name, m.value) for m in Auto])

class Num(IntEnum):
    ONE = 1
    TWO = 2
print(Num.ONE + 1, Num.TWO > Num.ONE, Num.ONE == 1, repr(Num.TWO), str(Num.TWO), f'{Num.TWO}', sorted([Num.TWO, Num.ONE]))

class S(StrEnum):
    X = auto()
    Y = 'why'
print(S.X, repr(S.Y), S.Y.upper(), S.X == 'x', f'{S.Y}')

class Perm(Flag):
    R = 4
    W = 2
    X = 1
rw = Perm.R | Perm.W
print(rw, repr(rw), Perm.R in rw, Perm.X in rw, bool(Perm(0)), repr(Perm(0)), list(rw))
print(repr(Perm.R & Perm.W), repr(~Perm.R), Perm(7), rw.value, rw.name)

class P2(IntFlag):
    A = 1
    B = 2
print(P2.A | P2.B, repr(P2.A | P2.B), P2.A | 4, repr(P2(8)), P2.A + 1)

class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def surface_gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)
print(Planet.EARTH.value, round(Planet.EARTH.surface_gravity, 2))

class Mood(Enum):
    FUNKY = 1
    HAPPY = 3
    def describe(self):
        return self.name, self.value
    def __str__(self):
        return 'my custom str! {0}'.format(self.value)
    @classmethod
    def favorite_mood(cls):
        return cls.HAPPY
print(Mood.favorite_mood(), Mood.HAPPY.describe(), str(Mood.FUNKY))

def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
err(lambda: Color(7))
err(lambda: Color['PINK'])
def redefine():
    class Bad(Enum):
        A = 1
        A = 2
err(redefine)
def dup():
    @unique
    class Mistake(Enum):
        ONE = 1
        TWO = 2
        THREE = 2
err(dup)
def setit():
    Color.RED = 5
err(setit)
Animal = Enum('Animal', 'ANT BEE CAT')
print(list(Animal), Animal.BEE.value)
Animal2 = Enum('Animal2', [('DOG', 10), ('EEL', 20)])
print(Animal2.EEL, Animal2(10))
class Ordinal(IntEnum):
    FIRST = auto()
    SECOND = auto()
print(Ordinal.SECOND.value, Ordinal(1).name)
print(Color.RED.__class__.__name__, Enum.__name__, Color.__name__)
match Color.GREEN:
    case Color.RED:
        print('red')
    case Color.GREEN:
        print('green')
print(hash(Color.RED) == hash(Color.RED), sorted(Color, key=lambda c: -c.value))
