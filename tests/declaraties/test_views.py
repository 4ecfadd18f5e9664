"""The declaraties screens: make, pre-check, send, check, correct, credit, work list."""

import io
from datetime import date

from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest
from openpyxl import load_workbook

from declaraties.constants import DeclaratieStatus, PrestatieStatus
from declaraties.models import Declaratie, Prestatie
from tests.core.factories import aanbieder_user, beheerder_user, gemeente_user
from tests.declaraties.factories import PrestatieFactory
from tests.declaraties.scherm_helpers import (
    AUGUSTUS,
    actie_posten,
    declaratie_maken,
    declaratie_versturen,
    regel_url,
    volume_zetten,
)
from tests.stamgegevens.factories import GemeenteFactory
from tests.toewijzingen.factories import ToewijzingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw():
    return ToewijzingFactory(declarabel=True)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def aanbieder(tw):
    return _client(aanbieder_user(tw.aanbieder))


@pytest.fixture
def gemeente(tw):
    return _client(gemeente_user(tw.gemeente))


# --- make, pre-check, send ---------------------------------------------------------


def test_aanbieder_makes_checks_and_sends_a_month(tw, aanbieder):
    form = aanbieder.get("/declaraties/nieuw/")
    assert form.status_code == 200
    assert "augustus 2026" in form.content.decode()
    assert "/berichten/insturen/" in form.content.decode()  # upload made elsewhere

    declaratie = declaratie_maken(aanbieder)
    detail = aanbieder.get(f"/declaraties/{declaratie.pk}/").content.decode()
    assert tw.client.naam in detail and "€ 425,00" in detail
    assert tw.client.bsn not in detail  # masked

    proef = aanbieder.get(f"/declaraties/{declaratie.pk}/proef/").content.decode()
    assert "de gemeente zou alle regels goedkeuren" in proef

    response = actie_posten(aanbieder, f"/declaraties/{declaratie.pk}/", "indienen")
    assert "De declaratie is verstuurd" in response.content.decode()
    declaratie.refresh_from_db()
    assert declaratie.status == DeclaratieStatus.BEANTWOORD
    assert declaratie.declaratie_nummer in response.content.decode()


def test_maken_without_lines_says_why():
    user = aanbieder_user()
    response = _client(user).post("/declaraties/nieuw/", {"maand": "2026-08-01"})
    assert response.status_code == 200
    assert "geen regels voor te stellen" in response.content.decode()
    assert not Declaratie.objects.exists()


def test_maken_refuses_a_month_outside_the_list(aanbieder):
    response = aanbieder.post("/declaraties/nieuw/", {"maand": "2099-01-01"})
    assert response.status_code == 200 and not Declaratie.objects.exists()


def test_maken_is_for_the_aanbieder_only(gemeente):
    assert gemeente.get("/declaraties/nieuw/").status_code == 403


def test_proef_shows_the_gemeentes_code_text_and_hint_per_line(tw, aanbieder):
    declaratie = declaratie_maken(aanbieder)
    regel = declaratie.prestaties.get()
    response = volume_zetten(aanbieder, regel, "wijzigen", 11)
    assert "De regel is gewijzigd" in response.content.decode()
    proef = aanbieder.get(f"/declaraties/{declaratie.pk}/proef/").content.decode()
    assert "9321" in proef and "Verlaag het volume" in proef
    assert "1 van de 1 regel(s)" in proef
    declaratie.refresh_from_db()
    assert declaratie.is_concept  # nothing sent


def test_proef_of_a_sent_declaratie_shows_the_reason(aanbieder):
    declaratie = declaratie_versturen(aanbieder)
    response = aanbieder.get(f"/declaraties/{declaratie.pk}/proef/")
    assert response.status_code == 200
    assert "Alleen een conceptdeclaratie" in response.content.decode()


