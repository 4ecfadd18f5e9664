"""The admin is Dutch throughout: no English labels of the third-party apps (axes,
django-otp, simple_history, Django's newest admin strings) on the index and on a
history page; the translations come from locale/nl (a compiled .mo)."""

import html
import re

import pytest

from tests.stamgegevens.factories import ProductFactory

pytestmark = pytest.mark.django_db

ENGELS = [
    "Access attempts",
    "Access failures",
    "Access logs",
    "Axes",
    "Otp_Static",
    "Otp_Totp",
    "Static devices",
    "TOTP devices",
    "Model name",
    "Add link",
    "Change or view list link",
    "Changed by",
    "Change reason",
    "Date/time",
    "Comment",
    "Changes",
    "Changed",
    "Created",
    "None",
    "entries",
]


def zichtbare_tekst(response) -> set[str]:
    inhoud = re.sub(
        r"<script.*?</script>|<style.*?</style>",
        "",
        response.content.decode(),
        flags=re.S,
    )
    tekst = html.unescape(re.sub(r"<[^>]+>", "\n", inhoud))
    return {regel.strip() for regel in tekst.splitlines() if regel.strip()}


def engels_in(teksten: set[str]) -> list[str]:
    return [
        woord
        for woord in ENGELS
        if any(re.search(rf"\b{re.escape(woord)}\b", tekst) for tekst in teksten)
    ]


def test_admin_index_has_no_english_labels(beheerder_client):
    teksten = zichtbare_tekst(beheerder_client.get("/beheer/"))
    assert engels_in(teksten) == []
    assert {"Inlogpogingen", "Herstelcodes", "Tweestapsverificatie"} <= teksten


def test_history_page_has_no_english_labels(beheerder_client):
    product = ProductFactory(omschrijving="Oud")
    product.omschrijving = "Nieuw"
    product.save()
    response = beheerder_client.get(
        f"/beheer/stamgegevens/product/{product.pk}/history/"
    )
    assert response.status_code == 200
    teksten = zichtbare_tekst(response)
    assert engels_in(teksten) == []
    assert {"Gewijzigd door", "Datum/tijd", "Wijzigingen"} <= teksten


def test_the_check_finds_english_labels_when_the_admin_is_english(beheerder_client):
    """The failing case: the same check on the admin in English finds them."""
    teksten = zichtbare_tekst(
        beheerder_client.get("/beheer/", HTTP_ACCEPT_LANGUAGE="en")
    )
    assert {"Model name", "Add link"} <= set(engels_in(teksten))


def test_tarief_in_the_admin_is_typed_and_shown_in_euros(beheerder_client):
    from stamgegevens.models import Tarief
    from tests.stamgegevens.factories import ContractProductFactory

    cp = ContractProductFactory()
    Tarief.objects.filter(contractproduct=cp).delete()  # the factory's open tarief
    data = {
        "contractproduct": cp.pk,
        "geldig_van": "2027-01-01",
        "bedrag": "63,50",
    }
    response = beheerder_client.post("/beheer/stamgegevens/tarief/add/", data)
    assert response.status_code == 302
    nieuw = Tarief.objects.get(contractproduct=cp, geldig_van="2027-01-01")
    assert nieuw.bedrag == 6350
    lijst = beheerder_client.get("/beheer/stamgegevens/tarief/").content.decode()
    assert "€ 63,50" in lijst
    fout = beheerder_client.post(
        "/beheer/stamgegevens/tarief/add/", data | {"bedrag": "63.5.0"}
    )
    assert fout.status_code == 200
    assert "Vul een bedrag in euro" in html.unescape(fout.content.decode())
