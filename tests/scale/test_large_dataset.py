"""The large data set loader (demo.large_dataset) at a tiny size."""

from datetime import date
from io import StringIO

from django.core.management import CommandError, call_command
from django.db.models import Count, Max

import pytest
from stdnum import iban
from stdnum.nl import bsn as stdnum_bsn, btw

from berichten.models import Bericht, Nummering
from core.models import User
from declaraties import selectors as declaratie_selectors
from declaraties.constants import PrestatieStatus
from declaraties.models import Declaratie, Prestatie
from demo.declaraties import load_demo_declaraties
from demo.large_dataset import (
    GEVULDE_MODELLEN,
    AlreadyLoadedError,
    MissingDemoDataError,
    load_large_dataset,
)
from demo.stamgegevens import DEMO_WACHTWOORD, load_demo_data
from demo.toewijzingen import load_demo_toewijzingen
from stamgegevens.models import Aanbieder, Contract
from tests.scale.explain import statistiek_bijgewerkt
from toewijzingen import selectors as toewijzing_selectors
from toewijzingen.models import Client, Levering, Toewijzing

pytestmark = pytest.mark.django_db

KLEIN = {"clienten": 50, "toewijzingen": 200, "prestaties": 1000, "aanbieders": 3}


@pytest.fixture
def demo():
    load_demo_data()
    load_demo_toewijzingen()
    load_demo_declaraties()


@pytest.fixture
def geladen(demo):
    voor = {
        "clienten": Client.objects.count(),
        "toewijzingen": Toewijzing.objects.count(),
        "nummer": Nummering.objects.get(sleutel="toewijzingnummer:0059").laatste,
    }
    uit = StringIO()
    aantallen = load_large_dataset(**KLEIN, stdout=uit)
    return voor, aantallen, uit.getvalue()


def test_counts_and_progress(geladen):
    voor, aantallen, uitvoer = geladen
    assert Client.objects.count() == voor["clienten"] + 50
    assert Toewijzing.objects.count() == voor["toewijzingen"] + 200
    assert Prestatie.objects.filter(product_referentie__startswith="G").count() == 1000
    assert aantallen["prestaties"] == 1000
    assert aantallen["aanbieders"] == 3
    assert Aanbieder.objects.count() == 3 + 3
    # Most toewijzingen started; declaraties per aanbieder per month up to October.
    groot = Toewijzing.objects.filter(toewijzing_nummer__gt=voor["nummer"])
    gestart = Levering.objects.filter(toewijzing__in=groot).count()
    assert 0.8 * 200 <= gestart < 200
    maanden = set(
        Declaratie.objects.filter(declaratie_nummer__startswith="G").values_list(
            "periode_begin__month", flat=True
        )
    )
    assert maanden <= set(range(1, 11)) and 10 in maanden
    assert "prestaties" in uitvoer and "klaar" in uitvoer
    # Mostly goedgekeurd; the afgekeurde lines carry retourcodes.
    regels = Prestatie.objects.filter(product_referentie__startswith="G")
    afgekeurd = regels.filter(status=PrestatieStatus.AFGEKEURD)
    assert 0 < afgekeurd.count() < 0.1 * 1000
    assert all(p.retourcodes for p in afgekeurd)
    soorten = set(
        Bericht.objects.filter(identificatie__startswith="G").values_list(
            "bericht_type", flat=True
        )
    )
    assert soorten == {"WMO301", "WMO302", "WMO305", "WMO306", "WMO323", "WMO325"}


def test_the_filled_tables_are_analyzed(geladen):
    """Without ANALYZE after a bulk load PostgreSQL plans as if the tables were empty."""
    assert all(statistiek_bijgewerkt(m) for m in GEVULDE_MODELLEN)
    assert "ANALYZE" in geladen[2]


def test_totals_of_declaraties_match_their_lines(geladen):
    for d in Declaratie.objects.filter(declaratie_nummer__startswith="G"):
        regels = d.prestaties.all()
        assert d.totaal_ingediend == sum(p.ingediend_bedrag for p in regels)
        assert d.totaal_toegekend == sum(
            p.ingediend_bedrag
            for p in regels
            if p.status == PrestatieStatus.GOEDGEKEURD
        )


def test_numbers_unique_and_counter_advanced(geladen):
    voor, _, _ = geladen
    nummers = list(
        Toewijzing.objects.filter(gemeente__code="0059").values_list(
            "toewijzing_nummer", flat=True
        )
    )
    assert len(nummers) == len(set(nummers))
    teller = Nummering.objects.get(sleutel="toewijzingnummer:0059").laatste
    assert teller == max(nummers) == voor["nummer"] + 200
    assert not (
        Client.objects.values("gemeente", "bsn")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .exists()
    )
    for client in Client.objects.all():
        assert stdnum_bsn.is_valid(client.bsn)


