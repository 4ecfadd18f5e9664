"""WMO323 at the gemeente (stored, per line) and WMO325 at the aanbieder (matched)."""

from dataclasses import replace
from datetime import date

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
from tests.core.factories import aanbieder_user
from tests.declaraties.factories import prestatie_bericht, wmo323
from tests.toewijzingen.factories import ToewijzingFactory

pytestmark = pytest.mark.django_db


def ontvang(message):
    return ontvang_van_afzender(
        codec.encode(message), kanaal=Kanaal.UPLOAD, bestandsnaam="x.xml"
    )


def test_uploaded_323_is_checked_and_stored_per_line():
    tw = ToewijzingFactory(declarabel=True)
    zonder_start = ToewijzingFactory(
        declarabel=True,
        aanbieder=tw.aanbieder,
        client__gemeente=tw.gemeente,
        gestart=False,
    )
    message = wmo323(
        tw.aanbieder,
        tw.gemeente,
        [
            (
                tw.client.bsn,
                [
                    prestatie_bericht(tw, referentie="R1"),
                    prestatie_bericht(
                        tw,
                        referentie="R2",
                        begin=date(2026, 7, 1),
                        eind=date(2026, 7, 31),
                        volume=11,
                    ),
                ],
            ),
            (
                zonder_start.client.bsn,
                [prestatie_bericht(zonder_start, referentie="R3")],
            ),
        ],
    )
    bericht = ontvang(message)
    assert bericht.status == BerichtStatus.VERWERKT
    declaratie = Declaratie.objects.get(bericht=bericht)
    regels = {p.product_referentie: p for p in declaratie.prestaties.all()}
    assert (
        regels["R1"].status == PrestatieStatus.GOEDGEKEURD
        and regels["R1"].toewijzing == tw
    )
    assert (regels["R2"].status, regels["R2"].retourcodes) == (
        PrestatieStatus.AFGEKEURD,
        ["9321"],
    )
    assert (
        regels["R3"].status == PrestatieStatus.GOEDGEKEURD
        and regels["R3"].start_ontbreekt
    )  # OP364
    assert declaratie.totaal_toegekend == 2 * 42500

    antwoord = codec.decode(bericht.retourberichten.get().xml).declaratie_antwoord
    assert antwoord.retourcodes == ["0200"]
    [client] = antwoord.clienten  # only the client with a rejected line …
    assert [p.product_referentie.referentie_nummer for p in client.prestaties] == [
        "R2"
    ]  # … only that line
    assert client.prestaties[0].retourcodes == ["9321"]


def _twee_met_hetzelfde_nummer():
    """Two uploaded 323s with DeclaratieNummer DN001 (TR333): the second is refused."""
    tw = ToewijzingFactory(declarabel=True)
    juli = {"begin": date(2026, 7, 1), "eind": date(2026, 7, 31)}
    eerste = ontvang(
        wmo323(
            tw.aanbieder,
            tw.gemeente,
            [(tw.client.bsn, [prestatie_bericht(tw, referentie="R1")])],
        )
    )
    tweede = ontvang(
        wmo323(
            tw.aanbieder,
            tw.gemeente,
            [(tw.client.bsn, [prestatie_bericht(tw, referentie="R2", **juli)])],
            identificatie="323000000002",
        )
    )
    return eerste, tweede


def test_uploaded_323_with_used_declaratienummer_is_not_stored():
    eerste, tweede = _twee_met_hetzelfde_nummer()
    # Kept as a declaratie rejected as a whole, without lines; the first stands.
    afgekeurd = Declaratie.objects.get(bericht=tweede)
    assert afgekeurd.status == DeclaratieStatus.AFGEKEURD
    assert afgekeurd.retourcodes == ["9333"] and not afgekeurd.prestaties.exists()
    assert Declaratie.objects.get(bericht=eerste).status == DeclaratieStatus.BEANTWOORD
    antwoord = codec.decode(tweede.retourberichten.get().xml).declaratie_antwoord
    assert (
        antwoord.retourcodes == ["9333"]
        and antwoord.totaal_toegekend_bedrag.totaal_bedrag == 0
    )


