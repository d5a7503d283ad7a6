"""Churn prediction for a subscription business: which subscribers cancel next month."""

__version__ = "0.1.0"
