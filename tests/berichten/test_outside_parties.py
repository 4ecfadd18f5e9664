"""Mixed chains: a party with its own software and a party in the portal.

Messages of the party outside are written as files and read with `iwmo_import`;
what the portal sends it is fetched with `iwmo_export`. Every exchanged file is
checked against the schemas: the official XSDs (xsd-3.2) for the heenberichten,
the project's own (held against the official ones) for the retours.
"""

from datetime import date
from io import StringIO

from django.core.management import call_command

import pytest
from freezegun import freeze_time

from berichten import paden
from berichten.bevinding import Bevinding
from berichten.constants import BerichtStatus, Niveau
from berichten.models import Bericht
from berichten.retour import bouw_retour
from berichten.xml import codec, types as t
from declaraties import services as declaraties
from declaraties.constants import DeclaratieStatus, PrestatieStatus
from tests.berichten.buitenpartijen import (
    Partijen,
    exporteer,
    importeer,
    kop,
    namens,
    retour_van,
    retourcodes,
    toegewezen,
    toewijzing_in_portaal,
    wmo301,
    wmo319,
)
from tests.core.factories import aanbieder_user, gemeente_user
from tests.declaraties.factories import enkel
from tests.stamgegevens.factories import (
    ProductFactory,
)
from tests.toewijzingen.factories import ClientFactory, ToewijzingFactory, geldig_bsn
from toewijzingen import mappers, services as toewijzingen
from toewijzingen.constants import VerzoekStatus
from toewijzingen.models import Client, Levering, Toewijzing, Verzoek

pytestmark = pytest.mark.django_db

# --- gemeente outside the portal, aanbieder inside --------------------------------------


@pytest.fixture
def gemeente_buiten(partijen) -> Partijen:
    partijen.gemeente.via_portaal = False
    partijen.gemeente.save()
    return partijen


def test_chain_gemeente_outside_aanbieder_inside(gemeente_buiten):
    p = gemeente_buiten
    user = aanbieder_user(p.aanbieder)
    bsn = geldig_bsn(41)

    with freeze_time("2026-09-01 10:00"):
        dag = date(2026, 9, 1)
        importeer(
            p,
            wmo301(
                p, bsn, [toegewezen(501, p.product, ingangsdatum=date(2026, 8, 1))], dag
            ),
        )
        tw = Toewijzing.objects.visible_to(user).get(toewijzing_nummer=501)
        assert (tw.client.bsn, tw.client.achternaam, tw.client.postcode) == (
            bsn,
            "Dijkstra",
            "9251AB",
        )
        assert (tw.product, tw.volume, tw.eenheid, tw.frequentie) == (
            p.product,
            3,
            "04",
            "4",
        )
        uit = exporteer(p)
        assert [retourcodes(m) for m in uit["WMO302"]] == [[]]

        # start zorg from the portal; the 306 of the gemeente comes back by file
        start = toewijzingen.start_zorg_melden(
            user=user, toewijzing=tw, begindatum=date(2026, 8, 3)
        )
        assert start.bericht.status == BerichtStatus.IN_OUTBOX
        (m305,) = exporteer(p)["WMO305"]
        retour = importeer(p, retour_van(p, m305, dag))
        assert retour.heenbericht == start.bericht
        assert not Levering.objects.get(pk=start.pk).vervallen

        # verzoek om wijziging, in onderzoek (319), honoured with a 301 (TR379)
        verzoek = toewijzingen.verzoek_om_wijziging_indienen(
            user=user,
            client=tw.client,
            referentie_aanbieder="VOW-41",
            reden_verzoek="1",
            producten=[
                toewijzingen.GewenstProduct(
                    toewijzing=tw,
                    ingangsdatum=date(2026, 10, 1),
                    einddatum=date(2026, 12, 31),
                    volume=5,
                    eenheid="04",
                    frequentie="4",
                )
            ],
        )
        (m317,) = exporteer(p)["WMO317"]
        assert importeer(p, retour_van(p, m317, dag)).heenbericht == verzoek.bericht
        importeer(p, wmo319(p, "VOW-41", "2", dag))
        verzoek.refresh_from_db()
        assert verzoek.status == VerzoekStatus.IN_ONDERZOEK
        assert [retourcodes(m) for m in exporteer(p)["WMO320"]] == [[]]

        importeer(
            p,
            wmo301(
                p,
                bsn,
                [
                    toegewezen(
                        501,
                        p.product,
                        ingangsdatum=date(2026, 8, 1),
                        einddatum=date(2026, 9, 30),
                        reden="12",
                    ),
                    toegewezen(
                        502,
                        p.product,
                        ingangsdatum=date(2026, 10, 1),
                        einddatum=date(2026, 12, 31),
                        volume=5,
                        referentie="VOW-41",
                    ),
                ],
                dag,
            ),
        )
        verzoek.refresh_from_db()
        assert verzoek.status == VerzoekStatus.GEHONOREERD
        tw.refresh_from_db()
        assert (tw.einddatum, tw.reden_wijziging) == (date(2026, 9, 30), "12")
        nieuw = Toewijzing.objects.get(toewijzing_nummer=502)
        assert (nieuw.referentie_aanbieder, nieuw.volume) == ("VOW-41", 5)
        assert [retourcodes(m) for m in exporteer(p)["WMO302"]] == [[]]

        # declaratie of August, answered with a 325 by file
        (concept,) = declaraties.declaratie_voorstellen(
            user=user, periode=date(2026, 8, 1)
        )
        bericht323 = declaraties.declaratie_indienen(user=user, declaratie=concept)
        concept.refresh_from_db()
        assert concept.status == DeclaratieStatus.INGEDIEND
        (m323,) = exporteer(p)["WMO323"]
        antwoord = importeer(p, retour_van(p, m323, dag))
        assert antwoord.heenbericht == bericht323
        concept.refresh_from_db()
        assert concept.status == DeclaratieStatus.BEANTWOORD
        assert {r.status for r in concept.prestaties.all()} == {
            PrestatieStatus.GOEDGEKEURD
        }

    with freeze_time("2026-10-02 10:00"):
        stop = toewijzingen.stop_zorg_melden(
            user=user,
            toewijzing=tw,
            begindatum=date(2026, 8, 3),
            einddatum=date(2026, 9, 30),
            reden_beeindiging="37",
        )
        (m307,) = exporteer(p)["WMO307"]
        assert importeer(p, retour_van(p, m307, date(2026, 10, 2))).heenbericht == (
            stop.bericht
        )


