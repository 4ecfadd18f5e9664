"""The dashboards' summary (rapportages.Maandcijfer) stays current: every write of a
pair's data marks the pair, the next read (or the beat task) rebuilds it, and the
figures equal those computed live from the toewijzingen and Prestaties."""

import io
from datetime import date

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from declaraties.constants import DeclaratieStatus, PrestatieStatus
from declaraties.models import Declaratie, Prestatie
from rapportages import samenvatting, selectors
from rapportages.models import Maandcijfer, VerouderdPaar, ZorgTelling
from rapportages.selectors import Keuze, jaarcijfers
from rapportages.selectors.geld import toewijzingen_van_jaar
from rapportages.tasks import samenvatting_bijwerken
from stamgegevens.models import Tarief
from tests.core.factories import aanbieder_user, gemeente_user
from tests.declaraties.factories import PrestatieFactory
from tests.scale.explain import statistiek_bijgewerkt
from tests.toewijzingen.factories import ClientFactory, ToewijzingFactory

JAAR = Keuze(jaar=2026)


def _paren():
    return set(VerouderdPaar.objects.values_list("gemeente_id", "aanbieder_id"))


def test_a_new_line_marks_its_pair_and_the_next_read_counts_it(wereld):
    gebruiker = gemeente_user(wereld.gemeente)
    voor = selectors.financieel(user=gebruiker, keuze=JAAR).jaar
    eigen = {(wereld.gemeente.pk, a.pk) for a in (wereld.a1, wereld.a2)}
    assert not _paren() & eigen  # the read rebuilt every stale pair it sees

    PrestatieFactory(
        t=wereld.t1,
        declaratie=Declaratie.objects.exclude(status=DeclaratieStatus.CONCEPT).get(
            aanbieder=wereld.a1
        ),
        begindatum=date(2026, 3, 1),
        einddatum=date(2026, 3, 28),
        ingediend_bedrag=700,
        status=PrestatieStatus.GOEDGEKEURD,
    )
    assert _paren() & eigen == {(wereld.gemeente.pk, wereld.a1.pk)}

    na = selectors.financieel(user=gebruiker, keuze=JAAR).jaar
    assert (na.ingediend - voor.ingediend, na.toegekend - voor.toegekend) == (700, 700)
    assert not _paren() & eigen


def test_a_rejection_moves_the_amount_and_the_uitval(wereld):
    gebruiker = gemeente_user(wereld.gemeente)
    selectors.uitval(user=gebruiker, keuze=JAAR)
    regel = Prestatie.objects.filter(
        toewijzing=wereld.t1, status=PrestatieStatus.GOEDGEKEURD
    ).first()
    regel.status, regel.retourcodes = PrestatieStatus.AFGEKEURD, ["8140"]
    regel.save()

    codes = {
        (r.partij.naam, r.retourcode): r.aantal
        for r in selectors.uitval(user=gebruiker, keuze=JAAR)
    }
    assert codes[("Zorg A", "8140")] == 1


def test_the_summary_equals_the_live_figures(wereld, monkeypatch):
    for gebruiker in (gemeente_user(wereld.gemeente), aanbieder_user(wereld.a1)):
        for keuze in (JAAR, Keuze(jaar=2026, categorie="02")):
            uit_samenvatting = selectors.financieel(user=gebruiker, keuze=keuze)
            tabellen = selectors.tabellen_voor(
                user=gebruiker, keuze=keuze, vandaag=date(2026, 6, 30)
            )
            monkeypatch.setattr(jaarcijfers, "uit_samenvatting", lambda keuze: False)
            live = selectors.financieel(user=gebruiker, keuze=keuze)
            live_tabellen = selectors.tabellen_voor(
                user=gebruiker, keuze=keuze, vandaag=date(2026, 6, 30)
            )
            monkeypatch.undo()
            assert uit_samenvatting == live
            assert [t.rijen for t in tabellen] == [t.rijen for t in live_tabellen]


def test_a_fresh_summary_is_read_without_touching_the_lines(wereld):
    gebruiker = gemeente_user(wereld.gemeente)
    samenvatting.bijwerken()
    with CaptureQueriesContext(connection) as queries:
        selectors.financieel(user=gebruiker, keuze=JAAR)
        selectors.uitval(user=gebruiker, keuze=JAAR)
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "declaraties_prestatie" not in sql
    assert "toewijzingen_toewijzing" not in sql


