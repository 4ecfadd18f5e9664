"""A 323 rejected as a whole (8214, 9333, 0001, …) exists as a declaratie with
status afgekeurd and its reasons, on both sides, and the upload says so."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import pytest

from berichten import paden
from berichten.bevinding import Bevinding
from berichten.constants import BerichtStatus, Kanaal
from berichten.retour import bouw_retour
from berichten.xml import codec
from declaraties import services
from declaraties.constants import DeclaratieStatus, PrestatieStatus
from declaraties.models import Declaratie
from tests.berichten.kanaal_helpers import ontvang_van_afzender
from tests.core.factories import aanbieder_user, gemeente_user
from tests.declaraties.factories import prestatie_bericht, wmo323
from tests.toewijzingen.factories import ToewijzingFactory

pytestmark = pytest.mark.django_db

OKTOBER = (date(2026, 10, 1), date(2026, 10, 31))


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(client, message, naam="d.xml"):
    return client.post(
        "/berichten/insturen/",
        {"bestanden": [SimpleUploadedFile(naam, codec.encode(message), "text/xml")]},
        follow=True,
    )


def _oktober(tw, nummer="DN010", identificatie="323000000010"):
    regel = prestatie_bericht(
        tw, referentie=f"R{nummer}", begin=OKTOBER[0], eind=OKTOBER[1]
    )
    return wmo323(
        tw.aanbieder,
        tw.gemeente,
        [(tw.client.bsn, [regel])],
        nummer=nummer,
        periode=OKTOBER,
        dagtekening=date(2026, 11, 2),
        identificatie=identificatie,
    )


def test_tr318_upload_rejected_as_a_whole_is_an_afgekeurde_declaratie():
    tw = ToewijzingFactory(declarabel=True)
    aanbieder = _client(aanbieder_user(tw.aanbieder))
    _upload(aanbieder, _oktober(tw))
    augustus = wmo323(
        tw.aanbieder,
        tw.gemeente,
        [(tw.client.bsn, [prestatie_bericht(tw, referentie="R-AUG")])],
        nummer="DN011",
        identificatie="323000000011",
    )  # August after October: 8214 (TR318)
    response = _upload(aanbieder, augustus, naam="augustus.xml")
    [regel] = response.context["taak"].resultaat["regels"]
    assert regel["fout"] and regel["status"] == BerichtStatus.AFGEKEURD
    assert "als geheel afgekeurd" in regel["tekst"] and "Verwerkt" not in regel["tekst"]

    declaratie = Declaratie.objects.get(declaratie_nummer="DN011")
    assert declaratie.status == DeclaratieStatus.AFGEKEURD
    assert declaratie.retourcodes == ["8214"] and declaratie.totaal_toegekend == 0
    for client in (aanbieder, _client(gemeente_user(tw.gemeente))):
        pagina = client.get(f"/declaraties/{declaratie.pk}/").content.decode()
        assert "Afgekeurd als geheel" in pagina
        assert "8214" in pagina and "laatst ingediende periode" in pagina
        lijst = client.get("/declaraties/").content.decode()
        assert "DN011" in lijst
    bericht = client.get(declaratie.bericht.get_absolute_url()).content.decode()
    assert f"/declaraties/{declaratie.pk}/" in bericht
    # Counts as not sent: the same number may come again, corrected.
    goed = wmo323(
        tw.aanbieder,
        tw.gemeente,
        [
            (
                tw.client.bsn,
                [
                    prestatie_bericht(
                        tw,
                        referentie="R-AUG",
                        begin=date(2026, 8, 1),
                        eind=date(2026, 8, 31),
                    )
                ],
            )
        ],
        nummer="DN011",
        periode=OKTOBER,
        dagtekening=date(2026, 11, 2),
        identificatie="323000000012",
    )
    _upload(aanbieder, goed)
    assert (
        Declaratie.objects.filter(declaratie_nummer="DN011")
        .exclude(status=DeclaratieStatus.AFGEKEURD)
        .get()
        .status
        == DeclaratieStatus.BEANTWOORD
    )


def test_tr318_portal_declaratie_rejected_as_a_whole_on_both_sides():
    tw = ToewijzingFactory(declarabel=True)
    user = aanbieder_user(tw.aanbieder)
    [september] = services.declaratie_voorstellen(user=user, periode=date(2026, 9, 1))
    _upload(_client(user), _oktober(tw))  # October from the own package first
    services.declaratie_indienen(user=user, declaratie=september)
    september.refresh_from_db()
    assert september.status == DeclaratieStatus.AFGEKEURD
    assert september.retourcodes == ["8214"]
    regel = september.prestaties.get()
    assert (regel.status, regel.retourcodes) == (PrestatieStatus.AFGEKEURD, ["8214"])
    werklijst = _client(user).get("/declaraties/afgekeurd/").content.decode()
    assert regel.product_referentie in werklijst or "8214" in werklijst
    pagina = (
        _client(gemeente_user(tw.gemeente))
        .get(f"/declaraties/{september.pk}/")
        .content.decode()
    )
    assert "Afgekeurd als geheel" in pagina


def test_0001_from_a_gemeente_outside_the_portal_is_afgekeurd_not_concept():
    tw = ToewijzingFactory(declarabel=True, client__gemeente__via_portaal=False)
    user = aanbieder_user(tw.aanbieder)
    [declaratie] = services.declaratie_voorstellen(user=user, periode=date(2026, 8, 1))
    bericht = services.declaratie_indienen(user=user, declaratie=declaratie)
    retour = bouw_retour(
        codec.decode(bericht.xml),
        [
            Bevinding(
                niveau=2, regel="XSLT", retourcode="0001", pad=paden.HEADER, tekst=""
            )
        ],
        identificatie="EXTERN000002",
        dagtekening=codec.decode(
            bericht.xml
        ).header.bericht_identificatie.dagtekening,  # TR134
    )
    # The gemeente's own software sends it; the operator imports it in its name.
    ontvang_van_afzender(codec.encode(retour), kanaal=Kanaal.MAP)
    declaratie.refresh_from_db()
    assert declaratie.status == DeclaratieStatus.AFGEKEURD
    assert declaratie.retourcodes == ["0001"]
    assert declaratie.prestaties.get().status == PrestatieStatus.AFGEKEURD
