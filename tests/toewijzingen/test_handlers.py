"""Inbound 305/307/315/317 and retours, handled on the gemeente's side."""

from datetime import date

import pytest

from berichten.constants import Kanaal
from berichten.xml import codec, types as t
from tests.berichten.kanaal_helpers import ontvang_van_afzender
from tests.toewijzingen.factories import (
    LeveringFactory,
    ToewijzingFactory,
    VerzoekFactory,
    geldig_bsn,
)
from tests.toewijzingen.opzet_helpers import bericht, kop, wmo315
from toewijzingen import handlers, mappers
from toewijzingen.constants import VerzoekStatus
from toewijzingen.models import Client, Levering, Verzoek

D = date(2026, 8, 3)


@pytest.fixture
def toewijzing(opzet):
    return ToewijzingFactory(
        client=opzet.client,
        aanbieder=opzet.aanbieder,
        contract=opzet.contract,
        product=opzet.product,
        ingangsdatum=D,
    )


def start_product(toewijzing, begindatum=D, status="1", nummer=None) -> t.StartProduct:
    return t.StartProduct(
        toewijzing_nummer=nummer or toewijzing.toewijzing_nummer,
        begindatum=begindatum,
        status_aanlevering=status,
    )


def stop_product(
    toewijzing, einddatum, reden="21", begindatum=D, status="1"
) -> t.StopProduct:
    return t.StopProduct(
        toewijzing_nummer=toewijzing.toewijzing_nummer,
        begindatum=begindatum,
        status_aanlevering=status,
        reden_beeindiging=reden,
        einddatum=einddatum,
    )


def wmo305(opzet, *producten) -> t.Wmo305:
    return t.Wmo305(
        header=kop(opzet),
        client=t.StartClient(
            **mappers.client_persoon(opzet.client), start_producten=list(producten)
        ),
    )


def wmo307(opzet, *producten) -> t.Wmo307:
    return t.Wmo307(
        header=kop(opzet),
        client=t.StopClient(
            **mappers.client_persoon(opzet.client), stop_producten=list(producten)
        ),
    )


def verwerk305(opzet, *producten):
    return handlers.start_zorg_verwerken(
        bericht=bericht(opzet, "WMO305"), message=wmo305(opzet, *producten)
    )


def verwerk307(opzet, *producten):
    return handlers.stop_zorg_verwerken(
        bericht=bericht(opzet, "WMO307"), message=wmo307(opzet, *producten)
    )


def codes(verwerking) -> list[tuple[str, str]]:
    return [(b.retourcode, b.pad) for b in verwerking.bevindingen]


def test_305_records_start_once_per_bericht(opzet, toewijzing):
    b = bericht(opzet, "WMO305")
    message = wmo305(opzet, start_product(toewijzing))
    assert handlers.start_zorg_verwerken(bericht=b, message=message).bevindingen == []
    handlers.start_zorg_verwerken(
        bericht=b, message=message
    )  # processed again: idempotent
    assert Levering.objects.get().bericht == b


def test_tr019_unknown_toewijzingnummer(opzet, toewijzing):
    verwerking = verwerk305(opzet, start_product(toewijzing, nummer=999_999))
    assert codes(verwerking) == [
        ("9019", "/Bericht/Client/StartProducten/StartProduct[1]")
    ]
    assert not Levering.objects.exists()


def test_tr074_duplicate_key_in_message_rejects_whole_message(opzet, toewijzing):
    verwerking = verwerk305(opzet, start_product(toewijzing), start_product(toewijzing))
    assert codes(verwerking) == [
        ("9074", "/Bericht/Client/StartProducten/StartProduct[2]"),
        ("9326", "/Bericht/Client/StartProducten/StartProduct[2]"),
    ]
    assert not Levering.objects.exists()  # IV032: nothing applied


def test_r_s1_is_not_a_reason_for_the_gemeente_to_reject(opzet, toewijzing):
    assert (
        verwerk305(
            opzet, start_product(toewijzing, begindatum=date(2026, 8, 1))
        ).bevindingen
        == []
    )