def test_generated_aanbieders_are_valid_and_contracted(geladen):
    nieuw = Aanbieder.objects.exclude(agb_code__startswith="987654")
    for a in nieuw:
        a.full_clean()
        assert iban.is_valid(a.iban) and btw.is_valid(a.btw_nummer)
        contract = Contract.objects.get(aanbieder=a)
        assert contract.regio is not None and contract.contractproducten.exists()
        user = User.objects.get(username=f"aanbieder-{a.agb_code}")
        assert user.check_password(DEMO_WACHTWOORD) and user.aanbieder == a


def test_demo_logins_see_the_large_party(geladen):
    gemeente = User.objects.get(username="gemeente")
    aanbieder = User.objects.get(username="aanbieder")
    assert toewijzing_selectors.toewijzing_list(user=gemeente).count() >= 200
    assert toewijzing_selectors.client_list(user=gemeente).count() >= 50
    eigen = toewijzing_selectors.toewijzing_list(user=aanbieder)
    assert eigen.count() >= 20  # every tenth cliënt
    assert declaratie_selectors.declaratie_list(user=aanbieder).count() >= 10
    assert declaratie_selectors.declaratie_list(user=gemeente).count() > 10

    from django.test import Client as Browser

    browser = Browser()
    browser.force_login(gemeente)
    assert browser.get("/toewijzingen/").status_code == 200
    assert browser.get("/declaraties/").status_code == 200
    assert browser.get("/berichten/").status_code == 200


def test_a_new_toewijzing_in_the_portal_gets_a_fresh_number(geladen):
    from stamgegevens.models import Product
    from toewijzingen import services

    gemeente = User.objects.get(username="gemeente")
    product = Product.objects.get(code="ZL12")
    bestaand = (
        Toewijzing.objects.filter(aanbieder__agb_code="98765432", bericht__isnull=False)
        .exclude(client__toewijzingen__product=product)
        .last()
    )
    nieuw = services.toewijzing_aanmaken(
        user=gemeente,
        client=bestaand.client,
        gegevens=services.ToewijzingGegevens(
            aanbieder=bestaand.aanbieder,
            product=product,
            ingangsdatum=bestaand.ingangsdatum,
            einddatum=date(2026, 12, 31),
            volume=60,
            eenheid=product.eenheid,
            frequentie=product.frequentie,
        ),
    )
    eerder = Toewijzing.objects.exclude(pk=nieuw.pk)
    assert nieuw.toewijzing_nummer > eerder.aggregate(m=Max("toewijzing_nummer"))["m"]


def test_running_twice_is_refused(geladen):
    aantal = Prestatie.objects.count()
    with pytest.raises(AlreadyLoadedError):
        load_large_dataset(**KLEIN)
    assert Prestatie.objects.count() == aantal


def test_without_demo_data_it_says_so():
    with pytest.raises(MissingDemoDataError):
        load_large_dataset(**KLEIN)
    assert not Nummering.objects.filter(sleutel="demo:grootschalig").exists()


def test_command_refuses_a_second_large_load(demo, monkeypatch):
    import demo.large_dataset as ld

    echt = ld.load_large_dataset
    monkeypatch.setattr(
        ld, "load_large_dataset", lambda **kw: echt(**KLEIN, stdout=kw.get("stdout"))
    )
    uit = StringIO()
    call_command("demo_data", "--scale", "large", stdout=uit)
    assert "aanbieder-<agb>" in uit.getvalue()
    with pytest.raises(CommandError, match="al geladen"):
        call_command("demo_data", "--scale", "large", stdout=StringIO())


def test_command_analyzes_the_signals_and_summary_it_filled(demo, monkeypatch):
    import demo.large_dataset as ld
    from demo.management.commands import demo_data
    from rapportages import samenvatting
    from rapportages.models import Maandcijfer
    from toewijzingen.models import Signaal

    echt = ld.load_large_dataset
    monkeypatch.setattr(
        ld, "load_large_dataset", lambda **kw: echt(**KLEIN, stdout=kw.get("stdout"))
    )
    geanalyseerd = []
    for module in (demo_data, samenvatting):
        monkeypatch.setattr(
            module, "tabellen_analyseren", lambda *m: geanalyseerd.extend(m)
        )
    call_command("demo_data", stdout=StringIO())  # small: nothing in bulk
    assert Signaal not in geanalyseerd

    call_command("demo_data", "--scale", "large", stdout=StringIO())

    assert {Signaal, Maandcijfer} <= set(geanalyseerd)
