"""factory_boy factories for logged berichten, and the sample messages of the tests."""

import hashlib
from datetime import date
from pathlib import Path

import factory

from berichten.constants import BerichtStatus, Kanaal
from berichten.models import Bericht
from stamgegevens.models import Aanbieder, Gemeente
from tests.stamgegevens.factories import AanbiederFactory, GemeenteFactory


class BerichtFactory(factory.django.DjangoModelFactory):
    """A logged 301 between two parties; its `inhoud` is a stand-in, not a message."""

    class Meta:
        model = Bericht

    gemeente = factory.SubFactory(GemeenteFactory)
    aanbieder = factory.SubFactory(AanbiederFactory)
    bericht_type = "WMO301"
    afzender = factory.LazyAttribute(lambda o: o.gemeente.code)
    ontvanger = factory.LazyAttribute(lambda o: o.aanbieder.agb_code)
    identificatie = factory.Sequence(lambda n: f"T{n:09d}")
    dagtekening = date(2026, 2, 16)
    bsn = "999990019"
    kanaal = Kanaal.PORTAAL
    status = BerichtStatus.VERWERKT
    inhoud = b"<Bericht/>"
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.inhoud).hexdigest())


SAMPLES = Path(__file__).parent / "samples"


def sample(naam: str) -> bytes:
    """The bytes of a sample message in tests/berichten/samples ("WMO301")."""
    return (SAMPLES / f"{naam}.xml").read_bytes()


def sample_partijen() -> tuple[Gemeente, Aanbieder]:
    """The gemeente (0363, works outside the portal) and aanbieder of the samples."""
    return (
        GemeenteFactory(code="0363", naam="Amsterdam", via_portaal=False),
        AanbiederFactory(agb_code="73730012", naam="Thuiszorg De Linde"),
    )
