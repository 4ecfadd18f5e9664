"""The dashboards' figures against totals computed by hand (tests/rapportages/conftest.py)."""

from datetime import date

import pytest

from rapportages import selectors
from rapportages.selectors import Keuze, percentiel, prognose
from rapportages.services import budget_vastleggen
from tests.core.factories import aanbieder_user, gemeente_user

JAAR = Keuze(jaar=2026)


def _maanden(per_maand, veld):
    return {m.month: getattr(b, veld) for m, b in per_maand.items() if getattr(b, veld)}


@pytest.fixture
def gebruiker(wereld):
    return gemeente_user(wereld.gemeente)


def test_toegewezen_is_volume_times_tarief_over_the_validity_per_month(
    wereld, gebruiker
):
    fin = selectors.financieel(user=gebruiker, keuze=JAAR)
    # t1 425,00 in jan–mrt; t2 2/week × 10,00 × 14/7 days = 40,00 in feb;
    # t4 5 × 20,00 once in may; t3 3/dag × 5,00 × 2 days in dec. t5 removed: none.
    assert _maanden(fin.per_maand, "toegewezen") == {
        1: 42500,
        2: 46500,
        3: 42500,
        5: 10000,
        12: 3000,
    }
    assert fin.jaar.toegewezen == 144500
    per_aanbieder = {(p.naam, c): b.toegewezen for p, c, b in fin.per_partij}
    assert per_aanbieder == {
        ("Zorg A", "01"): 4000,
        ("Zorg A", "02"): 127500,
        ("Zorg B", "02"): 13000,
    }


def test_ingediend_toegekend_afgekeurd_per_month_with_credit_negative(
    wereld, gebruiker
):
    fin = selectors.financieel(user=gebruiker, keuze=JAAR)
    assert _maanden(fin.per_maand, "ingediend") == {
        1: 32500,  # 425,00 − credit 100,00
        2: 46500,
        3: 42500,
        5: 10000,
    }  # the concept of april is not sent
    assert _maanden(fin.per_maand, "toegekend") == {1: 32500, 2: 4000, 5: 10000}
    assert _maanden(fin.per_maand, "afgekeurd") == {2: 42500, 3: 42500}
    assert (fin.jaar.ingediend, fin.jaar.toegekend, fin.jaar.afgekeurd) == (
        131500,
        46500,
        85000,
    )


def test_filters_on_aanbieder_and_categorie(wereld, gebruiker):
    fin = selectors.financieel(
        user=gebruiker, keuze=Keuze(jaar=2026, aanbieder=wereld.a1, categorie="01")
    )
    assert (fin.jaar.toegewezen, fin.jaar.ingediend, fin.jaar.toegekend) == (
        4000,
        4000,
        4000,
    )
    assert (
        selectors.financieel(user=gebruiker, keuze=Keuze(jaar=2025)).jaar
        == selectors.Bedragen()
    )


def test_uitputting_with_straight_line_forecast(wereld, gebruiker):
    budget_vastleggen(user=gebruiker, contract=wereld.c1, jaar=2026, bedrag=100000)
    [u] = selectors.uitputting(user=gebruiker, keuze=JAAR, vandaag=date(2026, 4, 1))
    # Approved lines of C-A: 425,00 − 100,00 + 40,00 = 365,00.
    assert (u.contract, u.budget, u.toegekend) == (wereld.c1, 100000, 36500)
    assert u.percentage == pytest.approx(36.5)
    # 91 days of 365 passed on 1 April: 36500 × 365 / 91 = 146401.1.
    assert u.prognose == 146401
    assert u.prognose_percentage == pytest.approx(146.401)


def test_prognose_of_a_past_or_future_year_is_the_amount_itself():
    assert prognose(1000, 2025, date(2026, 4, 1)) == 1000
    assert prognose(0, 2027, date(2026, 4, 1)) == 0
    assert prognose(1000, 2026, date(2026, 12, 31)) == 1000
    assert prognose(1000, 2026, date(2026, 1, 1)) == 365000