def test_op087_a_301_is_the_complete_set_missing_toewijzingen_end(gemeente_buiten):
    p = gemeente_buiten
    bsn = geldig_bsn(42)
    with freeze_time("2026-09-01 10:00"):
        importeer(
            p,
            wmo301(
                p,
                bsn,
                [
                    toegewezen(
                        601,
                        p.product,
                        ingangsdatum=date(2026, 8, 1),
                        einddatum=date(2026, 12, 31),
                    ),
                    toegewezen(602, p.product, ingangsdatum=date(2027, 1, 1)),
                ],
                date(2026, 9, 1),
            ),
        )
    with freeze_time("2026-09-15 10:00"):
        # the next 301 holds neither: 601 has run, 602 had not begun
        importeer(
            p,
            wmo301(
                p,
                bsn,
                [toegewezen(603, p.product, ingangsdatum=date(2026, 9, 15))],
                date(2026, 9, 15),
            ),
        )
    lopend = Toewijzing.objects.get(toewijzing_nummer=601)
    assert lopend.einddatum == date(2026, 9, 14)
    assert lopend.beeindigd_op is not None
    toekomst = Toewijzing.objects.get(toewijzing_nummer=602)
    assert (toekomst.einddatum, toekomst.reden_wijziging) == (date(2027, 1, 1), "13")
    assert Toewijzing.objects.get(toewijzing_nummer=603).einddatum is None
    assert Client.objects.filter(bsn=bsn).count() == 1


def _inbound(p: Partijen, message) -> Bericht:
    """Read a file that is expected to be refused with a retour."""
    data = codec.encode(message)
    bestand = p.inbox / f"{message.BERICHT}_{p.identificatie()}.xml"
    bestand.write_bytes(data)
    call_command(
        "iwmo_import", str(bestand), "--namens", namens(p, message), stdout=StringIO()
    )
    return Bericht.objects.get(bestandsnaam=bestand.name)


def _codes_in_retour(p: Partijen, retour_type: str) -> set[str]:
    (m,) = exporteer(p)[retour_type]
    codes = set(retourcodes(m))
    client = getattr(m, "client", None)
    for product in getattr(client, "toegewezen_producten", []) or []:
        codes |= set(product.retourcodes)
    return codes


