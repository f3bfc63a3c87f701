import heapq
from collections import deque
from dataclasses import dataclass, field
from typing import List, Tuple, Dict, Optional

GRID = [
    "S..#......",
    ".#.#.####.",
    ".#...#....",
    ".####.#.#.",
    "......#.#G",
]


@dataclass(order=True)
class Node:
    cost: int
    pos: Tuple[int, int] = field(compare=False)


def neighbors(p):
    r, c = p
    for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        nr, nc = r + dr, c + dc
        if 0 <= nr < len(GRID) and 0 <= nc < len(GRID[0]) and GRID[nr][nc] != "#":
            yield nr, nc


def find(ch):
    for r, row in enumerate(GRID):
        if ch in row:
            return r, row.index(ch)


def astar(start, goal) -> Optional[List[Tuple[int, int]]]:
    h = lambda p: abs(p[0] - goal[0]) + abs(p[1] - goal[1])
    frontier = [Node(h(start), start)]
    came: Dict[Tuple[int, int], Optional[Tuple[int, int]]] = {start: None}
    g = {start: 0}
    while frontier:
        cur = heapq.heappop(frontier).pos
        if cur == goal:
            path = []
            while cur is not None:
                path.append(cur)
                cur = came[cur]
            return path[::-1]
        for n in neighbors(cur):
            ng = g[cur] + 1
            if n not in g or ng < g[n]:
                g[n] = ng
                came[n] = cur
                heapq.heappush(frontier, Node(ng + h(n), n))
    return None


def bfs(start, goal):
    q = deque([(start, 0)])
    seen = {start}
    while q:
        p, d = q.popleft()
        if p == goal:
            return d
        for n in neighbors(p):
            if n not in seen:
                seen.add(n)
                q.append((n, d + 1))
    return -1


s, gl = find("S"), find("G")
path = astar(s, gl)
print(len(path) - 1, bfs(s, gl))
print(path)
print(heapq.nsmallest(3, [5, 1, 8, 3, 9]), heapq.nlargest(2, "hello"))
