"""berichten.services: receive -> store raw -> check -> handler -> retour, atomically."""

import pytest

from berichten import registry, services
from berichten.constants import BerichtStatus
from berichten.models import Bericht
from berichten.xml import codec
from tests.berichten.kanaal_helpers import ontvang_van_afzender
from tests.berichten.regels_helpers import SAMPLES, schoon
from tests.core.factories import gemeente_user
from tests.stamgegevens.factories import AanbiederFactory, GemeenteFactory

pytestmark = pytest.mark.django_db

SAMPLE_305 = (SAMPLES / "WMO305.xml").read_bytes()


class Handler:
    """A stand-in domain handler that counts its calls and can be made to fail."""

    def __init__(self) -> None:
        self.aanroepen = 0
        self.fout: Exception | None = None

    def __call__(self, *, bericht, message) -> registry.Verwerking:
        self.aanroepen += 1
        if self.fout:
            raise self.fout
        return registry.Verwerking()


@pytest.fixture
def handler(monkeypatch) -> Handler:
    # The samples: aanbieder 73730012 and gemeente 0363.
    GemeenteFactory(code="0363", naam="Amsterdam")
    AanbiederFactory(agb_code="73730012")
    stub = Handler()
    monkeypatch.setitem(registry._handlers, "WMO305", stub)
    monkeypatch.setitem(registry._handlers, "WMO306", lambda **_: registry.Verwerking())
    monkeypatch.delitem(registry._handlers, "WMO323", raising=False)
    monkeypatch.delitem(registry._handlers, "WMO325", raising=False)
    return stub


def ontvang(data: bytes) -> Bericht:
    return ontvang_van_afzender(data, bestandsnaam="bericht.xml")


def retour_van(bericht: Bericht):
    retour = bericht.retourberichten.get()
    return retour, codec.decode(retour.xml)


def test_valid_305_is_stored_processed_and_gets_a_306(handler):
    bericht = ontvang(SAMPLE_305)
    assert bericht.xml == SAMPLE_305
    assert bericht.status == BerichtStatus.VERWERKT
    assert (bericht.bericht_type, bericht.afzender, bericht.ontvanger) == (
        "WMO305",
        "73730012",
        "0363",
    )
    assert bericht.gemeente.code == "0363" and bericht.aanbieder.agb_code == "73730012"
    assert handler.aanroepen == 1
    retour, message = retour_van(bericht)
    assert retour.bericht_type == "WMO306"
    assert message.header.retourcodes == []  # all OK: header without RetourCodes
    assert message.header.bericht_identificatie.identificatie == bericht.identificatie


def test_same_file_twice_is_duplicate_9056_and_processed_once(handler):
    eerste = ontvang(SAMPLE_305)
    tweede = ontvang(SAMPLE_305)
    assert eerste.status == BerichtStatus.VERWERKT
    assert tweede.is_duplicaat and tweede.status == BerichtStatus.AFGEKEURD
    assert [(b["regel"], b["retourcode"]) for b in tweede.bevindingen] == [
        ("TR056", "9056")
    ]
    assert handler.aanroepen == 1
    _, message = retour_van(tweede)
    assert message.header.retourcodes == ["9056"] and message.client is None


@pytest.mark.parametrize(
    ("data", "woord"),
    [
        (b"<wmo305:Bericht", "XML"),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
            "DOCTYPE",
        ),
    ],
)
def test_malformed_or_hostile_xml_is_afgekeurd_and_kept(handler, data, woord):
    bericht = ontvang(data)
    assert bericht.status == BerichtStatus.AFGEKEURD
    assert woord in bericht.foutmelding
    assert bericht.xml == data
    assert not bericht.retourberichten.exists()
    assert handler.aanroepen == 0


def test_xsd_error_is_afgekeurd_without_retour(handler):
    bericht = ontvang(SAMPLE_305.replace(b"<wmo305:Geslacht>2</wmo305:Geslacht>", b""))
    assert bericht.status == BerichtStatus.AFGEKEURD
    assert "XSD" in bericht.foutmelding
    assert {b["niveau"] for b in bericht.bevindingen} == {1}
    assert not bericht.retourberichten.exists()
    assert handler.aanroepen == 0


def test_level_2_error_gets_a_header_only_0001_retour(handler):
    m = schoon("WMO305")
    m.client.start_producten[0].status_aanlevering = "2"
    bericht = ontvang(codec.encode(m))
    assert bericht.status == BerichtStatus.AFGEKEURD
    assert [(b["regel"], b["retourcode"]) for b in bericht.bevindingen] == [
        ("CS058", "0001")
    ]
    assert handler.aanroepen == 0
    _, message = retour_van(bericht)
    assert message.header.retourcodes == ["0001"] and message.client is None


def test_handler_that_raises_leaves_fout_and_can_be_retried(handler):
    handler.fout = RuntimeError("database weg")
    bericht = ontvang(SAMPLE_305)
    assert bericht.status == BerichtStatus.FOUT
    assert "database weg" in bericht.foutmelding
    assert Bericht.objects.count() == 1  # no retour, nothing else saved
    assert bericht.xml == SAMPLE_305

    handler.fout = None
    taak = services.bericht_opnieuw_verwerken(bericht=bericht, user=gemeente_user())
    assert taak.status == "klaar"  # a background job (eager here)
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.VERWERKT
    assert bericht.pogingen == 2
    assert bericht.retourberichten.get().bericht_type == "WMO306"
    assert handler.aanroepen == 2


def test_declaratie_without_findings_gets_325_with_8001(handler):
    bericht = ontvang((SAMPLES / "WMO323.xml").read_bytes())
    assert bericht.status == BerichtStatus.VERWERKT
    _, message = retour_van(bericht)
    assert message.BERICHT == "WMO325"
    assert message.header.retourcodes == ["0200"]
    assert message.declaratie_antwoord.retourcodes == ["8001"]
    assert (message.header.afzender, message.header.ontvanger) == ("0363", "73730012")
