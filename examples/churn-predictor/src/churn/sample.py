"""A small, synthetic held-out sample so the example runs anywhere (no real customer data)."""

from __future__ import annotations

import random

import math

from .features import Subscriber
from .model import churn_probability


def held_out_rows(count: int = 400, seed: int = 7) -> list[tuple[Subscriber, bool]]:
    generator = random.Random(seed)
    rows = []
    for _ in range(count):
        subscriber = Subscriber(
            tenure_months=generator.randint(1, 60),
            monthly_fee=generator.choice([9.99, 14.99, 19.99]),
            logins_last_30d=generator.choice([0, 0, 1, 3, 8, 15, 30]),
            support_tickets_90d=generator.randint(0, 4),
            payment_failures_90d=generator.choice([0, 0, 0, 1]),
        )
        # The true behaviour: the model's log-odds plus noise the model cannot see.
        probability = churn_probability(subscriber)
        log_odds = math.log(probability / (1 - probability)) + generator.gauss(0, 0.6)
        rows.append((subscriber, log_odds > 0))
    return rows
