"""The forms guard the data: amounts typed and shown in euros with a comma (stored in
eurocent), the product decides the eenheid (R-T4), required fields marked, every
error at once with the rule id as a small reference after the text, dates as date
inputs, no '---------'."""

from datetime import date
from html import unescape

import pytest

from core.formvelden import EuroField
from stamgegevens.models import ContractProduct
from tests.stamgegevens.factories import ContractProductFactory, ProductFactory
from tests.toewijzingen.factories import ToewijzingFactory
from toewijzingen.models import Toewijzing

pytestmark = pytest.mark.django_db

URL = "/toewijzingen"


def nieuw_url(opzet) -> str:
    return f"{URL}/clienten/{opzet.client.pk}/toewijzing/"


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("1.234,56", 123456),
        ("€ 1.234,56", 123456),
        ("1234,5", 123450),
        ("12", 1200),
        ("0,07", 7),
        ("1.234", 123400),
    ],
)
def test_euro_field_reads_dutch_amounts(typed, cents):
    assert EuroField().clean(typed) == cents


@pytest.mark.parametrize("typed", ["12,345", "1,234.56", "twaalf", "12.34", "1..2"])
def test_euro_field_refuses_what_is_not_an_amount(typed):
    veld = EuroField()
    with pytest.raises(Exception, match="bedrag in euro"):
        veld.clean(typed)


def test_bedrag_typed_in_euros_is_stored_in_eurocent(opzet, gm):
    hulpmiddel = ProductFactory(categorie="12", code="12A01", eenheid="83")
    cp = ContractProductFactory(contract=opzet.contract, product=hulpmiddel)
    response = gm.post(
        nieuw_url(opzet),
        {
            "contractproduct": cp.pk,
            "ingangsdatum": "2026-09-01",
            "prijsvorm": "variabele_prijs",
            "bedrag": "1.234,56",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    toewijzing = Toewijzing.objects.get()
    assert (toewijzing.volume, toewijzing.eenheid) == (123456, "83")


def test_budget_is_shown_in_euros_on_the_change_form(opzet, gm):
    toewijzing = ToewijzingFactory(
        client=opzet.client,
        aanbieder=opzet.aanbieder,
        contract=opzet.contract,
        product=opzet.product,
        volume=None,
        eenheid="",
        frequentie="",
        budget=123456,
        einddatum=date(2026, 12, 31),
    )
    wijzigen = gm.get(f"{URL}/{toewijzing.pk}/wijzigen/").content.decode()
    assert 'value="1.234,56"' in wijzigen
    assert "eurocent" not in wijzigen


def test_budget_in_the_wrong_notation_is_an_error_in_dutch(opzet, gm):
    cp = ContractProduct.objects.get(product=opzet.product)
    response = gm.post(
        nieuw_url(opzet),
        {"contractproduct": cp.pk, "ingangsdatum": "2026-09-01", "budget": "12,345"},
    )
    assert response.status_code == 200
    assert "Vul een bedrag in euro" in unescape(response.content.decode())
    assert not Toewijzing.objects.exists()


def test_r_t4_the_eenheid_is_shown_from_the_product_not_chosen(opzet, gm):
    minuten = ProductFactory(categorie="01", code="ZL10", eenheid="01", frequentie="2")
    cp = ContractProductFactory(contract=opzet.contract, product=minuten)
    pagina = gm.get(nieuw_url(opzet)).content.decode()
    assert 'name="eenheid"' not in pagina
    assert "in minuut (eenheid 01)" in pagina
    # failing case: an eenheid posted anyway does not win over the product's
    response = gm.post(
        nieuw_url(opzet),
        {
            "contractproduct": cp.pk,
            "ingangsdatum": "2026-09-01",
            "einddatum": "2026-12-31",
            "volume": "60",
            "frequentie": "2",
            "eenheid": "82",
        },
    )
    assert response.status_code == 302
    assert Toewijzing.objects.get().eenheid == "01"


def test_required_fields_are_marked_and_no_dashes(opzet, gm):
    pagina = gm.get(nieuw_url(opzet)).content.decode()
    assert "(verplicht)" in pagina
    assert 'aria-required="true"' in pagina
    assert 'name="ingangsdatum"' in pagina and 'type="date"' in pagina
    assert "---------" not in pagina
    assert "Kies …" in pagina


def test_all_errors_at_once_with_a_summary_linking_to_the_fields(opzet, gm):
    response = gm.post(
        nieuw_url(opzet),
        {"ingangsdatum": "gisteren", "budget": "veel"},
    )
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert 'class="foutoverzicht"' in html
    assert "Er zijn 3 fouten in het formulier" in html
    for veld in ("contractproduct", "ingangsdatum", "budget"):
        assert f'href="#id_{veld}"' in html
    assert "Vul een geldige datum in" in html
    assert 'aria-invalid="true"' in html


def test_r_t4_rule_errors_all_at_once_rule_id_after_the_text(opzet, gm):
    """A budget without einddatum (CD075) and an einddatum before the ingangsdatum
    (CS003) are both reported at once, each with its rule id small, after the text."""
    cp = ContractProduct.objects.get(product=opzet.product)
    response = gm.post(
        nieuw_url(opzet),
        {
            "contractproduct": cp.pk,
            "ingangsdatum": "2026-09-01",
            "einddatum": "2026-08-01",
            "volume": "2",
            "frequentie": "4",
            "budget": "10,00",
        },
    )
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert (
        'De einddatum ligt vóór de ingangsdatum. <small class="regelverwijzing">(CS003)'
        in html
    )
    assert (
        'Geef een omvang óf een budget, niet beide. <small class="regelverwijzing">'
        "(CD077)" in html
    )
    assert "(CS003) De einddatum" not in html
    # passing case: the same form with the errors corrected is accepted
    response = gm.post(
        nieuw_url(opzet),
        {
            "contractproduct": cp.pk,
            "ingangsdatum": "2026-09-01",
            "einddatum": "2026-12-01",
            "volume": "2",
            "frequentie": "4",
        },
    )
    assert response.status_code == 302
    assert Toewijzing.objects.get().volume == 2


def test_dates_elsewhere_read_dutch(opzet, gm):
    toewijzing = ToewijzingFactory(
        client=opzet.client,
        aanbieder=opzet.aanbieder,
        contract=opzet.contract,
        product=opzet.product,
        ingangsdatum=date(2026, 9, 1),
    )
    pagina = gm.get(f"{URL}/{toewijzing.pk}/").content.decode()
    assert "01-09-2026" in pagina