def test_regel_wijzigen_checks_the_input(aanbieder):
    regel = declaratie_maken(aanbieder).prestaties.get()
    response = aanbieder.post(
        regel_url(regel),
        {
            "actie": "wijzigen",
            "geleverd_volume": -1,
            "begindatum": "2026-08-31",
            "einddatum": "2026-08-01",
        },
    )
    assert response.status_code == 200
    assert "De einddatum ligt voor de begindatum" in response.content.decode()
    regel.refresh_from_db()
    assert regel.geleverd_volume == 10


def test_regel_verwijderen(aanbieder):
    declaratie = declaratie_maken(aanbieder)
    actie_posten(aanbieder, regel_url(declaratie.prestaties.get()), "verwijderen")
    assert not declaratie.prestaties.exists()


# --- the gemeente's side -------------------------------------------------------------


def test_gemeente_sees_totals_per_period_and_aanbieder(tw, aanbieder, gemeente):
    ToewijzingFactory(
        declarabel=True, aanbieder=tw.aanbieder, client__gemeente=tw.gemeente
    )
    declaratie = declaratie_maken(aanbieder)
    assert gemeente.get("/declaraties/").context["object_list"].count() == 0  # concept
    assert gemeente.get(f"/declaraties/{declaratie.pk}/").status_code == 404
    eerste = declaratie.prestaties.order_by("id").first()
    volume_zetten(aanbieder, eerste, "wijzigen", 11)
    actie_posten(aanbieder, f"/declaraties/{declaratie.pk}/", "indienen", bevestigd="1")

    response = gemeente.get("/declaraties/")
    [totaal] = response.context["totalen"]
    assert (totaal.periode, totaal.aanbieder) == (AUGUSTUS, tw.aanbieder.naam)
    assert (totaal.ingediend, totaal.toegekend, totaal.afgewezen) == (
        11 * 4250 + 42500,
        42500,
        11 * 4250,
    )
    [rij] = response.context["object_list"]
    assert rij.totaal_afgewezen == 11 * 4250 and rij.aantal_afgekeurd == 1
    assert "€ 467,50" in response.content.decode()

    detail = gemeente.get(f"/declaraties/{declaratie.pk}/").content.decode()
    assert "9321" in detail and tw.client.naam in detail
    assert "Versturen" not in detail
    regel = gemeente.get(regel_url(eerste)).content.decode()
    assert "Afgekeurd" in regel and "Corrigeren" not in regel


def test_filters_on_period_and_status(aanbieder):
    declaratie_versturen(aanbieder)
    assert aanbieder.get("/declaraties/?van=2026-09-01").context["totalen"] == []
    assert len(aanbieder.get("/declaraties/?status=beantwoord").context["totalen"]) == 1


def test_lines_without_start_are_flagged_for_the_contractmanager(tw, gemeente):
    zonder = PrestatieFactory(
        t=ToewijzingFactory(
            declarabel=True, client__gemeente=tw.gemeente, gestart=False
        ),
        start_ontbreekt=True,
    )
    PrestatieFactory(t=tw)
    response = gemeente.get("/declaraties/start-ontbreekt/")
    assert list(response.context["object_list"]) == [zonder]
    detail = gemeente.get(f"/declaraties/{zonder.declaratie.pk}/").content.decode()
    assert "start ontbreekt" in detail
    lijst = gemeente.get("/declaraties/").content.decode()
    assert "1 zonder start" in lijst
    other = _client(aanbieder_user(zonder.aanbieder))
    assert other.get("/declaraties/start-ontbreekt/").status_code == 403


def test_uitval_per_retourcode_over_time(aanbieder, gemeente):
    declaratie_versturen(aanbieder, volume=11)
    response = gemeente.get("/declaraties/uitval/")
    tabel = response.context["tabel"]
    assert tabel.maanden == [AUGUSTUS]
    [rij] = tabel.rijen
    assert (rij.retourcode.code, rij.aantal, rij.bedrag) == ("9321", 1, 11 * 4250)
    assert "08-2026" in response.content.decode()


# --- the work list of rejected lines ------------------------------------------------


