"""Fuzzing: mutated valid messages through the parser and the validator.

Every outcome must be a report (valid or with findings) — never an exception.
Bounded: a fixed number of examples per sample, no deadline surprises in CI.
"""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from berichten.regels.bestand import controleer_bestand

SAMPLES = sorted((Path(__file__).parent / "samples").glob("*.xml"))


def _mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(data)
    for position, length, replacement in edits:
        at = position % (len(out) + 1)
        out[at : at + length] = replacement
    return bytes(out)


edits = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=10**6),
        st.integers(min_value=0, max_value=40),
        st.one_of(
            st.binary(max_size=12),
            st.sampled_from(
                [
                    b"<",
                    b">",
                    b"&",
                    b"]]>",
                    b"<!DOCTYPE x [<!ENTITY e 'x'>]>",
                    b"&e;",
                    b"\xef\xbb\xbf",
                    b"\x00",
                    b"</",
                    b"99",
                    b"-1",
                    b"2026-13-45",
                    b"<x/>",
                ]
            ),
        ),
    ),
    min_size=1,
    max_size=4,
)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=edits)
def test_mutated_message_gives_a_report_never_an_exception(sample, edits):
    rapport = controleer_bestand(_mutate(sample.read_bytes(), edits))
    assert isinstance(rapport.geldig, bool)
    if not rapport.geldig:
        assert rapport.bevindingen and all(b.tekst for b in rapport.bevindingen)


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=2000))
def test_random_bytes_give_a_clean_refusal(data):
    rapport = controleer_bestand(data)
    assert not rapport.geldig
    assert rapport.bevindingen[0].tekst


@pytest.mark.django_db
@pytest.mark.parametrize("naam", ["WMO305", "WMO307", "WMO315", "WMO323"])
def test_mutated_inbound_files_are_kept_and_never_end_in_fout(naam):
    """Through the whole pipeline: stored raw, then refused or processed — no crash."""
    import random

    from berichten.constants import BerichtStatus
    from berichten.kanaal import Partij
    from berichten.models import Bericht
    from berichten.services import bericht_ontvangen
    from tests.berichten.factories import sample, sample_partijen

    _, aanbieder = sample_partijen()  # the sender of these four samples
    rng = random.Random(naam)
    origineel = sample(naam)
    for _ in range(15):
        edits_ = [
            (
                rng.randrange(len(origineel)),
                rng.randrange(6),
                rng.choice([b"", b"<", b"9", b"&", b"x"]),
            )
            for _ in range(rng.randint(1, 3))
        ]
        inhoud = _mutate(origineel, edits_)
        bericht = bericht_ontvangen(
            inhoud=inhoud, kanaal="upload", namens=Partij(aanbieder=aanbieder)
        )
        assert bytes(Bericht.objects.get(pk=bericht.pk).inhoud) == inhoud
        assert bericht.status != BerichtStatus.FOUT, bericht.foutmelding
