"""The compiled schema check (the fast path) and the interpreter that names problems agree on
whether a data.json fits, over many random changes of a real one."""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from typing import Any

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.services.packet import schema
from gxjn_desktop.services.packet.data import build_packet_data
from tests.conftest import DEMO_TODAY

VALUES: list[Any] = [None, True, False, 0, -1, 1.5, "", "x", "2024", "12.5", "-3.0", "450123", [], {}, [1], {"a": 1}]


def _paths(value: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield at
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for k, v in items:
        yield from _paths(v, (*at, k))


def _interpreted_fits(data: Any) -> bool:
    root = schema.load_schema()
    v = schema._Validator(root)
    v.check(data, root, "")
    return not v.problems


def test_fast_and_full_checks_agree(demo_ledger: Ledger) -> None:
    data = json.loads(json.dumps(build_packet_data(demo_ledger, Period.parse(2024, "Y"), revision=1, today=DEMO_TODAY)))
    fast = schema._compiled_packet_schema()
    assert fast(data) and _interpreted_fits(data)
    paths = [p for p in _paths(data) if p]
    rng = random.Random(15)
    refused = 0
    for i in range(400):
        d = copy.deepcopy(data)
        for _ in range(rng.choice((1, 1, 2))):
            at = rng.choice(paths)
            parent: Any = d
            try:
                for k in at[:-1]:
                    parent = parent[k]
                roll = rng.random()
                if roll < 0.7:
                    parent[at[-1]] = rng.choice(VALUES)
                elif isinstance(parent, dict) and roll < 0.85:
                    del parent[at[-1]]
                elif isinstance(parent, dict):
                    parent[f"extra_{i}"] = 1
                elif isinstance(parent, list):
                    parent.append(rng.choice(VALUES))
            except (KeyError, IndexError, TypeError):
                continue  # an earlier change removed the way there
        verdict = fast(d)
        assert verdict == _interpreted_fits(d), at
        assert (schema.schema_problems(d) == []) == verdict
        refused += not verdict
    assert refused > 100  # the changes did reach parts the schema constrains
