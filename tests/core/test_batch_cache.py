import pytest

from core.batch_cache import batch, per_batch


def test_per_batch_computes_once_inside_a_batch_and_every_time_outside():
    berekend = []

    def bereken():
        berekend.append(1)
        return len(berekend)

    assert [per_batch("k", bereken) for _ in range(2)] == [1, 2]
    with batch():
        assert [per_batch("k", bereken) for _ in range(3)] == [3, 3, 3]
        assert per_batch("ander", bereken) == 4
    assert per_batch("k", bereken) == 5  # the batch is over: nothing kept


def test_a_failed_computation_is_not_kept():
    def mislukt():
        raise ValueError

    with batch():
        for _ in range(2):
            with pytest.raises(ValueError):
                per_batch("k", mislukt)
        assert per_batch("k", lambda: "goed") == "goed"