def test_afgekeurde_regels_work_list(tw, aanbieder):
    declaratie_versturen(aanbieder, volume=11)
    response = aanbieder.get("/declaraties/afgekeurd/")
    inhoud = response.content.decode()
    assert "*****" + tw.client.bsn[-4:] in inhoud and tw.client.bsn not in inhoud
    assert "9321" in inhoud and "Verlaag het volume" in inhoud
    assert "€ 467,50" in inhoud and tw.product.code in inhoud
    assert len(response.context["rijen"]) == 1

    def aantal(query: str) -> int:
        return len(aanbieder.get(f"/declaraties/afgekeurd/?{query}").context["rijen"])

    gezocht = aanbieder.post("/declaraties/afgekeurd/", {"bsn": tw.client.bsn})
    assert tw.client.bsn not in gezocht.url
    assert aantal("retourcode=9321") == aantal(gezocht.url.split("?")[1]) == 1
    niets = aanbieder.post("/declaraties/afgekeurd/", {"bsn": "1"})
    assert aantal(niets.url.split("?")[1]) == 0
    assert aantal("retourcode=0611") == aantal("van=2026-09-01") == 0
    assert aantal(f"product={tw.product.code}") == 1


def _export(client, url: str) -> HttpResponse:
    """The export runs as a background job (eager here); its page offers the file."""
    taak = client.post(url, follow=True).context["taak"]
    bestand = client.get(f"/taken/{taak.pk}/download/")
    response = HttpResponse(
        b"".join(bestand.streaming_content), content_type=bestand["Content-Type"]
    )
    response["Content-Disposition"] = bestand["Content-Disposition"]
    return response


