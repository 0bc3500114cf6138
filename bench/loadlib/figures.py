"""Figures shared by the load benchmarks: percentiles and the server logs' exceptions."""

import re
from collections import Counter


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def exception_lines(log: str) -> Counter:
    """The closing "SomeError: message" line of each traceback."""
    found = Counter()
    for block in log.split("Traceback (most recent call last)")[1:]:
        lines = [
            line for line in block.splitlines() if re.match(r"^[\w.]+(Error|Exception)\b", line)
        ]
        if lines:
            found[lines[-1]] += 1
    return found