def test_tr063_tr071_delete_start(opzet, toewijzing):
    assert codes(verwerk305(opzet, start_product(toewijzing, status="3"))) == [
        ("9063", "/Bericht/Client/StartProducten/StartProduct[1]")
    ]
    LeveringFactory(toewijzing=toewijzing, begindatum=D)
    LeveringFactory(toewijzing=toewijzing, begindatum=D, stop=True)
    assert (
        codes(verwerk305(opzet, start_product(toewijzing, status="3")))[0][0] == "9071"
    )


def test_tr382_stop_without_start_9069(opzet, toewijzing):
    assert codes(verwerk307(opzet, stop_product(toewijzing, date(2026, 8, 20))))[0] == (
        "9069",
        "/Bericht/Client/StopProducten/StopProduct[1]",
    )


def test_tr413_tr414_tr415_stop_sequence(opzet, toewijzing):
    LeveringFactory(toewijzing=toewijzing, begindatum=D)
    assert (
        verwerk307(
            opzet, stop_product(toewijzing, date(2026, 8, 10), reden="20")
        ).bevindingen
        == []
    )
    assert [
        c
        for c, _ in codes(
            verwerk307(opzet, stop_product(toewijzing, date(2026, 8, 12), reden="20"))
        )
    ] == ["9413"]
    assert [
        c
        for c, _ in codes(verwerk307(opzet, stop_product(toewijzing, date(2026, 8, 9))))
    ] == ["9414"]
    assert (
        verwerk307(opzet, stop_product(toewijzing, date(2026, 8, 12))).bevindingen == []
    )
    assert [
        c
        for c, _ in codes(
            verwerk307(opzet, stop_product(toewijzing, date(2026, 8, 14)))
        )
    ] == ["9415"]
    assert Levering.objects.filter(soort="stop").count() == 2


def test_315_creates_verzoek_and_client(opzet):
    bsn = geldig_bsn(960)
    verwerking = handlers.verzoek_om_toewijzing_verwerken(
        bericht=bericht(opzet, "WMO315"), message=wmo315(opzet, bsn=bsn)
    )
    assert verwerking.bevindingen == []
    verzoek = Verzoek.objects.get()
    assert (verzoek.client.bsn, verzoek.referentie_aanbieder, verzoek.status) == (
        bsn,
        "VOT-9",
        VerzoekStatus.OPEN,
    )
    assert verzoek.producten.get().product == opzet.product


def test_tr347_referentie_used_before_9347(opzet):
    VerzoekFactory(
        aanbieder=opzet.aanbieder,
        client__gemeente=opzet.gemeente,
        referentie_aanbieder="VOT-9",
        status=VerzoekStatus.AFGEWEZEN,
    )
    bsn = geldig_bsn(961)
    verwerking = handlers.verzoek_om_toewijzing_verwerken(
        bericht=bericht(opzet, "WMO315"), message=wmo315(opzet, bsn=bsn)
    )
    assert codes(verwerking) == [
        ("9347", "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]")
    ]
    assert not Client.objects.filter(bsn=bsn).exists()


def test_tr374_open_verzoek_9374(opzet):
    VerzoekFactory(aanbieder=opzet.aanbieder, client=opzet.client)
    verwerking = handlers.verzoek_om_toewijzing_verwerken(
        bericht=bericht(opzet, "WMO315"), message=wmo315(opzet)
    )
    assert codes(verwerking) == [("9374", "/Bericht/Client")]


