"""Evaluates the model on the held-out months and writes poc/results.json for `lepton gate`."""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from .features import Subscriber
from .model import churn_probability

THRESHOLD = 0.5


def evaluate(rows: list[tuple[Subscriber, bool]]) -> dict:
    correct = 0
    latencies_ms = []
    for subscriber, churned in rows:
        started = time.perf_counter()
        predicted = churn_probability(subscriber) >= THRESHOLD
        latencies_ms.append((time.perf_counter() - started) * 1000)
        correct += predicted == churned
    latencies_ms.sort()
    p95 = latencies_ms[int(0.95 * (len(latencies_ms) - 1))]
    return {
        "accuracy": round(correct / len(rows), 4),
        "latency_ms": {"p50": round(statistics.median(latencies_ms), 3), "p95": round(p95, 3)},
        "rows": len(rows),
    }


def main(path: str = "poc/results.json") -> None:
    from .sample import held_out_rows

    results = evaluate(held_out_rows())
    Path(path).write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results))


if __name__ == "__main__":
    main(*sys.argv[1:])
