"""The dashboards' summary (`Maandcijfer`): kept per (gemeente, aanbieder) pair.

A write of a toewijzing, declaratie, Prestatie or tarief marks its pair stale
(`VerouderdPaar`, one cheap INSERT … ON CONFLICT DO NOTHING, in the writer's own
transaction: rapportages/signals.py; a levering too, for the 301 → 305 doorlooptijd). A stale pair is rebuilt from its data
(`paar_opbouwen`, a few grouped queries over that pair only):

- before a dashboard reads it (`bijwerken(user=…)`, only the pairs the user sees),
  so the figures are always current;
- by celery beat (`rapportages.samenvatting_bijwerken`, every minute) or
  `manage.py maandcijfers` from cron, so a reader seldom waits for it.

A whole gemeente's cliënten in zorg (a distinct count, which does not add up over
pairs) is kept per gemeente and year (`ZorgTelling`): dropped when one of its pairs
is rebuilt, counted again by beat or the next read.

The summary holds every month up to the end of next year (at the time of
building); later years are computed live by the selectors (rapportages.selectors.geld).
"""

from collections import defaultdict
from datetime import date

from django.db import connection, transaction
from django.db.models import Count, F, Min, Q, Sum
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from core.bulk import tabellen_analyseren
from core.werkdagen import werkdagen_tussen
from declaraties.constants import VERWIJDERD, DeclaratieStatus
from declaraties.models import Declaratie, Prestatie
from rapportages.models import Maandcijfer, VerouderdPaar, ZorgTelling
from rapportages.selectors.geld import (
    getekend,
    toegewezen_van,
    toewijzingen_van_jaar,
)
from rapportages.selectors.keuze import Keuze, maand_eind
from toewijzingen.constants import LeveringSoort, StatusAanlevering
from toewijzingen.models import Levering, Toewijzing


def laatste_jaar(vandaag: date) -> int:
    """The last year the summary holds."""
    return vandaag.year + 1


# --- marking ------------------------------------------------------------------------


def _invoegen(select_sql: str, params: list) -> None:
    tabel = connection.ops.quote_name(VerouderdPaar._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {tabel} (gemeente_id, aanbieder_id) {select_sql} "
            "ON CONFLICT (gemeente_id, aanbieder_id) DO NOTHING",
            params,
        )


def paar_markeren(*, gemeente_id: int | None, aanbieder_id: int | None) -> None:
    """Mark one pair stale (nothing when a party is missing)."""
    if gemeente_id and aanbieder_id:
        _invoegen("VALUES (%s, %s)", [gemeente_id, aanbieder_id])


def _paar_van_rij_markeren(model, pk: int | None) -> None:
    """Mark the pair of one row of `model` (it has gemeente_id and aanbieder_id)."""
    if pk:
        tabel = connection.ops.quote_name(model._meta.db_table)
        _invoegen(f"SELECT gemeente_id, aanbieder_id FROM {tabel} WHERE id = %s", [pk])


def declaratie_markeren(*, declaratie_id: int | None) -> None:
    """Mark the pair of a declaratie stale (for one of its Prestaties)."""
    _paar_van_rij_markeren(Declaratie, declaratie_id)


def toewijzing_markeren(*, toewijzing_id: int | None) -> None:
    """Mark the pair of a toewijzing stale (for one of its leveringen)."""
    _paar_van_rij_markeren(Toewijzing, toewijzing_id)


def contract_markeren(*, contract_id: int | None) -> None:
    """Mark every pair with a toewijzing under the contract stale (a tarief changed)."""
    if contract_id:
        tabel = connection.ops.quote_name(Toewijzing._meta.db_table)
        _invoegen(
            f"SELECT DISTINCT gemeente_id, aanbieder_id FROM {tabel} "
            "WHERE contract_id = %s",
            [contract_id],
        )


# --- building -----------------------------------------------------------------------