def test_tr349_317_must_name_all_actual_toewijzingen(opzet, toewijzing):
    ToewijzingFactory(
        client=opzet.client, aanbieder=opzet.aanbieder, contract=opzet.contract
    )
    message = t.Wmo317(
        header=kop(opzet),
        client=t.VowClient(
            bsn=opzet.client.bsn,
            verzoek=t.Verzoek(
                referentie_aanbieder="VOW-9",
                reden_verzoek="1",
                te_wijzigen_producten=[
                    t.TeWijzigenProduct(
                        toewijzing_nummer=toewijzing.toewijzing_nummer,
                        gewenste_ingangsdatum=date(2026, 10, 1),
                        omvang=OMVANG,  # TR411: the toewijzing has a ProductCode
                    )
                ],
            ),
        ),
    )
    verwerking = handlers.verzoek_om_wijziging_verwerken(
        bericht=bericht(opzet, "WMO317"), message=message
    )
    assert codes(verwerking) == [("9349", "/Bericht/Client/Verzoek")]
    assert not Verzoek.objects.exists()


def test_rejecting_306_makes_the_start_not_count(opzet, toewijzing):
    heen = bericht(opzet, "WMO305")
    start = LeveringFactory(toewijzing=toewijzing, bericht=heen)
    retour = bericht(opzet, "WMO306")
    retour.heenbericht = heen
    message = t.Wmo306(
        header=t.RetourHeader(
            afzender=opzet.aanbieder.agb_code,
            ontvanger=opzet.gemeente.code,
            bericht_identificatie=t.BerichtIdentificatie(
                identificatie="X1", dagtekening=date(2026, 8, 28)
            ),
            identificatie_retour="R1",
            dagtekening_retour=date(2026, 8, 28),
            retourcodes=["0200"],
        )
    )
    handlers.levering_retour_verwerken(bericht=retour, message=message)
    start.refresh_from_db()
    assert start.vervallen


def test_uploaded_305_gets_306_with_9019(opzet, toewijzing):
    """The whole inbound path: stored, XSD, level 2, this handler, retour."""
    message = wmo305(opzet, start_product(toewijzing, nummer=999_999))
    ontvangen = ontvang_van_afzender(codec.encode(message), kanaal=Kanaal.UPLOAD)
    assert [b["retourcode"] for b in ontvangen.bevindingen] == ["9019"]
    retour = codec.decode(ontvangen.retourberichten.get().xml)
    assert retour.client.start_producten[0].retourcodes == ["9019"]


OMVANG = t.Omvang(volume=2, eenheid="82", frequentie="4")


def _wmo317(opzet, bsn: str, *, ongewijzigd=(), te_wijzigen=()) -> t.Wmo317:
    return t.Wmo317(
        header=kop(opzet),
        client=t.VowClient(
            bsn=bsn,
            verzoek=t.Verzoek(
                referentie_aanbieder="VOW-35",
                reden_verzoek="1",
                ongewijzigde_producten=[
                    t.OngewijzigdProduct(toewijzing_nummer=n) for n in ongewijzigd
                ],
                te_wijzigen_producten=[
                    t.TeWijzigenProduct(
                        toewijzing_nummer=n,
                        gewenste_ingangsdatum=date(2026, 10, 1),
                        omvang=OMVANG,
                    )
                    for n in te_wijzigen
                ],
            ),
        ),
    )


def _317_verwerken(opzet, message):
    return handlers.verzoek_om_wijziging_verwerken(
        bericht=bericht(opzet, "WMO317"), message=message
    )


def test_tr350_tr351_317_names_only_actual_toewijzingen(opzet, toewijzing):
    verlopen = ToewijzingFactory(
        client=opzet.client,
        aanbieder=opzet.aanbieder,
        contract=opzet.contract,
        verlopen=True,
    )
    ok = _wmo317(opzet, opzet.client.bsn, te_wijzigen=[toewijzing.toewijzing_nummer])
    assert codes(_317_verwerken(opzet, ok)) == []
    Verzoek.objects.all().delete()
    fout = _wmo317(
        opzet,
        opzet.client.bsn,
        ongewijzigd=[verlopen.toewijzing_nummer],
        te_wijzigen=[toewijzing.toewijzing_nummer, 99_999],
    )
    assert codes(_317_verwerken(opzet, fout)) == [
        ("9350", "/Bericht/Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct[1]"),
        ("9351", "/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[2]"),
    ]
    assert not Verzoek.objects.exists()


