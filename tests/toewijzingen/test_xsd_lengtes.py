"""A value the iWmo schema accepts is never refused by the database: every column a
handler fills from a message holds the XSD's maximum (or has no maximum where the
XSD has none), and a database failure during processing gives a Dutch reason,
never the database's own text. Run on PostgreSQL too (SQLite ignores lengths)."""

from django.db import DataError, models

import pytest

from berichten import registry
from berichten.constants import BerichtStatus, Kanaal
from berichten.models import Bericht
from berichten.xml.validation import SCHEMA_DIR, _schema_document
from declaraties.models import Declaratie, Prestatie
from tests.berichten.factories import sample
from tests.berichten.kanaal_helpers import ontvang_van_afzender
from tests.stamgegevens.factories import AanbiederFactory, GemeenteFactory
from tests.toewijzingen.opzet_helpers import verzoek_om_toewijzing
from toewijzingen import services
from toewijzingen.constants import VerzoekStatus
from toewijzingen.models import Client, Toewijzing, Verzoek, VerzoekProduct

pytestmark = pytest.mark.django_db

XS = "{http://www.w3.org/2001/XMLSchema}"

# Column -> the XSD type of the element it is filled from (basisschema.xsd).
UIT_BERICHTEN = {
    (Bericht, "identificatie"): "LDT_IdentificatieBericht",
    (Bericht, "afzender"): "LDT_AgbCode",
    (Bericht, "ontvanger"): "LDT_AgbCode",
    (Bericht, "bsn"): "LDT_BurgerServicenummer",
    (Client, "bsn"): "LDT_BurgerServicenummer",
    (Client, "achternaam"): "LDT_Naam",
    (Client, "voornamen"): "LDT_Naam",
    (Client, "voorletters"): "LDT_Voorletters",
    (Client, "voorvoegsel"): "LDT_Voorvoegsel",
    (Verzoek, "referentie_aanbieder"): "LDT_Referentie",
    (Verzoek, "commentaar"): "LDT_Commentaar",
    (VerzoekProduct, "commentaar"): "LDT_Commentaar",
    (VerzoekProduct, "verwijzer_naam"): "LDT_NaamVerwijzer",
    (VerzoekProduct, "verwijzer_zorgverlener_code"): "LDT_AgbCode",
    # Copied from the verzoek when the gemeente honours it.
    (Toewijzing, "referentie_aanbieder"): "LDT_Referentie",
    (Toewijzing, "commentaar"): "LDT_Commentaar",
    (Declaratie, "declaratie_nummer"): "LDT_IdentificatieDeclaratie",
    (Prestatie, "product_referentie"): "LDT_ReferentieNummer",
    (Prestatie, "vorig_referentie_nummer"): "LDT_ReferentieNummer",
    (Prestatie, "bsn"): "LDT_BurgerServicenummer",
}


def xsd_maximum(type_naam: str) -> int | None:
    """The maxLength (or length) of a simple type of the basisschema; None: no maximum."""
    root = _schema_document(SCHEMA_DIR, "basisschema").getroot()
    [simple] = [t for t in root.iter(f"{XS}simpleType") if t.get("name") == type_naam]
    for facet in ("maxLength", "length"):
        element = simple.find(f"{XS}restriction/{XS}{facet}")
        if element is not None:
            return int(element.get("value"))
    return None


def past(veld: models.Field, maximum: int | None) -> bool:
    if maximum is None:
        return isinstance(veld, models.TextField)
    return veld.max_length is None or veld.max_length >= maximum


@pytest.mark.parametrize(
    "model, veld", list(UIT_BERICHTEN), ids=lambda x: getattr(x, "__name__", x)
)
def test_every_column_filled_from_a_message_holds_the_xsd_maximum(model, veld):
    maximum = xsd_maximum(UIT_BERICHTEN[model, veld])
    assert past(model._meta.get_field(veld), maximum), (model, veld, maximum)


def test_a_column_shorter_than_the_xsd_would_be_caught():
    assert xsd_maximum("LDT_Referentie") == 36
    assert not past(models.CharField(max_length=20), 36)
    assert not past(models.CharField(max_length=1000), None)  # LDT_Commentaar


def test_a_315_with_the_longest_referentie_and_commentaar_is_processed(opzet):
    referentie = "R" * xsd_maximum("LDT_Referentie")
    commentaar = "Lange toelichting. " * 200  # LDT_Commentaar has no maximum
    [verzoek] = verzoek_om_toewijzing(
        opzet, referentie=referentie, commentaar=commentaar
    )
    assert verzoek.bericht.status == BerichtStatus.VERWERKT
    verzoek.refresh_from_db()
    assert verzoek.referentie_aanbieder == referentie
    assert verzoek.commentaar == commentaar.strip() or verzoek.commentaar == commentaar
    # The gemeente honours it: the toewijzing keeps the referentie, the 301 goes out.
    services.client_wijzigen(
        user=opzet.gemeente_user, client=verzoek.client, huisnummer=3, postcode="9231AB"
    )
    [toewijzing] = services.verzoek_honoreren(user=opzet.gemeente_user, verzoek=verzoek)
    assert toewijzing.referentie_aanbieder == referentie
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.GEHONOREERD


@pytest.fixture
def weigerende_handler(monkeypatch):
    """A 305 whose processing meets a database error, as PostgreSQL words it."""
    GemeenteFactory(code="0363", naam="Amsterdam")
    AanbiederFactory(agb_code="73730012")

    def handler(**_):
        raise DataError("value too long for type character varying(20)")

    monkeypatch.setitem(registry._handlers, "WMO305", handler)


def test_a_database_error_gives_a_dutch_reason_not_the_database_text(
    weigerende_handler,
):
    bericht = ontvang_van_afzender(sample("WMO305"), kanaal=Kanaal.UPLOAD)
    assert bericht.status == BerichtStatus.FOUT
    assert "character varying" not in bericht.foutmelding
    assert "kon niet worden opgeslagen" in bericht.foutmelding
    assert not bericht.retourberichten.exists()
