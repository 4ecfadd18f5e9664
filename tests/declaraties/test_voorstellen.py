"""What the portal proposes and the gemeente checks: a stop ends the proposals,
R-D7 only for hulpmiddelen, the volume per week counted once per week (IV077),
and the rules R-D1, R-D5 and R-D8 by name."""

from datetime import date

import pytest

from declaraties import services
from declaraties.checks import controleer_declaratie, max_volume_totaal
from declaraties.constants import DeclaratieStatus, PrestatieStatus
from declaraties.handlers import termijnen
from tests.core.factories import aanbieder_user
from tests.declaraties.factories import (
    PrestatieFactory,
    enkel,
    prestatie_bericht,
    wmo323,
)
from tests.toewijzingen.factories import LeveringFactory, ToewijzingFactory

pytestmark = pytest.mark.django_db

JULI, AUGUSTUS, SEPTEMBER = date(2026, 7, 1), date(2026, 8, 1), date(2026, 9, 1)


def voorstel(tw, maand):
    return [
        (v.begindatum, v.einddatum, v.geleverd_volume)
        for v in services.regelvoorstellen(aanbieder=tw.aanbieder, periode=maand)
        if v.toewijzing == tw
    ]


def codes(tw, **kwargs) -> list[str]:
    controle = controleer_declaratie(enkel(tw, **kwargs), gemeente=tw.gemeente)
    return controle.per_prestatie[(1, 1)].retourcodes


# --- a stop ends the proposals -------------------------------------------------------


def test_stop_zorg_ends_the_proposals_and_a_restart_resumes_them():
    tw = ToewijzingFactory(
        declarabel=True, volume=3, frequentie="2"
    )  # per week: the volume follows
    assert voorstel(tw, JULI) == [(JULI, date(2026, 7, 31), 15)]  # weeks 27–31
    LeveringFactory(toewijzing=tw, stop=True, einddatum=date(2026, 7, 15))
    assert voorstel(tw, JULI) == [(JULI, date(2026, 7, 15), 9)]  # weeks 27–29
    assert voorstel(tw, AUGUSTUS) == []
    LeveringFactory(toewijzing=tw, begindatum=date(2026, 9, 7))  # a new 305
    assert voorstel(tw, AUGUSTUS) == []
    assert voorstel(tw, SEPTEMBER) == [(SEPTEMBER, date(2026, 9, 30), 15)]


def test_stop_zorg_line_up_to_the_stop_is_approved_tr388():
    tw = ToewijzingFactory(declarabel=True)
    juli = dict(begin=JULI, eind=date(2026, 7, 15))
    assert codes(tw, **juli) == ["9388"]  # no stop: the month runs to its end
    LeveringFactory(toewijzing=tw, stop=True, einddatum=date(2026, 7, 15))
    assert codes(tw, **juli) == []


def test_stop_zorg_screen_says_it(client):
    tw = ToewijzingFactory(declarabel=True)
    client.force_login(aanbieder_user(tw.aanbieder))
    tekst = client.get("/declaraties/nieuw/").content.decode()
    assert "stop zorg" in tekst and "hulpmiddel" in tekst


# --- R-D7: hulpmiddelen only ------------------------------------------------------------


def test_r_d7_applies_to_hulpmiddelen_not_to_every_frequentie_6():
    hulpmiddel = ToewijzingFactory(
        declarabel=True,
        ingangsdatum=date(2026, 8, 3),
        volume=1,
        frequentie="6",
        product__categorie="12",
    )
    assert voorstel(hulpmiddel, AUGUSTUS) == []
    assert voorstel(hulpmiddel, SEPTEMBER) == [(SEPTEMBER, date(2026, 9, 30), 1)]
    # Begeleiding with a total omvang: declared in any month, up to what is left.
    begeleiding = ToewijzingFactory(
        declarabel=True, ingangsdatum=date(2026, 8, 3), volume=10, frequentie="6"
    )
    assert voorstel(begeleiding, AUGUSTUS) == [
        (date(2026, 8, 3), date(2026, 8, 31), 10)
    ]
    PrestatieFactory(t=begeleiding, begindatum=date(2026, 8, 3), geleverd_volume=4)
    assert voorstel(begeleiding, SEPTEMBER) == [(SEPTEMBER, date(2026, 9, 30), 6)]