def test_tr304_317_for_a_bsn_without_client_8187(opzet, toewijzing):
    message = _wmo317(opzet, "999990019", te_wijzigen=[toewijzing.toewijzing_nummer])
    assert codes(_317_verwerken(opzet, message)) == [("8187", "/Bericht/Client")]


def _tw_317(opzet, toewijzing, **velden):
    nummer = toewijzing.toewijzing_nummer
    message = _wmo317(opzet, opzet.client.bsn, te_wijzigen=[nummer])
    product = message.client.verzoek.te_wijzigen_producten[0]
    for veld, waarde in velden.items():
        setattr(product, veld, waarde)
    Verzoek.objects.all().delete()
    return [b.regel for b in _317_verwerken(opzet, message).bevindingen]


def test_tr357_gewenste_ingangsdatum_not_after_dagtekening_only_the_original(
    opzet, toewijzing
):
    assert _tw_317(opzet, toewijzing) == []  # 1-10-2026, after the dagtekening
    assert (
        _tw_317(opzet, toewijzing, gewenste_ingangsdatum=toewijzing.ingangsdatum) == []
    )
    assert _tw_317(opzet, toewijzing, gewenste_ingangsdatum=date(2026, 8, 15)) == [
        "TR357"
    ]


def test_tr373_budget_change_from_the_original_ingangsdatum(opzet, toewijzing):
    ToewijzingFactory._meta.model.objects.filter(pk=toewijzing.pk).update(
        volume=None, eenheid="", frequentie="", budget=100_000
    )
    assert _tw_317(opzet, toewijzing, budget=100_000) == []
    assert (
        _tw_317(
            opzet,
            toewijzing,
            budget=120_000,
            gewenste_ingangsdatum=toewijzing.ingangsdatum,
        )
        == []
    )
    assert _tw_317(opzet, toewijzing, budget=120_000) == ["TR373"]


def test_tr411_omvang_required_when_the_toewijzing_has_a_productcode(opzet, toewijzing):
    assert _tw_317(opzet, toewijzing) == []
    assert _tw_317(opzet, toewijzing, omvang=None) == ["TR411"]


def test_tr375_tr412_no_omvang_when_the_toewijzing_has_no_productcode(
    opzet, toewijzing
):
    toewijzing.product.code = ""
    toewijzing.product.save()
    assert _tw_317(opzet, toewijzing, omvang=None) == []
    assert _tw_317(opzet, toewijzing) == ["TR375", "TR412"]


ONBEKEND = t.Product(categorie="14", code="14Z99")


def test_tr381_305_with_a_productcode_not_in_the_table_s329(opzet, toewijzing):
    bekend = start_product(toewijzing)
    bekend.product = t.Product(categorie="14", code="14A01")  # opzet.product
    assert codes(verwerk305(opzet, bekend)) == []
    Levering.objects.all().delete()
    onbekend = start_product(toewijzing)
    onbekend.product = ONBEKEND
    assert codes(verwerk305(opzet, onbekend)) == [
        ("S329", "/Bericht/Client/StartProducten/StartProduct[1]")
    ]


def test_tr381_315_with_a_productcode_not_in_the_table_s329(opzet):
    message = wmo315(opzet)
    message.client.aangevraagde_producten[0].product = ONBEKEND
    verwerking = handlers.verzoek_om_toewijzing_verwerken(
        bericht=bericht(opzet, "WMO315"), message=message
    )
    assert codes(verwerking) == [
        ("S329", "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]")
    ]


def test_tr381_317_nieuw_product_not_in_the_table_s329(opzet, toewijzing):
    message = _wmo317(
        opzet, opzet.client.bsn, te_wijzigen=[toewijzing.toewijzing_nummer]
    )
    message.client.verzoek.nieuwe_producten = [
        t.NieuwProduct(
            product=ONBEKEND, gewenste_ingangsdatum=date(2026, 10, 1), omvang=OMVANG
        )
    ]
    assert codes(_317_verwerken(opzet, message)) == [
        ("S329", "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct[1]")
    ]
