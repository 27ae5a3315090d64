#!/usr/bin/env python3
"""cold-memory.py: how much a touch of memory left idle costs on this machine (docs/benchmarks.md, "Memory
gone cold"). No root needed:

    python3 benchmarks/cold-memory.py

64 MiB of a memfd are mapped twice and touched once. Then, for each idle time, the program sleeps and
touches the memory again: one byte per 4 KiB page, then one byte per 2 MiB range, and prints the mean cost
per touch. Last, it keeps the second mapping warm (a touch per page every 0.3 s) while the first sits idle
for 4 s, and touches the first: if that is as cheap as after 50 ms, the cost follows the memory, not the
address, and any read of the pages keeps them warm. On bare metal every line reads about the same; on a
virtual machine whose host ages the guest's idle memory the cost grows with the idle time.
"""
import mmap
import os
import time

SIZE = 64 << 20
PAGE = 4096
RANGE = 2 << 20


def touch(mapping, step):
    started = time.perf_counter()
    count = 0
    for offset in range(0, SIZE, step):
        mapping[offset] = (mapping[offset] + 1) & 0xFF
        count += 1
    return (time.perf_counter() - started) * 1e6 / count


def main():
    fd = os.memfd_create("cold-memory")
    os.ftruncate(fd, SIZE)
    first = mmap.mmap(fd, SIZE)
    second = mmap.mmap(fd, SIZE)
    touch(first, PAGE)
    print("idle s   per 4 KiB page, µs   per 2 MiB range, µs")
    for idle in (0.05, 0.4, 1, 2, 4, 8):
        time.sleep(idle)
        per_page = touch(first, PAGE)
        time.sleep(idle)
        per_range = touch(first, RANGE)
        print(f"{idle:6}   {per_page:20.2f}   {per_range:21.2f}")
    for _ in range(14):
        time.sleep(0.3)
        touch(second, PAGE)
    print(f"4 s idle, the same memory kept warm through another mapping: {touch(first, RANGE):.2f} µs per 2 MiB"
          " range")


if __name__ == "__main__":
    main()
