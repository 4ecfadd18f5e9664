"""OP033x1: volume or frequentie of a toewijzing per dag/week/maand is not changed
in place; "beëindigen en nieuwe toewijzing" does both in one step with one 301."""

from datetime import date

from django.test import Client as Browser

import pytest

from berichten.xml import codec
from core.exceptions import ApplicationError
from tests.declaraties.factories import PrestatieFactory
from toewijzingen import regels, services
from toewijzingen.models import Toewijzing

AUG = date(2026, 8, 1)
OKT = date(2026, 10, 1)


def _toewijzing(opzet, frequentie="2", **kwargs) -> Toewijzing:
    return services.toewijzing_aanmaken(
        user=opzet.gemeente_user,
        client=opzet.client,
        gegevens=services.ToewijzingGegevens(
            aanbieder=opzet.aanbieder,
            product=opzet.product,
            ingangsdatum=AUG,
            einddatum=date(2026, 12, 31),
            volume=3,
            eenheid="82",
            frequentie=frequentie,
            **kwargs,
        ),
    )


def _wijzig(opzet, toewijzing, **wijzigingen):
    return services.toewijzing_wijzigen(
        user=opzet.gemeente_user,
        toewijzing=toewijzing,
        reden_wijziging="14",
        wijzigingen=wijzigingen,
    )


def test_op033x1_rule():
    huidig = {"volume": 3, "eenheid": "82"}
    assert (
        regels.op033x1_omvang_wijzigen(
            **huidig,
            frequentie="6",
            nieuw_volume=5,
            nieuwe_eenheid="82",
            nieuwe_frequentie="6",
        )
        is None
    )
    for frequentie in ("1", "2", "4"):
        assert (
            regels.op033x1_omvang_wijzigen(
                **huidig,
                frequentie=frequentie,
                nieuw_volume=5,
                nieuwe_eenheid="82",
                nieuwe_frequentie=frequentie,
            ).regel
            == "OP033x1"
        )
    assert (
        regels.op033x1_omvang_wijzigen(
            **huidig,
            frequentie="6",
            nieuw_volume=3,
            nieuwe_eenheid="82",
            nieuwe_frequentie="4",
        ).regel
        == "OP033x1"
    )


def test_op033x1_volume_per_week_not_changed_in_place(opzet):
    toewijzing = _toewijzing(opzet)
    with pytest.raises(ApplicationError, match="OP033x1"):
        _wijzig(opzet, toewijzing, volume=5)
    with pytest.raises(ApplicationError, match="OP033x1"):
        _wijzig(opzet, toewijzing, frequentie="4")
    toewijzing.refresh_from_db()
    assert (toewijzing.volume, toewijzing.frequentie) == (3, "2")
    # Other changes stay possible, and so does the volume with frequentie 6.
    _wijzig(opzet, toewijzing, commentaar="Afgestemd")
    totaal = _toewijzing(opzet, frequentie="6", commentaar="totaal")
    assert _wijzig(opzet, totaal, volume=5).volume == 5


def test_op033x1_beeindigen_en_nieuwe_toewijzing_in_one_step(opzet):
    toewijzing = _toewijzing(opzet)
    nieuw = services.toewijzing_vervangen(
        user=opzet.gemeente_user,
        toewijzing=toewijzing,
        ingangsdatum=OKT,
        volume=5,
        frequentie="2",
        einddatum=date(2026, 12, 31),
        reden_wijziging="05",
    )
    toewijzing.refresh_from_db()
    assert toewijzing.einddatum == date(2026, 9, 30)
    assert toewijzing.reden_wijziging == "05" and toewijzing.beeindigd_op
    assert (nieuw.ingangsdatum, nieuw.volume, nieuw.frequentie) == (OKT, 5, "2")
    assert nieuw.product == toewijzing.product and nieuw.eenheid == "82"
    # One 301 (OP087) carries both.
    assert nieuw.bericht == toewijzing.bericht
    producten = codec.decode(nieuw.bericht.xml).client.toegewezen_producten
    assert {p.toewijzing_nummer for p in producten} == {
        toewijzing.toewijzing_nummer,
        nieuw.toewijzing_nummer,
    }


def test_op033x1_vervangen_is_atomic(opzet):
    toewijzing = _toewijzing(opzet)
    aantal = Toewijzing.objects.count()
    # The new one is refused after the current one was ended (CD076: per week
    # needs an einddatum) ...
    with pytest.raises(ApplicationError, match="CD076"):
        services.toewijzing_vervangen(
            user=opzet.gemeente_user,
            toewijzing=toewijzing,
            ingangsdatum=OKT,
            volume=5,
            frequentie="2",
            einddatum=None,
            reden_wijziging="05",
        )
    # ... so the current one was not ended either.
    toewijzing.refresh_from_db()
    assert (
        toewijzing.einddatum == date(2026, 12, 31) and toewijzing.beeindigd_op is None
    )
    assert Toewijzing.objects.count() == aantal