def test_clienten_in_zorg_counts_each_client_once_per_month_and_categorie(
    wereld, gebruiker
):
    telling = selectors.clienten_in_zorg(user=gebruiker, keuze=JAAR)
    assert {m.month: n for m, n in telling["01"].items() if n} == {2: 1}
    assert [telling["02"][date(2026, m, 1)] for m in range(1, 13)] == [
        1,
        1,
        1,
        0,
        1,
        1,
        1,
        1,
        1,
        1,
        1,
        2,
    ]


def test_percentiel_is_the_nearest_rank():
    telling = {1: 3, 2: 5, 10: 2}  # ten cases
    assert percentiel(telling, 50) == 2  # rank 5
    assert percentiel(telling, 90) == 10  # rank 9
    assert percentiel({7: 1}, 90) == 7
    assert percentiel({}, 50) is None


def test_doorlooptijden_in_werkdagen_median_and_p90(wereld, gebruiker):
    verzoek, start, declaratie = selectors.doorlooptijden(user=gebruiker, keuze=JAAR)
    assert verzoek.telling == {1: 1, 5: 1, 10: 1}
    assert (verzoek.aantal, verzoek.mediaan, verzoek.p90) == (3, 5, 10)
    assert (start.aantal, start.mediaan, start.p90) == (1, 2, 2)
    # 4 werkdagen and 8 (Bevrijdingsdag, 5 May, and Ascension Day, 14 May 2026,
    # are no werkdagen: core/werkdagen.py).
    assert declaratie.telling == {4: 1, 8: 1}
    assert (declaratie.mediaan, declaratie.p90) == (4, 8)


def test_uitval_per_aanbieder_and_retourcode(wereld, gebruiker):
    rijen = selectors.uitval(user=gebruiker, keuze=JAAR)
    assert [
        (r.partij.naam, r.retourcode, r.aantal, r.ingediend, r.percentage)
        for r in rijen
    ] == [
        ("Zorg A", "", 2, 5, 40.0),
        ("Zorg A", "8142", 2, 5, 40.0),
        ("Zorg A", "9355", 1, 5, 20.0),
    ]


def test_aanbieder_sees_its_own_lines_per_gemeente_and_its_concept_not_as_sent(
    wereld,
):
    user = aanbieder_user(wereld.a1)
    fin = selectors.financieel(user=user, keuze=JAAR, met_toegewezen=False)
    assert [(p.naam, c) for p, c, _ in fin.per_partij] == [
        (wereld.gemeente.naam, "01"),
        (wereld.gemeente.naam, "02"),
    ]
    assert (fin.jaar.ingediend, fin.jaar.toegekend, fin.jaar.afgekeurd) == (
        121500,
        36500,
        85000,
    )
    [totaal, *_] = selectors.uitval(user=user, keuze=JAAR)
    assert (totaal.partij, totaal.aantal, totaal.ingediend) == (wereld.gemeente, 2, 5)


def test_another_gemeente_and_aanbieder_see_none_of_it(wereld):
    for user in (gemeente_user(wereld.andere_gemeente), aanbieder_user(wereld.a3)):
        fin = selectors.financieel(user=user, keuze=JAAR)
        assert {p.naam for p, _, _ in fin.per_partij} <= {"Zorg Elders", "Elders"}
        assert fin.jaar.ingediend == 7777
        assert all(
            r.partij.naam in {"Zorg Elders", "Elders"}
            for r in selectors.uitval(user=user, keuze=JAAR)
        )
        assert (
            selectors.uitputting(user=user, keuze=JAAR, vandaag=date(2026, 4, 1)) == []
        )


def test_eindigend_lists_toewijzingen_ending_within_8_weeks(wereld):
    user = aanbieder_user(wereld.a1)
    # t1 ends 31 March: within 8 weeks of 1 March (t2 ended 14 February); nothing
    # is left on 1 April.
    eerste, aantal = selectors.eindigend(
        user=user, keuze=JAAR, vandaag=date(2026, 3, 1)
    )
    assert (eerste, aantal) == ([wereld.t1], 1)
    assert selectors.eindigend(user=user, keuze=JAAR, vandaag=date(2026, 4, 1))[1] == 0
    andere = aanbieder_user(wereld.a3)
    assert (
        selectors.eindigend(user=andere, keuze=JAAR, vandaag=date(2026, 3, 1))[1] == 0
    )