def _prestatie_rijen(gemeente_id: int, aanbieder_id: int) -> list[Maandcijfer]:
    """Sent lines of the pair per month (of the productperiode), categorie, status,
    list of retourcodes and contract. One query."""
    rijen = (
        Prestatie.objects.filter(
            declaratie__gemeente_id=gemeente_id, declaratie__aanbieder_id=aanbieder_id
        )
        .exclude(declaratie__status=DeclaratieStatus.CONCEPT)
        .annotate(maand=TruncMonth("begindatum"))
        .values(
            "maand",
            "product_categorie",
            "status",
            "retourcodes",
            "toewijzing__contract_id",
        )
        .annotate(aantal=Count("pk"), bedrag=Sum(getekend()))
        .order_by()
    )
    uit = []
    for rij in rijen:
        maand = rij["maand"]
        uit.append(
            Maandcijfer(
                gemeente_id=gemeente_id,
                aanbieder_id=aanbieder_id,
                contract_id=rij["toewijzing__contract_id"],
                maand=maand.date() if hasattr(maand, "date") else maand,
                categorie=rij["product_categorie"],
                status=rij["status"],
                retourcodes=rij["retourcodes"] or [],
                aantal=rij["aantal"],
                bedrag=rij["bedrag"] or 0,
            )
        )
    return uit


def _toegewezen_rijen(
    gemeente_id: int, aanbieder_id: int, vandaag: date
) -> list[Maandcijfer]:
    """Toegewezen of the pair per month and categorie, for every year from its first
    toewijzing to `laatste_jaar`. One query per year."""
    toewijzingen = Toewijzing.objects.filter(
        gemeente_id=gemeente_id, aanbieder_id=aanbieder_id
    ).exclude(reden_wijziging=VERWIJDERD)
    eerste = toewijzingen.aggregate(eerste=Min("ingangsdatum"))["eerste"]
    if eerste is None:
        return []
    uit = []
    for jaar in range(eerste.year, laatste_jaar(vandaag) + 1):
        keuze = Keuze(jaar=jaar)
        qs = toewijzingen_van_jaar(user=None, keuze=keuze, qs=toewijzingen)
        for (maand, _, categorie), bedrag in toegewezen_van(
            qs, keuze=keuze, veld="aanbieder"
        ).items():
            uit.append(
                Maandcijfer(
                    gemeente_id=gemeente_id,
                    aanbieder_id=aanbieder_id,
                    maand=maand,
                    categorie=categorie,
                    status=Maandcijfer.TOEGEWEZEN,
                    bedrag=bedrag,
                )
            )
    return uit


def _start_rijen(gemeente_id: int, aanbieder_id: int) -> list[Maandcijfer]:
    """First starts (305) of the pair's toewijzingen per month of the toewijzingsdatum,
    categorie and werkdagen from 301 to 305. One query."""
    paren = (
        Levering.objects.filter(
            toewijzing__gemeente_id=gemeente_id,
            toewijzing__aanbieder_id=aanbieder_id,
            soort=LeveringSoort.START,
            status_aanlevering=StatusAanlevering.EERSTE,
            vervallen=False,
        )
        .annotate(
            b=F("toewijzing__toewijzingsdatum"),
            e=TruncDate("aangemaakt_op"),
            categorie=F("toewijzing__product__categorie"),
        )
        .values("b", "e", "categorie")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("b", "e", "categorie", "n")
    )
    telling: dict[tuple[date, str, int], int] = defaultdict(int)
    for begin, eind, categorie, n in paren:
        telling[(begin.replace(day=1), categorie, werkdagen_tussen(begin, eind))] += n
    return [
        Maandcijfer(
            gemeente_id=gemeente_id,
            aanbieder_id=aanbieder_id,
            maand=maand,
            categorie=categorie,
            status=Maandcijfer.START,
            werkdagen=werkdagen,
            aantal=n,
        )
        for (maand, categorie, werkdagen), n in telling.items()
    ]


