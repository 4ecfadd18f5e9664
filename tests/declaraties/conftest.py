import pytest
from freezegun import freeze_time


@pytest.fixture(autouse=True)
def vandaag():
    """The tests declare August–October 2026: those months must be over."""
    with freeze_time("2026-11-23 10:00:00"):
        yield
