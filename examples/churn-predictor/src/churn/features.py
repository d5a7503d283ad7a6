"""Feature engineering from a subscriber's monthly activity."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Subscriber:
    tenure_months: int
    monthly_fee: float
    logins_last_30d: int
    support_tickets_90d: int
    payment_failures_90d: int


FEATURE_NAMES = (
    "tenure_years",
    "fee_per_login",
    "inactive",
    "support_pressure",
    "payment_trouble",
)


def build_features(subscriber: Subscriber) -> list[float]:
    """Turn raw activity into model features; every feature is bounded and documented."""
    logins = max(subscriber.logins_last_30d, 0)
    return [
        subscriber.tenure_months / 12.0,
        subscriber.monthly_fee / (logins + 1),
        1.0 if logins == 0 else 0.0,
        min(subscriber.support_tickets_90d, 10) / 10.0,
        1.0 if subscriber.payment_failures_90d > 0 else 0.0,
    ]