@transaction.atomic
def paar_opbouwen(*, gemeente_id: int, aanbieder_id: int, vandaag: date) -> int:
    """Rebuild the pair's Maandcijfers from its data; returns the number of rows.

    The mark is taken away first: a write that commits meanwhile marks the pair
    again (its INSERT waits for this transaction), so it is never lost."""
    VerouderdPaar.objects.filter(
        gemeente_id=gemeente_id, aanbieder_id=aanbieder_id
    ).delete()
    Maandcijfer.objects.filter(
        gemeente_id=gemeente_id, aanbieder_id=aanbieder_id
    ).delete()
    ZorgTelling.objects.filter(gemeente_id=gemeente_id).delete()
    rijen = (
        _prestatie_rijen(gemeente_id, aanbieder_id)
        + _toegewezen_rijen(gemeente_id, aanbieder_id, vandaag)
        + _start_rijen(gemeente_id, aanbieder_id)
    )
    Maandcijfer.objects.bulk_create(rijen, batch_size=2000)
    return len(rijen)


def bijwerken(*, user=None, vandaag: date | None = None) -> int:
    """Rebuild the stale pairs the user sees (all stale pairs without a user);
    returns how many pairs were rebuilt."""
    vandaag = vandaag or timezone.localdate()
    paren = VerouderdPaar.objects.all()
    if user is not None:
        if user.is_gemeente:
            paren = paren.filter(gemeente_id=user.gemeente_id)
        elif user.is_aanbieder:
            paren = paren.filter(aanbieder_id=user.aanbieder_id)
        elif not user.is_beheerder:
            return 0
    paren = list(paren.values_list("gemeente_id", "aanbieder_id"))
    for gemeente_id, aanbieder_id in paren:
        paar_opbouwen(
            gemeente_id=gemeente_id, aanbieder_id=aanbieder_id, vandaag=vandaag
        )
    if user is None:  # beat: the gemeenten' counts of this year, before a reader
        for gemeente_id in {g for g, _ in paren}:
            zorgtelling(gemeente_id=gemeente_id, jaar=vandaag.year)
    return len(paren)


def clienten_telling(qs, keuze: Keuze) -> dict[str, dict[date, int]]:
    """The count over the toewijzingen `qs` of the year. One query: a filtered
    distinct count per month."""
    tellingen = {
        f"m{maand.month}": Count(
            "client_id",
            distinct=True,
            filter=Q(ingangsdatum__lte=maand_eind(maand))
            & (Q(einddatum__isnull=True) | Q(einddatum__gte=maand)),
        )
        for maand in keuze.maanden
    }
    uit: dict[str, dict[date, int]] = {}
    for rij in qs.values("product__categorie").annotate(**tellingen).order_by():
        uit[rij["product__categorie"]] = {
            maand: rij[f"m{maand.month}"] for maand in keuze.maanden
        }
    return dict(sorted(uit.items()))


def zorgtelling(*, gemeente_id: int, jaar: int) -> dict[str, list[int]]:
    """The gemeente's cliënten in zorg of the year, per categorie 12 months: the
    kept count, or counted now (one query over its toewijzingen) and kept."""
    bewaard = (
        ZorgTelling.objects.filter(gemeente_id=gemeente_id, jaar=jaar)
        .values_list("telling", flat=True)
        .first()
    )
    if bewaard is not None:
        return bewaard
    keuze = Keuze(jaar=jaar)
    qs = toewijzingen_van_jaar(
        user=None, keuze=keuze, qs=Toewijzing.objects.filter(gemeente_id=gemeente_id)
    )
    telling = {
        categorie: list(per_maand.values())
        for categorie, per_maand in clienten_telling(qs, keuze).items()
    }
    ZorgTelling.objects.update_or_create(
        gemeente_id=gemeente_id, jaar=jaar, defaults={"telling": telling}
    )
    return telling


def alles_opbouwen(*, vandaag: date | None = None) -> int:
    """Mark every pair with data stale and rebuild them all (after a bulk load);
    then ANALYZE the summary tables, which were filled anew (the dashboards' grouped
    reads are planned on their statistics: 47 -> 25 ms for a large gemeente)."""
    paren = set(Toewijzing.objects.values_list("gemeente_id", "aanbieder_id"))
    paren |= set(Declaratie.objects.values_list("gemeente_id", "aanbieder_id"))
    VerouderdPaar.objects.bulk_create(
        [VerouderdPaar(gemeente_id=g, aanbieder_id=a) for g, a in paren],
        ignore_conflicts=True,
    )
    aantal = bijwerken(vandaag=vandaag)
    tabellen_analyseren(Maandcijfer, ZorgTelling)
    return aantal