def test_op033x1_vervangen_refusals(opzet):
    toewijzing = _toewijzing(opzet)
    with pytest.raises(ApplicationError, match="na de ingangsdatum"):
        services.toewijzing_vervangen(
            user=opzet.gemeente_user,
            toewijzing=toewijzing,
            ingangsdatum=AUG,
            volume=5,
            reden_wijziging="05",
        )
    # TR385: approved, uncredited lines after the new einddatum of the current one.
    PrestatieFactory(
        t=toewijzing, begindatum=date(2026, 9, 1), einddatum=date(2026, 9, 30)
    )
    with pytest.raises(ApplicationError, match="TR385"):
        services.toewijzing_vervangen(
            user=opzet.gemeente_user,
            toewijzing=toewijzing,
            ingangsdatum=date(2026, 9, 15),
            volume=5,
            reden_wijziging="05",
        )
    with pytest.raises(ApplicationError, match="geen_toegang|gemeente"):
        services.toewijzing_vervangen(
            user=opzet.aanbieder_user,
            toewijzing=toewijzing,
            ingangsdatum=OKT,
            volume=5,
            reden_wijziging="05",
        )


def test_op033x1_screens_offer_beeindigen_en_nieuwe_toewijzing(opzet):
    toewijzing = _toewijzing(opzet)
    browser = Browser()
    browser.force_login(opzet.gemeente_user)
    detail = browser.get(f"/toewijzingen/{toewijzing.pk}/").content.decode()
    assert "Beëindigen en nieuwe toewijzing" in detail
    wijzigen = browser.get(f"/toewijzingen/{toewijzing.pk}/wijzigen/")
    assert 'id="op033x1"' in wijzigen.content.decode()
    # Changing the volume in place is refused with the reason.
    data = {
        "reden_wijziging": "14",
        "ingangsdatum": "2026-08-01",
        "einddatum": "2026-12-31",
        "volume": 5,
        "eenheid": "82",
        "frequentie": "2",
    }
    geweigerd = browser.post(f"/toewijzingen/{toewijzing.pk}/wijzigen/", data)
    assert "OP033x1" in geweigerd.content.decode()
    # The one-step screen does both.
    response = browser.post(
        f"/toewijzingen/{toewijzing.pk}/vervangen/",
        {
            "ingangsdatum": "2026-10-01",
            "volume": 5,
            "frequentie": "2",
            "einddatum": "2026-12-31",
            "reden_wijziging": "05",
        },
    )
    nieuw = Toewijzing.objects.get(ingangsdatum=OKT)
    assert response.status_code == 302 and response.url == f"/toewijzingen/{nieuw.pk}/"
    toewijzing.refresh_from_db()
    assert toewijzing.einddatum == date(2026, 9, 30)


def _verzoek_om_wijziging(opzet, toewijzing, **omvang):
    return services.verzoek_om_wijziging_indienen(
        user=opzet.aanbieder_user,
        client=opzet.client,
        referentie_aanbieder=f"VOW-{toewijzing.pk}",
        reden_verzoek="1",
        producten=[
            services.GewenstProduct(
                toewijzing=toewijzing,
                ingangsdatum=toewijzing.ingangsdatum,
                einddatum=toewijzing.einddatum,
                eenheid="82",
                **omvang,
            )
        ],
    )


def test_op033x1_honouring_a_317_from_the_same_date(opzet):
    sep = date(2026, 9, 1)
    # Per maand: not in place; the current one is deleted (13) and replaced.
    per_maand = services.toewijzing_aanmaken(
        user=opzet.gemeente_user,
        client=opzet.client,
        gegevens=services.ToewijzingGegevens(
            aanbieder=opzet.aanbieder,
            product=opzet.product,
            ingangsdatum=sep,
            prijsvorm="onderhoud",
        ),
    )
    verzoek = _verzoek_om_wijziging(opzet, per_maand, volume=2, frequentie="4")
    oud, nieuw = services.verzoek_honoreren(user=opzet.gemeente_user, verzoek=verzoek)
    assert (oud.pk, oud.reden_wijziging, oud.einddatum) == (per_maand.pk, "13", sep)
    assert (nieuw.ingangsdatum, nieuw.volume, nieuw.frequentie) == (sep, 2, "4")
    # Totaal binnen geldigheidsduur: the volume changes in place.
    totaal = services.toewijzing_aanmaken(
        user=opzet.gemeente_user,
        client=opzet.client,
        gegevens=services.ToewijzingGegevens(
            aanbieder=opzet.aanbieder,
            product=opzet.product,
            ingangsdatum=date(2026, 10, 1),
            prijsvorm="vaste_prijs",
        ),
    )
    verzoek = _verzoek_om_wijziging(opzet, totaal, volume=2, frequentie="6")
    [zelfde] = services.verzoek_honoreren(user=opzet.gemeente_user, verzoek=verzoek)
    assert (zelfde.pk, zelfde.volume, zelfde.reden_wijziging) == (totaal.pk, 2, "12")
