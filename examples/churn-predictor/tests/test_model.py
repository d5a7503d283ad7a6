from churn.features import Subscriber, build_features
from churn.model import churn_probability, top_reasons


def subscriber(**overrides):
    values = dict(tenure_months=24, monthly_fee=14.99, logins_last_30d=10, support_tickets_90d=0, payment_failures_90d=0)
    values.update(overrides)
    return Subscriber(**values)


def test_features_are_bounded():
    features = build_features(subscriber(support_tickets_90d=50))
    assert features[3] == 1.0


def test_inactive_subscribers_are_riskier():
    assert churn_probability(subscriber(logins_last_30d=0)) > churn_probability(subscriber())


def test_reasons_name_what_raises_risk():
    assert "inactive" in top_reasons(subscriber(logins_last_30d=0))
