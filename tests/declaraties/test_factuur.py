"""The factuur page and PDF carry everything of R-D4 (seed 002 §12)."""

from datetime import date

from django.test import Client

import pytest

from declaraties import services
from declaraties.models import Declaratie
from tests.core.factories import aanbieder_user, gemeente_user
from tests.toewijzingen.factories import ToewijzingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw():
    """A started toewijzing whose contract has 21 % btw."""
    return ToewijzingFactory(declarabel=True, tarief__btw=21)


@pytest.fixture
def client(tw):
    """The aanbieder of `tw`, logged in; `client.user` is the user."""
    client = Client()
    client.user = aanbieder_user(tw.aanbieder)
    client.force_login(client.user)
    return client


def _verstuur(client) -> Declaratie:
    user = client.user
    [declaratie] = services.declaratie_voorstellen(user=user, periode=date(2026, 8, 1))
    services.declaratie_indienen(user=user, declaratie=declaratie)
    declaratie.refresh_from_db()
    return declaratie


def test_factuur_page_has_everything_of_r_d4(tw, client):
    declaratie = _verstuur(client)
    a = tw.aanbieder
    pagina = client.get(f"/declaraties/{declaratie.pk}/factuur/").content.decode()
    for waarde in (
        a.naam,
        a.adres,
        a.agb_code,
        a.btw_nummer,
        a.kvk_nummer,
        a.iban,
        declaratie.declaratie_nummer,  # factuurnummer
        declaratie.dagtekening.strftime("%d-%m-%Y"),  # factuurdatum
        "01-08-2026 t/m 31-08-2026",  # factuurperiode
        tw.product.code,
        "€ 42,50",  # tarief per eenheid
        "€ 425,00",  # total incl. btw
        "€ 351,24",  # excl. btw
        "€ 73,76",  # btw
        "21%",
        "Te ontvangen",
    ):
        assert waarde in pagina, waarde
    assert "/factuur.pdf" in pagina
    assert 'style="' not in pagina and "<script" not in pagina  # CSP


def test_factuur_shows_btw_per_percentage(tw, client):
    ToewijzingFactory(
        declarabel=True,
        aanbieder=tw.aanbieder,
        client__gemeente=tw.gemeente,
        tarief__btw=9,
    )
    declaratie = _verstuur(client)
    factuur = client.get(f"/declaraties/{declaratie.pk}/factuur/").context["factuur"]
    assert [str(b.percentage) for b in factuur.btw] == ["9.0", "21.0"]
    pagina = client.get(f"/declaraties/{declaratie.pk}/factuur/").content.decode()
    assert "Btw 9%" in pagina and "Btw 21%" in pagina
    assert "€ 389,91" in pagina  # 42500 incl. 9 % → 38991 excl.


def test_factuur_of_a_credit_is_to_pay_back(client):
    declaratie = _verstuur(client)
    credit = services.prestatie_crediteren(
        user=client.user, prestatie=declaratie.prestaties.get()
    )
    url = f"/declaraties/{credit.declaratie.pk}/factuur/"
    pagina = client.get(url).content.decode()
    assert "Terug te betalen" in pagina and "-€ 425,00" in pagina
    assert "Te ontvangen" not in pagina


def test_factuur_pdf(client):
    declaratie = _verstuur(client)
    response = client.get(f"/declaraties/{declaratie.pk}/factuur.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert (
        f'filename="factuur-{declaratie.declaratie_nummer}.pdf"'
        in response["Content-Disposition"]
    )


def test_pdf_uses_the_same_factuur_template(client):
    from django.template.loader import get_template

    from declaraties import pdf, selectors

    declaratie = _verstuur(client)
    factuur = selectors.factuur(user=client.user, declaratie=declaratie)
    html = get_template("declaraties/factuur_pdf.html").render({"factuur": factuur})
    assert declaratie.declaratie_nummer in html and factuur.iban in html
    assert pdf.factuur_pdf(factuur).startswith(b"%PDF")


def test_gemeente_sees_the_factuur_other_gemeente_does_not(tw, client):
    declaratie = _verstuur(client)
    eigen, ander = Client(), Client()
    eigen.force_login(gemeente_user(tw.gemeente))
    ander.force_login(gemeente_user())
    for pad in ("factuur/", "factuur.pdf"):
        assert eigen.get(f"/declaraties/{declaratie.pk}/{pad}").status_code == 200
        assert ander.get(f"/declaraties/{declaratie.pk}/{pad}").status_code == 404


def test_r_d4_factuur_keeps_the_aanbieder_of_its_sending(tw, client):
    """A sent declaratie keeps the IBAN, NAW and btw it was sent with; an approved
    change of the aanbieder afterwards does not rewrite it (a concept follows it)."""
    declaratie = _verstuur(client)
    oud = tw.aanbieder.iban
    assert declaratie.aanbieder_bij_verzending["iban"] == oud
    a = tw.aanbieder
    a.iban, a.naam, a.btw_nummer = "NL20INGB0001234567", "Nieuwe Naam BV", ""
    a.save()  # as an approved wijzigingsverzoek does (R-G1)
    pagina = client.get(f"/declaraties/{declaratie.pk}/factuur/").content.decode()
    pagina = pagina.split('class="factuur"', 1)[1]
    assert oud in pagina and "NL20INGB0001234567" not in pagina
    assert "Nieuwe Naam BV" not in pagina
    assert "zoals bij het versturen" in pagina
    ToewijzingFactory(declarabel=True, aanbieder=a, client__gemeente=tw.gemeente)
    [concept] = services.declaratie_voorstellen(
        user=client.user, periode=date(2026, 9, 1)
    )
    pagina = client.get(f"/declaraties/{concept.pk}/factuur/").content.decode()
    assert "NL20INGB0001234567" in pagina  # not sent yet: the aanbieder as it is now


def test_r_d4_declaratie_from_outside_keeps_the_aanbieder_of_its_receipt(tw):
    from berichten.constants import Kanaal
    from berichten.xml import codec
    from tests.berichten.kanaal_helpers import ontvang_van_afzender
    from tests.declaraties.factories import enkel

    bericht = ontvang_van_afzender(codec.encode(enkel(tw)), kanaal=Kanaal.UPLOAD)
    declaratie = Declaratie.objects.get(bericht=bericht)
    assert declaratie.aanbieder_bij_verzending["iban"] == tw.aanbieder.iban
