"""The bureau's use cases: merging packets, the summaries, the roster, the cross-unit checks, tiers."""
