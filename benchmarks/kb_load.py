"""Knowledge base load time and lookup speed: ``python benchmarks/kb_load.py``.

Prints the time to load the shipped KB (target < 0.5 s, the Analyzer loads it once), to
build the entities stage's pattern index, and lookups per second.
"""

from __future__ import annotations

import time


def main() -> None:
    t0 = time.perf_counter()
    from tagwerk.kb import load_kb

    kb = load_kb(user=False)
    t1 = time.perf_counter()
    kb.pattern_index()
    t2 = time.perf_counter()
    names = ["Putins", "Russlands", "Vereinten Nationen", "Choe Son-hui", "Pyongyang", "Unbekannt", "London", "dpa"] * 2000
    for n in names:
        kb.lookup(n)
    t3 = time.perf_counter()
    print(f"entries: {len(kb)}")
    print(f"load (incl. import): {t1 - t0:.3f} s")
    print(f"pattern index: {t2 - t1:.3f} s")
    print(f"lookups: {len(names) / (t3 - t2):,.0f} per second")


if __name__ == "__main__":
    main()
