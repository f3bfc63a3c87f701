"""Generator-heavy code (after pyperformance bm_generators): tree traversal, pipelines."""
import itertools


class Tree:
    def __init__(self, left, value, right):
        self.left = left
        self.value = value
        self.right = right

    def __iter__(self):
        if self.left:
            yield from self.left
        yield self.value
        if self.right:
            yield from self.right


def tree(input):
    n = len(input)
    if n == 0:
        return None
    i = n // 2
    return Tree(tree(input[:i]), input[i], tree(input[i + 1:]))


def numbers():
    n = 0
    while True:
        n += 1
        sent = yield n
        if sent:
            n = sent


def pipeline(data):
    evens = (x for x in data if x % 2 == 0)
    squares = map(lambda x: x * x, evens)
    return itertools.accumulate(squares)


def main():
    t = tree(range(1000))
    for _ in range(3):
        assert list(t) == list(range(1000))
    print(sum(t), max(t))
    g = numbers()
    print(next(g), next(g), g.send(100), next(g))
    g.close()
    print(list(itertools.islice(pipeline(range(100)), 5)), list(pipeline(range(20)))[-1])
    print(list(itertools.chain.from_iterable(itertools.combinations("abcd", 2)))[:6])
    print(list(itertools.groupby(sorted("mississippi")))[0][0], [(k, len(list(v))) for k, v in itertools.groupby(sorted("mississippi"))])
    print(list(itertools.product("ab", repeat=2)), list(itertools.zip_longest([1, 2], "x", fillvalue="-")))


if __name__ == "__main__":
    main()
