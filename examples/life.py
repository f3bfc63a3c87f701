"""Conway's Game of Life on a small torus: a real program for the README's first command."""
import sys


class Board:
    def __init__(self, width, height, alive):
        self.width = width
        self.height = height
        self.cells = set(alive)

    def neighbours(self, x, y):
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                if dx or dy:
                    yield (x + dx) % self.width, (y + dy) % self.height

    def step(self):
        counts = {}
        for (x, y) in self.cells:
            for n in self.neighbours(x, y):
                counts[n] = counts.get(n, 0) + 1
        self.cells = {c for c, k in counts.items() if k == 3 or (k == 2 and c in self.cells)}

    def render(self):
        rows = []
        for y in range(self.height):
            rows.append("".join("#" if (x, y) in self.cells else "." for x in range(self.width)))
        return "\n".join(rows)


def main(argv):
    generations = int(argv[1]) if len(argv) > 1 else 4
    glider = [(1, 0), (2, 1), (0, 2), (1, 2), (2, 2)]
    board = Board(8, 6, glider)
    for gen in range(generations + 1):
        print(f"generation {gen}: {len(board.cells)} alive")
        print(board.render())
        board.step()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
