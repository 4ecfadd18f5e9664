"""The dashboards through the test client: roles, filters in the URL, isolation,
budgets, the export and a fixed number of queries."""

import io
import re
from datetime import date

from django.core.exceptions import PermissionDenied
from django.urls import reverse

import pytest
from freezegun import freeze_time
from openpyxl import load_workbook

from rapportages.models import Budget
from rapportages.services import budget_vastleggen
from tests.core.factories import aanbieder_user, beheerder_user, gemeente_user
from tests.toewijzingen.factories import ToewijzingFactory

URL = "/rapportages/"


@pytest.fixture(autouse=True)
def vandaag():
    with freeze_time("2026-04-01 10:00:00"):
        yield


def _login(client, user):
    client.force_login(user)
    return client


def test_anonymous_goes_to_login_and_beheerder_has_no_dashboard(client, wereld):
    for url in (URL, reverse("rapportages:budgetten")):
        antwoord = client.get(url)
        assert antwoord.status_code == 302
        assert antwoord.url.startswith(reverse("login"))
    assert client.post(reverse("rapportages:export")).status_code == 302
    _login(client, beheerder_user())
    assert client.get(URL).status_code == 403


def test_gemeente_dashboard_shows_tables_charts_and_drill_down(client, wereld):
    _login(client, gemeente_user(wereld.gemeente))
    antwoord = client.get(URL, {"jaar": "2026"})
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Rapportages 2026" in html
    assert "€ 1.445,00" in html  # toegewezen in the year
    assert "€ 1.315,00" in html  # ingediend
    assert "Zorg Elders" not in html and "7777" not in html
    # Charts: the data in json_script, no inline script.
    assert 'id="grafiek-per-maand" type="application/json"' in html
    assert not re.search(r"<script>(?!\s*</script>)", html)
    # Drill-down from uitval to the afgekeurde regels with the filters.
    link = (
        reverse("declaraties:afgekeurde-regels")
        + f"?van=2026-01-01&amp;tot=2026-12-31&amp;aanbieder={wereld.a1.pk}"
        + "&amp;retourcode=8142"
    )
    assert link in html


def test_filter_in_the_url_narrows_the_figures(client, wereld):
    _login(client, gemeente_user(wereld.gemeente))
    html = client.get(
        URL, {"jaar": "2026", "aanbieder": wereld.a2.pk, "categorie": "02"}
    ).content.decode()
    assert "€ 130,00" in html  # toegewezen of Zorg B
    assert "€ 1.445,00" not in html


def test_another_partys_aanbieder_in_the_url_shows_nothing_of_it(client, wereld):
    _login(client, gemeente_user(wereld.gemeente))
    html = client.get(URL, {"aanbieder": wereld.a3.pk}).content.decode()
    assert "Zorg Elders" not in html


def test_aanbieder_dashboard(client, wereld):
    _login(client, aanbieder_user(wereld.a1))
    with freeze_time("2026-03-01 10:00:00"):  # t1 ends 31 March
        antwoord = client.get(URL, {"jaar": "2026"})
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Ingediend en toegekend per gemeente per maand" in html
    assert "Toewijzingen die binnen 8 weken aflopen (1)" in html
    assert reverse("toewijzingen:signaal-list") in html
    assert "Open signalen" in html
    assert "Toegewezen" not in html
    assert "Zorg Elders" not in html and "Elders" not in html
    assert (
        f"?van=2026-01-01&amp;tot=2026-12-31&amp;gemeente={wereld.gemeente.pk}" in html
    )


def test_budget_form_for_gemeente_contract_managers_only(client, wereld):
    gebruiker = gemeente_user(wereld.gemeente)
    _login(client, gebruiker)
    url = reverse("rapportages:budgetten")
    assert client.get(url).status_code == 200
    antwoord = client.post(
        url, {"contract": wereld.c1.pk, "jaar": 2026, "bedrag": "1000.00"}
    )
    assert antwoord.status_code == 302, antwoord.content.decode()
    assert Budget.objects.get().bedrag == 100000
    # Another gemeente's contract is no choice.
    elders = Budget.objects.count()
    client.post(
        url, {"contract": wereld.a3.contracten.get().pk, "jaar": 2026, "bedrag": "5"}
    )
    assert Budget.objects.count() == elders

    html = client.get(URL).content.decode()
    assert "C-A" in html and "36,5%" in html  # uitputting
    assert "€ 1.464,01" in html  # the forecast on 1 April

    _login(client, aanbieder_user(wereld.a1))
    assert client.get(url).status_code == 403
    assert (
        client.post(
            url, {"contract": wereld.c1.pk, "jaar": 2026, "bedrag": "1"}
        ).status_code
        == 403
    )
    assert Budget.objects.get().bedrag == 100000


def test_budget_service_refuses_an_aanbieder_and_another_gemeente(wereld):
    with pytest.raises(PermissionDenied):
        budget_vastleggen(
            user=aanbieder_user(wereld.a1), contract=wereld.c1, jaar=2026, bedrag=1
        )
    with pytest.raises(PermissionDenied):
        budget_vastleggen(
            user=gemeente_user(wereld.andere_gemeente),
            contract=wereld.c1,
            jaar=2026,
            bedrag=1,
        )
    assert not Budget.objects.exists()


def test_export_holds_the_same_figures_as_excel(client, wereld):
    _login(client, gemeente_user(wereld.gemeente))
    assert client.get(reverse("rapportages:export")).status_code == 405
    antwoord = client.post(reverse("rapportages:export") + "?jaar=2026")
    assert antwoord.status_code == 200
    assert (
        antwoord["Content-Disposition"] == 'attachment; filename="rapportage-2026.xlsx"'
    )
    blad = load_workbook(io.BytesIO(antwoord.content)).active
    rijen = [[c.value for c in rij] for rij in blad.iter_rows()]
    kop = ["Maand", "Toegewezen (€)", "Ingediend (€)", "Toegekend (€)", "Afgekeurd (€)"]
    begin = [rij[:5] for rij in rijen].index(kop)
    assert rijen[begin + 1][:5] == ["jan 2026", 425, 325, 325, 0]
    assert rijen[begin + 13][:5] == ["Jaar", 1445, 1315, 465, 850]
    assert not any("Elders" in str(c) for rij in rijen for c in rij)


def test_queries_do_not_grow_with_the_data(
    client, wereld, django_assert_max_num_queries
):
    _login(client, gemeente_user(wereld.gemeente))
    with django_assert_max_num_queries(30) as klein:
        client.get(URL)
    for _ in range(5):
        ToewijzingFactory(
            gemeente=wereld.gemeente,
            aanbieder=wereld.a1,
            contract=wereld.c1,
            client=wereld.t1.client,
            ingangsdatum=date(2026, 2, 1),
        )
    with django_assert_max_num_queries(len(klein.captured_queries)):
        client.get(URL)