@pytest.fixture
def verstuurd():
    """A declaratie sent to a gemeente outside the portal: the 325 comes by file."""
    tw = ToewijzingFactory(declarabel=True, client__gemeente__via_portaal=False)
    ToewijzingFactory(
        declarabel=True, aanbieder=tw.aanbieder, client__gemeente=tw.gemeente
    )
    user = aanbieder_user(tw.aanbieder)
    [declaratie] = services.declaratie_voorstellen(user=user, periode=date(2026, 8, 1))
    bericht = services.declaratie_indienen(user=user, declaratie=declaratie)
    declaratie.refresh_from_db()
    return declaratie, bericht


def _antwoord(bericht, bevindingen, **wijzig):
    """The 325 the gemeente outside the portal sends, as a file."""
    heen = codec.decode(bericht.xml)
    antwoord = bouw_retour(
        heen, bevindingen, identificatie="EXTERN000001", dagtekening=date(2026, 11, 23)
    )
    for naam, waarde in wijzig.items():
        setattr(antwoord.declaratie_antwoord, naam, waarde)
    return antwoord


def _afgekeurd(code: str) -> Bevinding:
    return Bevinding(
        niveau=3, regel="TR321", retourcode=code, pad=paden.prestatie(1, 1), tekst=""
    )


def test_325_by_file_is_matched_by_declaratie_identificatie_and_referentie(verstuurd):
    declaratie, bericht = verstuurd
    assert (
        declaratie.status == DeclaratieStatus.INGEDIEND
        and declaratie.antwoord_uiterlijk
    )
    antwoord = ontvang(_antwoord(bericht, [_afgekeurd("9321")]))
    declaratie.refresh_from_db()
    assert antwoord.heenbericht == bericht and declaratie.antwoord == antwoord
    assert declaratie.status == DeclaratieStatus.BEANTWOORD
    statussen = sorted(
        (p.status, tuple(p.retourcodes)) for p in declaratie.prestaties.all()
    )
    assert statussen == [("afgekeurd", ("9321",)), ("goedgekeurd", ())]
    assert declaratie.totaal_toegekend == 42500
    assert antwoord.bevindingen == []


def test_325_with_other_values_or_unknown_referentie_gives_tr366_tr367(verstuurd):
    _declaratie, bericht = verstuurd
    message = _antwoord(bericht, [_afgekeurd("9321")])
    prestatie = message.declaratie_antwoord.clienten[0].prestaties[0]
    message.declaratie_antwoord.clienten[0].prestaties = [
        replace(prestatie, geleverd_volume=99),
        replace(
            prestatie,
            product_referentie=replace(
                prestatie.product_referentie, referentie_nummer="ONBEKEND"
            ),
        ),
    ]
    antwoord = ontvang(message)
    assert {b["regel"] for b in antwoord.bevindingen} == {"TR366", "TR367"}


def test_325_with_other_declaratienummer_gives_tr376(verstuurd):
    _declaratie, bericht = verstuurd
    antwoord = ontvang(_antwoord(bericht, [], declaratie_nummer="ANDER1"))
    assert [b["regel"] for b in antwoord.bevindingen] == ["TR376"]


def test_325_on_a_rejected_upload_does_not_touch_the_earlier_declaratie():
    """A 325 with 9333 matches the rejected record, not the earlier one with that number."""
    eerste, tweede = _twee_met_hetzelfde_nummer()
    antwoord = ontvang(
        _antwoord(
            tweede,
            [
                Bevinding(
                    niveau=3,
                    regel="TR333",
                    retourcode="9333",
                    pad=paden.DECLARATIE,
                    tekst="",
                )
            ],
        )
    )
    declaratie = Declaratie.objects.get(bericht=eerste)
    assert declaratie.prestaties.get().status == PrestatieStatus.GOEDGEKEURD
    assert antwoord.bevindingen == []
    afgekeurd = Declaratie.objects.get(bericht=tweede)
    assert afgekeurd.status == DeclaratieStatus.AFGEKEURD


def test_declaratie_rejected_as_a_whole_rejects_every_line(verstuurd):
    declaratie, bericht = verstuurd
    ontvang(
        _antwoord(
            bericht,
            [
                Bevinding(
                    niveau=3,
                    regel="TR318",
                    retourcode="8214",
                    pad=paden.DECLARATIE,
                    tekst="",
                )
            ],
        )
    )
    declaratie.refresh_from_db()
    assert (
        declaratie.status == DeclaratieStatus.AFGEKEURD
        and declaratie.totaal_toegekend == 0
    )
    assert {tuple(p.retourcodes) for p in declaratie.prestaties.all()} == {("8214",)}