def test_a_new_tarief_marks_the_pairs_of_the_contract(wereld):
    samenvatting.bijwerken()
    contractproduct = wereld.t1.contract.contractproducten.get(
        product=wereld.t1.product
    )
    tarief = Tarief.objects.get(contractproduct=contractproduct)
    tarief.bedrag = 5000
    tarief.save()
    assert _paren() == {(wereld.gemeente.pk, wereld.a1.pk)}
    fin = selectors.financieel(user=gemeente_user(wereld.gemeente), keuze=JAAR)
    assert fin.per_maand[date(2026, 1, 1)].toegewezen == 50000  # 10 × 50,00


def test_rows_written_without_signals_are_summed_after_maandcijfers_alles(wereld):
    samenvatting.bijwerken()
    regel = Prestatie.objects.filter(toewijzing=wereld.t1).first()
    Prestatie.objects.filter(pk=regel.pk).update(ingediend_bedrag=0)  # no signal
    assert _paren() == set()
    assert regel.ingediend_bedrag != 0

    uit = io.StringIO()
    call_command("maandcijfers", "--alles", stdout=uit)
    assert "bijgewerkt" in uit.getvalue()

    live = Prestatie.objects.filter(
        declaratie__gemeente=wereld.gemeente, begindatum__year=2026
    ).exclude(declaratie__status="concept")
    totaal = sum(p.bedrag for p in live)  # credit negative
    assert (
        sum(
            Maandcijfer.objects.filter(gemeente=wereld.gemeente)
            .exclude(status__in=Maandcijfer.NIET_GEDECLAREERD)
            .values_list("bedrag", flat=True)
        )
        == totaal
    )


def test_the_beat_task_rebuilds_every_stale_pair(wereld):
    stale = len(_paren())
    assert stale >= 3  # the fixture's writes marked its pairs
    assert samenvatting_bijwerken.delay().get() == stale
    assert _paren() == set()
    assert Maandcijfer.objects.filter(gemeente=wereld.andere_gemeente).exists()


@pytest.mark.parametrize("rol", ["gemeente", "aanbieder"])
def test_a_read_rebuilds_only_the_pairs_the_user_sees(wereld, rol):
    gebruiker = (
        gemeente_user(wereld.gemeente)
        if rol == "gemeente"
        else aanbieder_user(wereld.a1)
    )
    selectors.financieel(user=gebruiker, keuze=JAAR)
    # A3 works for the other gemeente only: its pair is left for the beat task.
    assert (wereld.andere_gemeente.pk, wereld.a3.pk) in _paren()


def test_the_kept_count_of_clienten_in_zorg_follows_a_new_toewijzing(wereld):
    gebruiker = gemeente_user(wereld.gemeente)
    live = samenvatting.clienten_telling(
        toewijzingen_van_jaar(user=gebruiker, keuze=JAAR), JAAR
    )
    assert selectors.clienten_in_zorg(user=gebruiker, keuze=JAAR) == live
    assert ZorgTelling.objects.filter(gemeente=wereld.gemeente, jaar=2026).exists()

    ToewijzingFactory(
        client=ClientFactory(gemeente=wereld.gemeente),
        aanbieder=wereld.a2,
        contract=wereld.c2,
        product=wereld.t1.product,
        ingangsdatum=date(2026, 7, 1),
        einddatum=date(2026, 7, 31),
    )
    na = selectors.clienten_in_zorg(user=gebruiker, keuze=JAAR)
    assert na["02"][date(2026, 7, 1)] == live["02"][date(2026, 7, 1)] + 1
    assert na["02"][date(2026, 8, 1)] == live["02"][date(2026, 8, 1)]


def test_rebuilding_every_pair_analyzes_the_summary_tables(wereld, monkeypatch):
    geanalyseerd = []
    monkeypatch.setattr(
        samenvatting,
        "tabellen_analyseren",
        lambda *modellen: geanalyseerd.extend(modellen),
    )
    samenvatting.bijwerken()  # a pair or two, as beat does: no ANALYZE
    assert geanalyseerd == []

    samenvatting.alles_opbouwen()

    assert set(geanalyseerd) == {Maandcijfer, ZorgTelling}


def test_the_analyze_after_rebuilding_every_pair_gives_statistics(wereld):
    samenvatting.alles_opbouwen()
    assert statistiek_bijgewerkt(Maandcijfer)
