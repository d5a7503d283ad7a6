"""A logistic churn model: small enough to audit, strong enough to beat the rule-based baseline."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .features import FEATURE_NAMES, Subscriber, build_features

# Coefficients fitted in notebooks/poc-training (seed 7, months 1-18, time-based split).
COEFFICIENTS = {
    "tenure_years": -0.62,
    "fee_per_login": 0.08,
    "inactive": 1.35,
    "support_pressure": 0.9,
    "payment_trouble": 1.1,
}
INTERCEPT = -1.4


def churn_probability(subscriber: Subscriber) -> float:
    """Probability that the subscriber cancels within the next month."""
    features = build_features(subscriber)
    score = INTERCEPT + sum(COEFFICIENTS[name] * value for name, value in zip(FEATURE_NAMES, features))
    return 1.0 / (1.0 + math.exp(-score))


def top_reasons(subscriber: Subscriber, count: int = 3) -> list[str]:
    """The features that push this subscriber's risk up the most (reason codes for the retention team)."""
    features = build_features(subscriber)
    contributions = sorted(
        ((COEFFICIENTS[name] * value, name) for name, value in zip(FEATURE_NAMES, features)),
        reverse=True,
    )
    return [name for contribution, name in contributions[:count] if contribution > 0]


def score_all(subscribers: Sequence[Subscriber]) -> list[float]:
    return [churn_probability(subscriber) for subscriber in subscribers]
