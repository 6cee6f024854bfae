"""The export tests' marts: `tests.fixtures.marts.make_export_marts` (values written by hand)."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from site_builder.marts import Marts
from tests.fixtures.marts import make_export_marts


@pytest.fixture(scope="session")
def new_marts() -> Callable[[], Marts]:
    """Builds a fresh copy of the sample marts on each call (tests may modify it)."""
    return make_export_marts


@pytest.fixture
def marts() -> Marts:
    return make_export_marts()
