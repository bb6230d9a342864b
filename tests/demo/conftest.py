from __future__ import annotations

import pytest

from fieldkit.demo import DemoStudy, generate


@pytest.fixture(scope="session")
def small() -> DemoStudy:
    return generate("small")


@pytest.fixture(scope="session")
def mini_large() -> DemoStudy:
    return generate("large", scale=0.01)
