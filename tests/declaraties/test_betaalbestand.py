"""The payment file: one payment per aanbieder on the IBAN it sent with, as CSV
for Dutch Excel or as a SEPA credit transfer (pain.001), made by a background job."""

from datetime import date

from django.test import Client

import pytest

from berichten.xml.parser import parse
from declaraties import services
from declaraties.constants import DeclaratieStatus
from tests.core.factories import aanbieder_user, gemeente_user
from tests.declaraties.factories import DeclaratieFactory
from tests.toewijzingen.factories import ToewijzingFactory

pytestmark = pytest.mark.django_db

OUD_IBAN, NIEUW_IBAN = "NL91ABNA0417164300", "NL20INGB0001234567"
PAIN = "{urn:iso:std:iso:20022:tech:xsd:pain.001.001.03}"


@pytest.fixture
def gemeente_client(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    tw = ToewijzingFactory(
        declarabel=True, client__gemeente__betaalrekening="NL39RABO0300065264"
    )
    ToewijzingFactory(
        declarabel=True, aanbieder=tw.aanbieder, client__gemeente=tw.gemeente
    )
    user = aanbieder_user(tw.aanbieder)
    for maand in (date(2026, 8, 1), date(2026, 9, 1)):
        [d] = services.declaratie_voorstellen(user=user, periode=maand)
        services.declaratie_indienen(user=user, declaratie=d)
    tw.aanbieder.iban = NIEUW_IBAN  # an approved change after sending
    tw.aanbieder.save()
    DeclaratieFactory(  # rejected as a whole: not paid
        aanbieder=tw.aanbieder,
        gemeente=tw.gemeente,
        status=DeclaratieStatus.AFGEKEURD,
        totaal_ingediend=1000,
        totaal_toegekend=0,
    )
    client = Client()
    client.force_login(gemeente_user(tw.gemeente))
    client.tw = tw
    return client


def _maken(client, **velden) -> bytes:
    response = client.post("/declaraties/betaalbestand/", velden, follow=True)
    taak = response.context["taak"]
    assert taak.status == "klaar", taak.melding
    bestand = client.get(f"/taken/{taak.pk}/download/")
    return b"".join(bestand.streaming_content)


def test_betaalbestand_csv_pays_each_aanbieder_on_the_iban_it_sent_with(
    gemeente_client,
):
    tekst = _maken(gemeente_client, formaat="csv", periode="").decode("utf-8-sig")
    kop, rij = tekst.strip().splitlines()
    assert kop.startswith("Aanbieder;AGB-code;IBAN;Bedrag (EUR)")
    velden = rij.split(";")
    assert velden[2] == OUD_IBAN and NIEUW_IBAN not in tekst
    assert velden[3] == "1700,00" and velden[4] == "2"  # 2 × 2 × € 425, two declaraties


def test_betaalbestand_of_one_period(gemeente_client):
    tekst = _maken(gemeente_client, formaat="csv", periode="2026-09-01")
    assert "850,00" in tekst.decode("utf-8-sig")


def test_betaalbestand_sepa_pain_001(gemeente_client):
    xml = _maken(gemeente_client, formaat="xml", periode="")
    boom = parse(xml)
    assert boom.tag == f"{PAIN}Document"
    [transactie] = boom.iter(f"{PAIN}CdtTrfTxInf")
    assert transactie.findtext(f"{PAIN}CdtrAcct/{PAIN}Id/{PAIN}IBAN") == OUD_IBAN
    assert transactie.findtext(f"{PAIN}Amt/{PAIN}InstdAmt") == "1700.00"
    assert boom.findtext(f".//{PAIN}DbtrAcct/{PAIN}Id/{PAIN}IBAN") == (
        "NL39RABO0300065264"
    )


def test_betaalbestand_sepa_needs_the_gemeentes_iban(gemeente_client):
    gemeente = gemeente_client.tw.gemeente
    gemeente.betaalrekening = ""
    gemeente.save()
    pagina = gemeente_client.get("/declaraties/betaalbestand/").content.decode()
    assert "IBAN van de betaalrekening" in pagina
    response = gemeente_client.post(
        "/declaraties/betaalbestand/", {"formaat": "xml"}, follow=True
    )
    taak = response.context["taak"]
    assert taak.status == "fout" and "betaalrekening" in taak.melding


def test_betaalbestand_is_for_the_gemeente(gemeente_client):
    client = Client()
    client.force_login(aanbieder_user(gemeente_client.tw.aanbieder))
    assert client.get("/declaraties/betaalbestand/").status_code == 403
    assert (
        client.post("/declaraties/betaalbestand/", {"formaat": "csv"}).status_code
        == 403
    )