def test_r_d7_gemeente_rejects_a_hulpmiddel_outside_its_first_full_month():
    tw = ToewijzingFactory(
        declarabel=True,
        ingangsdatum=date(2026, 8, 3),
        volume=1,
        frequentie="6",
        product__categorie="11",
    )
    september = dict(begin=SEPTEMBER, eind=date(2026, 9, 30), volume=1)
    augustus = dict(begin=date(2026, 8, 3), eind=date(2026, 8, 31), volume=1)
    message = wmo323(
        tw.aanbieder,
        tw.gemeente,
        [(tw.client.bsn, [prestatie_bericht(tw, **september)])],
        periode=(SEPTEMBER, date(2026, 9, 30)),
        dagtekening=date(2026, 10, 2),
    )
    assert (
        controleer_declaratie(message, gemeente=tw.gemeente)
        .per_prestatie[(1, 1)]
        .goedgekeurd
    )
    assert codes(tw, **augustus) == ["9387"]
    # Not a hulpmiddel: any month of the toewijzing is fine.
    begeleiding = ToewijzingFactory(
        declarabel=True, ingangsdatum=date(2026, 8, 3), volume=1, frequentie="6"
    )
    assert codes(begeleiding, **augustus) == []


# --- volume per week across month ends (TR321/TR322, IV076/IV077) ---------------------


def _iv077(**kwargs):
    kwargs.setdefault("contract__begindatum", date(2025, 1, 1))  # tarief in 2025
    return ToewijzingFactory(
        declarabel=True,
        ingangsdatum=date(2025, 10, 7),
        einddatum=date(2025, 12, 30),
        volume=3,
        frequentie="2",
        **kwargs,
    )


def test_iv077_total_counts_each_week_once_39_not_42():
    tw = _iv077()
    assert max_volume_totaal(tw) == 39  # weeks 41 … 52 and week 1: 13 × 3


def test_iv077_hulp_bij_het_huishouden_total_is_weeks_not_6_per_month():
    tw = _iv077(product__categorie="01")
    assert max_volume_totaal(tw) == 39  # not 3 × 18 = 54


def _maand(tw, begin, eind, volume, nr):
    return wmo323(
        tw.aanbieder,
        tw.gemeente,
        [
            (
                tw.client.bsn,
                [
                    prestatie_bericht(
                        tw, referentie=f"R{nr}", begin=begin, eind=eind, volume=volume
                    )
                ],
            )
        ],
        nummer=f"DN{nr}",
        periode=(begin.replace(day=1), eind),
        dagtekening=date(2026, 1, 5),
        identificatie=f"32300000000{nr}",
    )


@pytest.mark.parametrize(
    ("categorie", "maanden"),
    [
        ("02", [12, 15, 12]),  # the IV077 example: 12 + 15 + 15 would be 42
        ("01", [18, 18, 3]),  # hulp bij het huishouden: 6 × 3 a month, 39 in all
    ],
)
def test_tr322_iv077_sum_over_the_months_stops_at_39(categorie, maanden):
    tw = _iv077(product__categorie=categorie)
    perioden = [
        (date(2025, 10, 7), date(2025, 10, 31)),
        (date(2025, 11, 1), date(2025, 11, 30)),
        (date(2025, 12, 1), date(2025, 12, 30)),
    ]
    for nr, ((begin, eind), volume) in enumerate(
        zip(perioden, maanden, strict=True), start=1
    ):
        message = _maand(tw, begin, eind, volume, nr)
        assert (
            controleer_declaratie(message, gemeente=tw.gemeente)
            .per_prestatie[(1, 1)]
            .retourcodes
            == []
        )
        PrestatieFactory(t=tw, begindatum=begin, einddatum=eind, geleverd_volume=volume)
    # One hour more in December is past the 39 of the whole toewijzing.
    PrestatieFactory._meta.model.objects.filter(begindatum=perioden[2][0]).delete()
    message = _maand(tw, *perioden[2], maanden[2] + 1, 9)
    codes_ = (
        controleer_declaratie(message, gemeente=tw.gemeente)
        .per_prestatie[(1, 1)]
        .retourcodes
    )
    assert "9322" in codes_


# --- R-D1, R-D5, R-D8 by name -----------------------------------------------------------


def test_r_d1_no_line_proposed_without_a_start_zorg():
    gestart = ToewijzingFactory(declarabel=True)
    zonder_start = ToewijzingFactory(
        declarabel=True, aanbieder=gestart.aanbieder, gestart=False
    )
    assert voorstel(gestart, AUGUSTUS) != []
    assert voorstel(zonder_start, AUGUSTUS) == []


def test_r_d1_gemeente_flags_a_line_without_start_but_does_not_reject_it():
    gestart, zonder_start = (
        ToewijzingFactory(declarabel=True),
        ToewijzingFactory(declarabel=True, gestart=False),
    )
    uitslag = controleer_declaratie(
        enkel(gestart), gemeente=gestart.gemeente
    ).per_prestatie[(1, 1)]
    assert not uitslag.start_ontbreekt
    uitslag = controleer_declaratie(
        enkel(zonder_start), gemeente=zonder_start.gemeente
    ).per_prestatie[(1, 1)]
    assert uitslag.start_ontbreekt and uitslag.goedgekeurd  # OP364


