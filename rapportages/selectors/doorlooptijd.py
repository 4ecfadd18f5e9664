"""Doorlooptijden in werkdagen: median and 90th percentile."""

import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Sum
from django.db.models.functions import TruncDate

from core.werkdagen import werkdagen_tussen
from declaraties.models import Declaratie, Prestatie
from rapportages.models import Maandcijfer
from rapportages.selectors.jaarcijfers import maandcijfers, uit_samenvatting
from rapportages.selectors.keuze import Keuze, partijen_q
from toewijzingen.constants import LeveringSoort, StatusAanlevering, VerzoekSoort
from toewijzingen.models import Levering, Verzoek


def percentiel(telling: dict[int, int], p: float) -> int | None:
    """Nearest rank: the smallest value with at least p % of the cases at or below it.
    `telling` maps a value to how often it occurs."""
    n = sum(telling.values())
    if not n:
        return None
    rang = max(1, math.ceil(p / 100 * n))
    gezien = 0
    for waarde in sorted(telling):
        gezien += telling[waarde]
        if gezien >= rang:
            return waarde
    return None  # pragma: no cover


@dataclass
class Doorlooptijd:
    naam: str
    telling: dict[int, int] = field(default_factory=dict)

    @property
    def aantal(self) -> int:
        return sum(self.telling.values())

    @property
    def mediaan(self) -> int | None:
        return percentiel(self.telling, 50)

    @property
    def p90(self) -> int | None:
        return percentiel(self.telling, 90)


def _in_werkdagen(paren) -> dict[int, int]:
    """(begin, eind, aantal) grouped by the database → werkdagen → how often."""
    telling: dict[int, int] = defaultdict(int)
    for begin, eind, aantal in paren:
        telling[werkdagen_tussen(begin, eind)] += aantal
    return dict(telling)


def doorlooptijden(*, user, keuze: Keuze) -> list[Doorlooptijd]:
    """315 → 301/319, 301 → 305 (start), 323 → 325 in werkdagen, of the year in
    which the first message came. Three queries, grouped by (begin, eind) date; the
    starts from the summary (grouped per werkdagen there)."""
    verzoeken = (
        Verzoek.objects.visible_to(user)
        .filter(partijen_q(keuze), soort=VerzoekSoort.TOEWIJZING)
        .filter(beantwoord_op__isnull=False, ingediend_op__year=keuze.jaar)
    )
    starts = (
        Levering.objects.visible_to(user)
        .filter(partijen_q(keuze, "toewijzing__"), soort=LeveringSoort.START)
        .filter(status_aanlevering=StatusAanlevering.EERSTE, vervallen=False)
        .filter(toewijzing__toewijzingsdatum__year=keuze.jaar)
    )
    declaraties = (
        Declaratie.objects.visible_to(user)
        .filter(partijen_q(keuze))
        .filter(beantwoord_op__isnull=False, ingediend_op__year=keuze.jaar)
    )
    if keuze.categorie:
        verzoeken = verzoeken.filter(producten__product__categorie=keuze.categorie)
        starts = starts.filter(toewijzing__product__categorie=keuze.categorie)
        declaraties = declaraties.filter(
            pk__in=Prestatie.objects.filter(product_categorie=keuze.categorie).values(
                "declaratie_id"
            )
        )

    def paren(qs, begin, eind):
        return (
            qs.annotate(b=begin, e=eind)
            .values("b", "e")
            .annotate(n=Count("pk", distinct=True))
            .order_by()
            .values_list("b", "e", "n")
        )

    if uit_samenvatting(keuze):
        start_telling = dict(
            maandcijfers(user=user, keuze=keuze)
            .filter(status=Maandcijfer.START)
            .values("werkdagen")
            .annotate(n=Sum("aantal"))
            .order_by()
            .values_list("werkdagen", "n")
        )
    else:
        start_telling = _in_werkdagen(
            paren(starts, F("toewijzing__toewijzingsdatum"), TruncDate("aangemaakt_op"))
        )
    return [
        Doorlooptijd(
            "Verzoek om toewijzing (315) → antwoord (301/319)",
            _in_werkdagen(
                paren(verzoeken, TruncDate("ingediend_op"), TruncDate("beantwoord_op"))
            ),
        ),
        Doorlooptijd("Toewijzing (301) → start zorg (305)", start_telling),
        Doorlooptijd(
            "Declaratie (323) → antwoord (325)",
            _in_werkdagen(
                paren(
                    declaraties, TruncDate("ingediend_op"), TruncDate("beantwoord_op")
                )
            ),
        ),
    ]