def test_tr379_301_with_unknown_referentie_aanbieder_is_refused_9379(gemeente_buiten):
    p = gemeente_buiten
    with freeze_time("2026-09-01 10:00"):
        bericht = _inbound(
            p,
            wmo301(
                p,
                geldig_bsn(43),
                [
                    toegewezen(
                        701,
                        p.product,
                        ingangsdatum=date(2026, 8, 1),
                        referentie="ONBEKEND",
                    )
                ],
                date(2026, 9, 1),
            ),
        )
        assert "9379" in _codes_in_retour(p, "WMO302")
    assert [b["regel"] for b in bericht.bevindingen] == ["TR379"]
    assert not Toewijzing.objects.filter(toewijzing_nummer=701).exists()
    assert not Client.objects.filter(bsn=geldig_bsn(43)).exists()


def test_tr379_301_with_the_referentie_of_a_verzoek_passes(gemeente_buiten):
    p = gemeente_buiten
    client = ClientFactory(gemeente=p.gemeente, bsn=geldig_bsn(44))
    Verzoek.objects.create(
        soort="vot",
        gemeente=p.gemeente,
        aanbieder=p.aanbieder,
        client=client,
        referentie_aanbieder="VOT-44",
    )
    with freeze_time("2026-09-01 10:00"):
        importeer(
            p,
            wmo301(
                p,
                client.bsn,
                [
                    toegewezen(
                        702,
                        p.product,
                        ingangsdatum=date(2026, 8, 1),
                        referentie="VOT-44",
                    )
                ],
                date(2026, 9, 1),
            ),
        )
    assert Verzoek.objects.get(referentie_aanbieder="VOT-44").status == (
        VerzoekStatus.GEHONOREERD
    )


def test_tr332_301_with_a_number_of_another_client_is_refused_9332(gemeente_buiten):
    p = gemeente_buiten
    ToewijzingFactory(
        client=ClientFactory(gemeente=p.gemeente),
        aanbieder=p.aanbieder,
        toewijzing_nummer=801,
    )
    with freeze_time("2026-09-01 10:00"):
        _inbound(
            p,
            wmo301(
                p,
                geldig_bsn(45),
                [toegewezen(801, p.product, ingangsdatum=date(2026, 8, 1))],
                date(2026, 9, 1),
            ),
        )
        assert "9332" in _codes_in_retour(p, "WMO302")


def test_tr381_301_with_a_product_unknown_to_the_portal_is_refused_s329(
    gemeente_buiten,
):
    p = gemeente_buiten
    onbekend = ProductFactory.build(categorie="02", code="02Z99")
    with freeze_time("2026-09-01 10:00"):
        _inbound(
            p,
            wmo301(
                p,
                geldig_bsn(46),
                [toegewezen(802, onbekend, ingangsdatum=date(2026, 8, 1))],
                date(2026, 9, 1),
            ),
        )
        assert "S329" in _codes_in_retour(p, "WMO302")
    assert not Toewijzing.objects.filter(toewijzing_nummer=802).exists()


def test_tr385_deleting_a_toewijzing_with_approved_lines_is_refused_9385(
    gemeente_buiten,
):
    from tests.declaraties.factories import PrestatieFactory

    p = gemeente_buiten
    tw = ToewijzingFactory(
        client=ClientFactory(gemeente=p.gemeente, bsn=geldig_bsn(47)),
        aanbieder=p.aanbieder,
        product=p.product,
        toewijzing_nummer=803,
        ingangsdatum=date(2026, 8, 1),
    )
    verwijderd = [
        toegewezen(
            803,
            p.product,
            ingangsdatum=date(2026, 8, 1),
            einddatum=date(2026, 8, 1),
            reden="13",
        )
    ]
    with freeze_time("2026-09-01 10:00"):
        PrestatieFactory(toewijzing=tw)
        _inbound(p, wmo301(p, tw.client.bsn, verwijderd, date(2026, 9, 1)))
        assert "9385" in _codes_in_retour(p, "WMO302")
        tw.refresh_from_db()
        assert tw.reden_wijziging != "13"

        tw.prestaties.update(status=PrestatieStatus.AFGEKEURD)
        importeer(p, wmo301(p, tw.client.bsn, verwijderd, date(2026, 9, 1)))
        tw.refresh_from_db()
        assert tw.reden_wijziging == "13"


