# class_init: instantiating classes with a Python __init__ (the inline __init__ call path).
N = 2000000


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Point3(Point):
    def __init__(self, x, y, z):
        Point.__init__(self, x, y)
        self.z = z


def main():
    t = 0
    for i in range(N):
        p = Point(i, 2)
        q = Point3(1, i, 3)
        t += p.x + q.y + q.z
    print("class_init", t)


main()
