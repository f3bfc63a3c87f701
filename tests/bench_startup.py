#!/usr/bin/env python3
"""Start-up comparison of .pyb files, runs interleaved so machine noise hits all alike.

    bench_startup.py PVM RUNS FILE.pyb...

Prints, per file, the minimum, 25th percentile and median wall time and the median CPU time
(user + sys) of `PVM FILE.pyb`, and each ratio to the first file.
"""
import os, resource, subprocess, sys, time

pvm, runs, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
wall = {f: [] for f in files}
cpu = {f: [] for f in files}
for _ in range(runs):
    for f in files:
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([pvm, f], stdout=subprocess.DEVNULL, check=True)
        t1 = time.perf_counter()
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall[f].append(t1 - t0)
        cpu[f].append((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))

def stats(v):
    v = sorted(v)
    return v[0], v[len(v) // 4], v[len(v) // 2]

base = stats(wall[files[0]])
base_cpu = stats(cpu[files[0]])[2]
print("%-22s %9s %9s %9s %9s   %s" % ("file", "min ms", "p25 ms", "median", "cpu med", "ratio (min/p25/median/cpu)"))
for f in files:
    s = stats(wall[f])
    c = stats(cpu[f])[2]
    print("%-22s %9.2f %9.2f %9.2f %9.2f   %.2f / %.2f / %.2f / %.2f" % (
        os.path.basename(f), s[0] * 1e3, s[1] * 1e3, s[2] * 1e3, c * 1e3,
        s[0] / base[0], s[1] / base[1], s[2] / base[2], c / base_cpu if base_cpu else float("nan")))