def test_tr355_319_that_answers_no_verzoek_is_refused_9355(gemeente_buiten):
    p = gemeente_buiten
    with freeze_time("2026-09-01 10:00"):
        bericht = _inbound(p, wmo319(p, "NIEMAND", "2", date(2026, 9, 1)))
        (m320,) = exporteer(p)["WMO320"]
    assert [b["regel"] for b in bericht.bevindingen] == ["TR355"]
    assert "9355" in set(retourcodes(m320)) | set(m320.antwoord.retourcodes)


def test_tr359_tr365_tr360_319_after_a_final_answer_is_refused(gemeente_buiten):
    p = gemeente_buiten
    client = ClientFactory(gemeente=p.gemeente)
    verzoek = Verzoek.objects.create(
        soort="vot",
        gemeente=p.gemeente,
        aanbieder=p.aanbieder,
        client=client,
        referentie_aanbieder="VOT-9",
    )
    with freeze_time("2026-09-01 10:00"):
        importeer(p, wmo319(p, "VOT-9", "2", date(2026, 9, 1)))
        assert (
            _inbound(p, wmo319(p, "VOT-9", "2", date(2026, 9, 1))).bevindingen[0][
                "regel"
            ]
            == "TR360"
        )
        verzoek.refresh_from_db()
        assert verzoek.status == VerzoekStatus.IN_ONDERZOEK
        Verzoek.objects.filter(pk=verzoek.pk).update(status=VerzoekStatus.GEHONOREERD)
        assert (
            _inbound(p, wmo319(p, "VOT-9", "2", date(2026, 9, 1))).bevindingen[0][
                "regel"
            ]
            == "TR359"
        )
        Verzoek.objects.filter(pk=verzoek.pk).update(status=VerzoekStatus.AFGEWEZEN)
        assert (
            _inbound(p, wmo319(p, "VOT-9", "2", date(2026, 9, 1))).bevindingen[0][
                "regel"
            ]
            == "TR365"
        )


def _afgekeurd(p: Partijen, heen, pad: str, regel: str, code: str, dag: date):
    bevinding = Bevinding(
        niveau=Niveau.BERICHTOVERSTIJGEND,
        regel=regel,
        retourcode=code,
        pad=pad,
        tekst="x",
    )
    return bouw_retour(
        heen, [bevinding], identificatie=p.identificatie(), dagtekening=dag
    )


def test_rejections_from_a_gemeente_outside_take_effect(gemeente_buiten):
    """306, 316 and 325 with codes are matched to the portal's own heenberichten."""
    p = gemeente_buiten
    user = aanbieder_user(p.aanbieder)
    tw = ToewijzingFactory(
        client=ClientFactory(gemeente=p.gemeente, bsn=geldig_bsn(48)),
        aanbieder=p.aanbieder,
        product=p.product,
        ingangsdatum=date(2026, 8, 1),
        eenheid="04",
    )
    dag = date(2026, 9, 1)
    with freeze_time("2026-09-01 10:00"):
        start = toewijzingen.start_zorg_melden(
            user=user, toewijzing=tw, begindatum=date(2026, 8, 3)
        )
        (verzoek,) = toewijzingen.verzoek_om_toewijzing_indienen(
            user=user,
            gemeente=p.gemeente,
            client=tw.client,
            producten=[
                toewijzingen.AangevraagdProduct(
                    referentie_aanbieder="VOT-48",
                    product=p.product,
                    ingangsdatum=date(2027, 1, 1),
                    einddatum=date(2027, 3, 31),
                    volume=1,
                    eenheid="04",
                    frequentie="4",
                    verwijzer_type="01",
                    verwijzer_naam="Wmo-loket",
                )
            ],
        )
        (concept,) = declaraties.declaratie_voorstellen(
            user=user, periode=date(2026, 8, 1)
        )
        declaraties.declaratie_indienen(user=user, declaratie=concept)
        uit = exporteer(p)
        importeer(
            p,
            _afgekeurd(
                p, uit["WMO305"][0], paden.start_product(1), "TR326", "9326", dag
            ),
        )
        importeer(
            p, _afgekeurd(p, uit["WMO315"][0], paden.CLIENT, "TR374", "9374", dag)
        )
        importeer(
            p,
            _afgekeurd(
                p, uit["WMO323"][0], paden.prestatie(1, 1), "TR321", "9321", dag
            ),
        )
    assert Levering.objects.get(pk=start.pk).vervallen
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.AFGEWEZEN
    concept.refresh_from_db()
    regel = concept.prestaties.get()
    assert (regel.status, regel.retourcodes) == (PrestatieStatus.AFGEKEURD, ["9321"])


