"""The bureau's review, run by the unit: each rule a function returning findings (Beancount style)."""
