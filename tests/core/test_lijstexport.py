"""Every main list (toewijzingen, cliënten, berichten) exports as a background job:
started by POST with CSRF (never by GET), scoped to the user, honouring the page's
filters (also the BSN search kept in the session), the BSN masked, written by the
one writer (formulas neutralised)."""

import csv
import io

from django.test import Client as Browser

import pytest

from berichten.models import Bericht
from core.models import Taak
from tests.core.factories import gemeente_user
from tests.stamgegevens.factories import AanbiederFactory, ContractFactory
from tests.toewijzingen.factories import ClientFactory, ToewijzingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(name="wereld")
def _wereld(gemeente, aanbieder, contract):
    """Two cliënten of the gemeente with a toewijzing each; one of another gemeente."""
    jansen = ClientFactory(gemeente=gemeente, achternaam="Jansen")
    formule = ClientFactory(
        gemeente=gemeente, voorletters="", achternaam="=HYPERLINK(1)"
    )
    vreemd = ClientFactory(achternaam="Vreemdeling")
    for client in (jansen, formule):
        ToewijzingFactory(client=client, aanbieder=aanbieder, contract=contract)
    ToewijzingFactory(
        client=vreemd,
        aanbieder=AanbiederFactory(),
        contract=ContractFactory(gemeente=vreemd.gemeente),
    )
    return jansen, formule, vreemd


def csrf_browser(user) -> tuple[Browser, str]:
    browser = Browser(enforce_csrf_checks=True)
    browser.force_login(user)
    token = browser.get("/toewijzingen/").cookies["csrftoken"].value
    return browser, token


def rijen(taak: Taak) -> list[list[str]]:
    taak.refresh_from_db()
    assert taak.status == Taak.Status.KLAAR, taak.melding
    tekst = taak.bestand.read().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(tekst), delimiter=";"))


@pytest.mark.parametrize(
    "pad", ["/toewijzingen/", "/toewijzingen/clienten/", "/berichten/"]
)
def test_export_is_not_started_by_get_nor_without_csrf(gemeente, pad):
    browser = Browser(enforce_csrf_checks=True)
    browser.force_login(gemeente_user(gemeente))
    assert browser.get(f"{pad}export.csv").status_code == 405
    assert browser.post(f"{pad}export.csv").status_code == 403
    assert not Taak.objects.exists()


def test_toewijzingen_export_is_scoped_masked_and_filtered(wereld, gemeente):
    jansen, formule, vreemd = wereld
    browser, token = csrf_browser(gemeente_user(gemeente))
    pagina = browser.get("/toewijzingen/").content.decode()
    assert 'action="/toewijzingen/export.csv?' in pagina
    start = browser.post("/toewijzingen/export.csv", {"csrfmiddlewaretoken": token})
    taak = Taak.objects.get()
    assert start.url == taak.get_absolute_url()
    inhoud = rijen(taak)
    assert inhoud[0][:3] == ["Toewijzingnummer", "Cliënt", "BSN"]
    tekst = "\n".join(";".join(r) for r in inhoud)
    assert "Jansen" in tekst and "Vreemdeling" not in tekst
    assert jansen.bsn not in tekst and f"*****{jansen.bsn[-4:]}" in tekst
    assert "'=HYPERLINK(1)" in tekst  # a formula is neutralised
    assert "2 toewijzingen" in taak.melding

    # with the page's search (by POST: the name stays in the session)
    gezocht = browser.post(
        "/toewijzingen/", {"naam": "Jansen", "csrfmiddlewaretoken": token}
    ).url
    query = gezocht.split("?")[1]
    assert "Jansen" not in query
    browser.post(f"/toewijzingen/export.csv?{query}", {"csrfmiddlewaretoken": token})
    taak = Taak.objects.latest("pk")
    namen = [r[1] for r in rijen(taak)[1:]]
    assert len(namen) == 1 and "Jansen" in namen[0]


def test_clienten_export_with_the_bsn_search(wereld, gemeente):
    jansen, formule, vreemd = wereld
    browser, token = csrf_browser(gemeente_user(gemeente))
    gezocht = browser.post(
        "/toewijzingen/clienten/",
        {"zoek": jansen.bsn[-4:], "csrfmiddlewaretoken": token},
    ).url
    query = gezocht.split("?")[1]
    browser.post(
        f"/toewijzingen/clienten/export.xlsx?{query}", {"csrfmiddlewaretoken": token}
    )
    taak = Taak.objects.get()
    taak.refresh_from_db()
    assert taak.status == Taak.Status.KLAAR and taak.bestand.name.endswith(".xlsx")
    browser.post(
        f"/toewijzingen/clienten/export.csv?{query}", {"csrfmiddlewaretoken": token}
    )
    inhoud = rijen(Taak.objects.latest("pk"))
    assert [r[0] for r in inhoud[1:]] == [jansen.naam]


def test_berichten_export_is_scoped(wereld, gemeente):
    browser, token = csrf_browser(gemeente_user(gemeente))
    eigen = Bericht.objects.visible_to(gemeente_user(gemeente)).count()
    browser.post("/berichten/export.csv", {"csrfmiddlewaretoken": token})
    inhoud = rijen(Taak.objects.get())
    assert inhoud[0][0] == "Aangemaakt op"
    assert len(inhoud) - 1 == eigen