def test_r_d5_rejected_line_is_sent_again_under_a_new_factuurnummer():
    tw = ToewijzingFactory(declarabel=True)
    user = aanbieder_user(tw.aanbieder)
    [declaratie] = services.declaratie_voorstellen(user=user, periode=AUGUSTUS)
    regel = declaratie.prestaties.get()
    services.declaratie_regel_wijzigen(user=user, prestatie=regel, geleverd_volume=11)
    services.declaratie_indienen(user=user, declaratie=declaratie)
    regel.refresh_from_db()
    assert regel.status == PrestatieStatus.AFGEKEURD
    with pytest.raises(Exception, match="TR323"):
        services.prestatie_crediteren(user=user, prestatie=regel)  # never approved
    nieuw = services.prestatie_corrigeren(
        user=user, prestatie=regel, geleverd_volume=10
    )
    services.declaratie_indienen(user=user, declaratie=nieuw.declaratie)
    nieuw.refresh_from_db()
    declaratie.refresh_from_db()
    assert nieuw.status == PrestatieStatus.GOEDGEKEURD
    assert nieuw.declaratie.declaratie_nummer != declaratie.declaratie_nummer


def test_r_d8_antwoord_within_10_werkdagen_contract_20():
    # Friday 2 October 2026: 10 werkdagen is Friday 16 October, 20 is 30 October.
    uiterlijk = termijnen(date(2026, 10, 2))
    assert uiterlijk["antwoord_uiterlijk"] == date(2026, 10, 16)
    assert uiterlijk["contract_uiterlijk"] == date(2026, 10, 30)
    assert uiterlijk["antwoord_uiterlijk"] != date(2026, 10, 12)  # not calendar days


def test_r_d8_overdue_declaratie_is_signalled():
    from portaal.signalen import antwoord_ontbreekt
    from tests.declaraties.factories import DeclaratieFactory

    laat = DeclaratieFactory(
        status=DeclaratieStatus.INGEDIEND, antwoord_uiterlijk=date(2026, 11, 20)
    )
    in_beoordeling = DeclaratieFactory(
        gemeente=laat.gemeente,
        status=DeclaratieStatus.TE_BEOORDELEN,
        antwoord_uiterlijk=date(2026, 11, 19),
    )
    op_tijd = DeclaratieFactory(
        gemeente=laat.gemeente,
        status=DeclaratieStatus.INGEDIEND,
        antwoord_uiterlijk=date(2026, 11, 24),
    )
    signalen = antwoord_ontbreekt(gemeente=laat.gemeente, vandaag=date(2026, 11, 23))
    verlopen = {s.object for s in signalen}
    assert {laat, in_beoordeling} <= verlopen and op_tijd not in verlopen


# --- the month you choose is the month you get -------------------------------------------


def test_chosen_month_is_the_declaratieperiode_on_the_factuur(client):
    from declaraties.models import Declaratie

    tw = ToewijzingFactory(declarabel=True)
    user = aanbieder_user(tw.aanbieder)
    client.force_login(user)
    antwoord = client.post("/declaraties/nieuw/", {"maand": "2026-09-01"})
    declaratie = Declaratie.objects.get()
    assert antwoord.url == f"/declaraties/{declaratie.pk}/"
    assert (declaratie.periode_begin, declaratie.periode_eind) == (
        SEPTEMBER,
        date(2026, 9, 30),
    )
    services.declaratie_indienen(user=user, declaratie=declaratie)  # in November
    pagina = client.get(f"/declaraties/{declaratie.pk}/factuur/").content.decode()
    assert "Factuurperiode 01-09-2026 t/m 30-09-2026" in pagina
    assert "01-11-2026" not in pagina


def test_op354_a_later_month_is_asked_not_chosen_silently(client):
    from declaraties.models import Declaratie

    tw = ToewijzingFactory(declarabel=True)
    user = aanbieder_user(tw.aanbieder)
    client.force_login(user)
    [oktober] = services.declaratie_voorstellen(user=user, periode=date(2026, 10, 1))
    services.declaratie_indienen(user=user, declaratie=oktober)
    ToewijzingFactory(
        declarabel=True, aanbieder=tw.aanbieder, client__gemeente=tw.gemeente
    )
    antwoord = client.post("/declaraties/nieuw/", {"maand": "2026-09-01"})
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200 and "al een latere maand gedeclareerd" in tekst
    assert 'type="checkbox" name="latere_periode"' in tekst
    assert Declaratie.objects.count() == 1  # nothing made
    antwoord = client.post(
        "/declaraties/nieuw/", {"maand": "2026-09-01", "latere_periode": "on"}
    )
    nieuw = Declaratie.objects.exclude(pk=oktober.pk).get()
    assert nieuw.periode_begin == date(2026, 10, 1)
    assert {p.begindatum for p in nieuw.prestaties.all()} == {SEPTEMBER}