def test_afgekeurde_regels_export_csv_and_excel(tw, aanbieder, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    declaratie_versturen(aanbieder, volume=11)
    csv = _export(aanbieder, "/declaraties/afgekeurd/export.csv?retourcode=9321")
    assert csv["Content-Type"].startswith("text/csv")
    assert "attachment" in csv["Content-Disposition"]
    tekst = csv.content.decode("utf-8-sig")
    assert "*****" + tw.client.bsn[-4:] in tekst and tw.client.bsn not in tekst
    assert "9321" in tekst and "Verlaag het volume" in tekst
    # Dutch Excel: `;` between fields, a decimal comma, dd-mm-jjjj, a volume column.
    kop, rij = (r.split(";") for r in tekst.strip().splitlines())
    assert kop[8:11] == ["Volume", "Eenheid", "Bedrag (EUR)"]
    assert rij[8:11] == ["11", "82", "467,50"] and rij[6] == "01-08-2026"

    internationaal = _export(
        aanbieder, "/declaraties/afgekeurd/export.csv?notatie=internationaal"
    ).content.decode("utf-8-sig")
    assert "467.50" in internationaal and ",2026-08-01," in internationaal

    xlsx = _export(aanbieder, "/declaraties/afgekeurd/export.xlsx")
    assert xlsx.content[:2] == b"PK"
    blad = load_workbook(io.BytesIO(xlsx.content)).active
    rijen = list(blad.values)
    assert rijen[0][3] == "BSN" and rijen[1][3] == "*****" + tw.client.bsn[-4:]
    assert len(rijen) == 2
    assert rijen[1][8] == 11 and rijen[1][10] == 467.5
    assert "€" in blad["K2"].number_format and blad["G2"].number_format == "dd-mm-yyyy"
    assert blad["G2"].is_date

    leeg = _export(aanbieder, "/declaraties/afgekeurd/export.csv?retourcode=0611")
    assert len(leeg.content.decode("utf-8-sig").strip().splitlines()) == 1


def test_gemeente_reads_the_rejected_lines_of_its_own_declaraties(
    tw, aanbieder, gemeente
):
    """The drill-down of the rapportages: read only, scoped to the gemeente."""
    declaratie_versturen(aanbieder, volume=11)
    url = f"/declaraties/afgekeurd/?aanbieder={tw.aanbieder.pk}&retourcode=9321"
    response = gemeente.get(url)
    assert response.status_code == 200
    assert "Afgekeurde regels die de aanbieder nog niet heeft gecorrigeerd" in (
        response.content.decode()
    )
    assert len(response.context["rijen"]) == 1
    assert len(gemeente.get(url.replace("9321", "0611")).context["rijen"]) == 0
    elders = _client(gemeente_user(GemeenteFactory()))
    assert elders.get(url).context["rijen"] == []


# --- correct and credit --------------------------------------------------------------


def test_rejected_line_is_corrected_and_resent_with_the_chain_visible(aanbieder):
    declaratie = declaratie_versturen(aanbieder, volume=11)
    afgekeurd = declaratie.prestaties.get()
    response = volume_zetten(aanbieder, afgekeurd, "corrigeren", 10)
    assert "conceptdeclaratie" in response.content.decode()
    nieuw = Prestatie.objects.get(vorig_referentie=afgekeurd)
    assert nieuw.declaratie != declaratie and nieuw.declaratie.is_concept
    assert aanbieder.get("/declaraties/afgekeurd/").context["rijen"] == []

    actie_posten(aanbieder, f"/declaraties/{nieuw.declaratie.pk}/", "indienen")
    nieuw.refresh_from_db()
    assert nieuw.status == PrestatieStatus.GOEDGEKEURD
    pagina = aanbieder.get(regel_url(nieuw)).content.decode()
    assert afgekeurd.product_referentie in pagina and nieuw.product_referentie in pagina
    assert "origineel" in pagina and "nieuwe regel" in pagina


def test_approved_line_is_credited_and_corrected(aanbieder):
    declaratie = declaratie_versturen(aanbieder)
    origineel = declaratie.prestaties.get()
    response = actie_posten(aanbieder, regel_url(origineel), "crediteren")
    assert "De creditregel staat in een conceptdeclaratie" in response.content.decode()
    credit = Prestatie.objects.get(vorig_referentie=origineel)
    assert credit.is_credit and credit.bedrag == -42500

    again = actie_posten(aanbieder, regel_url(origineel), "crediteren")
    assert "al gecrediteerd" in again.content.decode()

    volume_zetten(aanbieder, origineel, "corrigeren", 8)
    nieuw = Prestatie.objects.filter(vorig_referentie=origineel, debet_credit="D").get()
    assert nieuw.declaratie == credit.declaratie
    actie_posten(aanbieder, f"/declaraties/{nieuw.declaratie.pk}/", "indienen")
    detail = aanbieder.get(f"/declaraties/{nieuw.declaratie.pk}/").content.decode()
    for regel in (origineel, credit, nieuw):
        assert regel.product_referentie in detail  # the chain on each line
    assert "credit" in detail


def test_gemeente_cannot_credit_and_sees_why(aanbieder, gemeente):
    origineel = declaratie_versturen(aanbieder).prestaties.get()
    response = actie_posten(gemeente, regel_url(origineel), "crediteren")
    assert "Alleen een medewerker van de aanbieder" in response.content.decode()
    assert not Prestatie.objects.filter(vorig_referentie=origineel).exists()


def test_other_aanbieder_gets_404(aanbieder):
    declaratie = declaratie_versturen(aanbieder)
    ander = _client(aanbieder_user())
    for url in (
        f"/declaraties/{declaratie.pk}/",
        f"/declaraties/{declaratie.pk}/proef/",
        f"/declaraties/{declaratie.pk}/factuur/",
        f"/declaraties/{declaratie.pk}/factuur.pdf",
        regel_url(declaratie.prestaties.get()),
    ):
        assert ander.get(url).status_code == 404, url
    regel = regel_url(declaratie.prestaties.get())
    assert ander.post(regel, {"actie": "crediteren"}).status_code == 404


def test_navigation(aanbieder, gemeente):
    assert "Afgekeurde regels" in aanbieder.get("/declaraties/").content.decode()
    pagina = gemeente.get("/declaraties/").content.decode()
    assert "Declaraties" in pagina and "Afgekeurde regels" not in pagina


# --- no query per row ----------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def _regels(aantal: int, aanbieder_client, **kwargs) -> Declaratie:
    aanbieder = aanbieder_client.user.aanbieder
    declaratie = None
    for _ in range(aantal):
        p = PrestatieFactory(
            t=ToewijzingFactory(declarabel=True, aanbieder=aanbieder),
            **({"declaratie": declaratie} if declaratie else {}),
            **kwargs,
        )
        declaratie = p.declaratie
    return declaratie


@pytest.mark.parametrize(
    "pagina",
    ["declaratie", "afgekeurd", "lijst"],
)
def test_queries_do_not_grow_with_rows(pagina):
    aantallen = []
    for aantal in (2, 8):
        client = _client(aanbieder_user())
        declaratie = _regels(
            aantal,
            client,
            status=PrestatieStatus.AFGEKEURD,
            retourcodes=["9321"],
        )
        if pagina == "lijst":
            for _ in range(aantal):
                _regels(1, client)
        url = {
            "declaratie": f"/declaraties/{declaratie.pk}/",
            "afgekeurd": "/declaraties/afgekeurd/",
            "lijst": "/declaraties/",
        }[pagina]
        aantallen.append(_queries(client, url))
    assert aantallen[0] == aantallen[1]


def test_pages_keep_to_the_content_security_policy(aanbieder, gemeente):
    declaratie = declaratie_versturen(aanbieder, volume=11)
    regel = regel_url(declaratie.prestaties.get())
    beheerder = _client(beheerder_user())
    for client, url in (
        (aanbieder, "/declaraties/"),
        (aanbieder, "/declaraties/nieuw/"),
        (aanbieder, f"/declaraties/{declaratie.pk}/"),
        (aanbieder, f"/declaraties/{declaratie.pk}/proef/"),
        (aanbieder, regel),
        (aanbieder, "/declaraties/afgekeurd/"),
        (gemeente, "/declaraties/uitval/"),
        (gemeente, "/declaraties/start-ontbreekt/"),
        (beheerder, "/declaraties/"),
        (beheerder, regel),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        pagina = response.content.decode()
        assert 'style="' not in pagina and "<script" not in pagina, url
        assert "css/declaraties.css" in pagina, url


# --- a concept is not ingediend; sending predicted rejections asks first ---------------


def test_concept_is_not_counted_as_ingediend_in_totals(tw, aanbieder):
    declaratie_versturen(aanbieder)  # August, sent: € 425,00
    ToewijzingFactory(
        declarabel=True, aanbieder=tw.aanbieder, client__gemeente=tw.gemeente
    )
    declaratie_maken(aanbieder, maand=date(2026, 9, 1))  # September, concept: € 850,00
    response = aanbieder.get("/declaraties/")
    totalen = {t.periode: t for t in response.context["totalen"]}
    assert totalen[AUGUSTUS].ingediend == 42500
    september = totalen[date(2026, 9, 1)]
    assert (september.ingediend, september.concept) == (0, 2 * 42500)
    tekst = response.content.decode()
    assert "In concept (niet ingediend)" in tekst
    assert "nog niet ingediend (€ 850,00)" in tekst


def test_sending_predicted_rejections_asks_for_confirmation(tw, aanbieder):
    declaratie = declaratie_maken(aanbieder)
    volume_zetten(aanbieder, declaratie.prestaties.get(), "wijzigen", 11)
    response = actie_posten(aanbieder, f"/declaraties/{declaratie.pk}/", "indienen")
    tekst = response.content.decode()
    assert "Weet u zeker dat u deze declaratie wilt versturen?" in tekst
    assert "1 regel afkeurt" in tekst and 'name="bevestigd"' in tekst
    declaratie.refresh_from_db()
    assert declaratie.is_concept  # nothing sent yet
    actie_posten(aanbieder, f"/declaraties/{declaratie.pk}/", "indienen", bevestigd="1")
    declaratie.refresh_from_db()
    assert declaratie.status == DeclaratieStatus.BEANTWOORD


def test_sending_a_clean_declaratie_asks_nothing(tw, aanbieder):
    declaratie = declaratie_maken(aanbieder)
    response = actie_posten(aanbieder, f"/declaraties/{declaratie.pk}/", "indienen")
    assert "Weet u zeker" not in response.content.decode()
    declaratie.refresh_from_db()
    assert not declaratie.is_concept
