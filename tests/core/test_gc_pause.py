import gc

import pytest

from core.gc_pause import gc_paused


@pytest.fixture
def collector_aan():
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_collector_paused_during_the_work_and_back_after(collector_aan):
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collector_back_after_a_failure(collector_aan):
    with pytest.raises(ValueError), gc_paused():
        raise ValueError
    assert gc.isenabled()


def test_nested_pause_leaves_the_outer_one_alone(collector_aan):
    with gc_paused():
        with gc_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collector_switched_off_elsewhere_stays_off(collector_aan):
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()
