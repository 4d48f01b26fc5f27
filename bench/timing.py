"""How the benchmarks time things: medians of runs, interleaved so a busy moment of the machine weighs on all alike."""

import statistics
import time
from collections.abc import Callable, Sequence


def medians(fns: Sequence[Callable[[], object]], runs: int) -> list[float]:
    """Median seconds of each function over `runs` runs, the functions taking turns run after run."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, found in zip(fns, times):
            started = time.perf_counter()
            fn()
            found.append(time.perf_counter() - started)
    return [statistics.median(found) for found in times]


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    """Median seconds of one function over `runs` runs."""
    return medians([fn], runs)[0]