def test_a_301_made_in_the_portal_is_not_recorded_twice(partijen):
    """Inside the portal the gemeente's service records; the handler adds nothing."""
    p = partijen
    with freeze_time("2026-09-01 10:00"):
        tw = toewijzing_in_portaal(p, ingangsdatum=date(2026, 9, 1), volume=2)
    assert tw.bericht.status == BerichtStatus.VERWERKT
    assert Toewijzing.objects.filter(client=tw.client).count() == 1


# --- aanbieder outside the portal, gemeente inside --------------------------------------


@pytest.fixture
def aanbieder_buiten(partijen) -> Partijen:
    partijen.aanbieder.via_portaal = False
    partijen.aanbieder.save()
    return partijen


def test_chain_aanbieder_outside_gemeente_inside(aanbieder_buiten):
    p = aanbieder_buiten
    user = gemeente_user(p.gemeente)

    with freeze_time("2026-09-01 10:00"):
        dag = date(2026, 9, 1)
        tw = toewijzing_in_portaal(p, ingangsdatum=date(2026, 8, 1))
        client = tw.client
        assert tw.bericht.status == BerichtStatus.IN_OUTBOX
        (m301,) = exporteer(p)["WMO301"]
        assert importeer(p, retour_van(p, m301, dag)).heenbericht == tw.bericht

        # start zorg from the aanbieder's software
        start = mappers.wmo305(
            header=kop(p, van_gemeente=False, dag=dag),
            levering=Levering(toewijzing=tw, begindatum=date(2026, 8, 3)),
        )
        bericht305 = importeer(p, start)
        assert Levering.objects.get(bericht=bericht305).toewijzing == tw
        assert [retourcodes(m) for m in exporteer(p)["WMO306"]] == [[]]

        # verzoek om toewijzing; the gemeente puts it in onderzoek (319, 320 back)
        vot = t.Wmo315(
            header=kop(p, van_gemeente=False, dag=dag),
            client=t.VotClient(
                **mappers.client_persoon(client),
                aangevraagde_producten=[
                    t.AangevraagdProduct(
                        referentie_aanbieder="VOT-B1",
                        product=t.Product(
                            categorie=p.product.categorie, code=p.product.code
                        ),
                        toewijzing_ingangsdatum=date(2027, 1, 1),
                        toewijzing_einddatum=date(2027, 6, 30),
                        omvang=t.Omvang(volume=2, eenheid="04", frequentie="4"),
                        verwijzer=t.Verwijzer(type="01"),
                    )
                ],
            ),
        )
        importeer(p, vot)
        assert [retourcodes(m) for m in exporteer(p)["WMO316"]] == [[]]
        verzoek = Verzoek.objects.get(referentie_aanbieder="VOT-B1")
        toewijzingen.verzoek_in_onderzoek(user=user, verzoek=verzoek)
        (m319,) = exporteer(p)["WMO319"]
        assert m319.antwoord.referentie_aanbieder == "VOT-B1"
        importeer(p, retour_van(p, m319, dag))

        # declaratie of August from the aanbieder's software; the 325 goes out
        m323 = enkel(tw, volume=3, tarief=4250)
        m323.header.bericht_identificatie.dagtekening = dag
        m323.declaratie.declaratie_dagtekening = dag
        bericht323 = importeer(p, m323)
        (m325,) = exporteer(p)["WMO325"]
        assert retourcodes(m325) == ["0200"]
        assert m325.declaratie_antwoord.retourcodes == ["8001"]
        assert bericht323.retourberichten.get().bericht_type == "WMO325"

    with freeze_time("2026-10-02 10:00"):
        stop = mappers.wmo307(
            header=kop(p, van_gemeente=False, dag=date(2026, 10, 2)),
            levering=Levering(
                toewijzing=tw,
                soort="stop",
                begindatum=date(2026, 8, 3),
                einddatum=date(2026, 9, 30),
                reden_beeindiging="19",
            ),
        )
        importeer(p, stop)
        assert [retourcodes(m) for m in exporteer(p)["WMO308"]] == [[]]
        assert Levering.objects.filter(toewijzing=tw, soort="stop").exists()
