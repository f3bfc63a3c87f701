# sys.stdin: readline, input() interleaved, iteration, read.
import sys
print(sys.stdin.name, sys.stdin.mode, sys.stdin.readable())
first = sys.stdin.readline()
print(repr(first))
print(repr(input()))
count = 0
for line in sys.stdin:
    count += 1
    print(count, line.rstrip("\n").upper())
    if count == 2:
        break
rest = sys.stdin.read()
print(repr(rest))
print(repr(sys.stdin.readline()))
