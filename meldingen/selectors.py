"""The werkvoorraad: what a user's party must do, item by item, each with its
deadline in werkdagen (core.werkdagen) and a link to where it is done.

Every kind is read with a fixed number of queries (the first ITEMS_PER_SOORT rows
and, when there are more, one count of at most TELLEN_TOT rows), so the page costs
the same for a party with ten items or ten thousand and never counts all of a
large party's toewijzingen. Items marked handled (meldingen.Afgehandeld, for the
user or the whole party) are left out in the same query. Everything starts from
`visible_to(user)`: a user only ever sees the own party's work.
"""

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from berichten.constants import BerichtStatus
from berichten.models import Bericht
from core import werkdagen
from declaraties.constants import DebetCredit, DeclaratieStatus, PrestatieStatus
from declaraties.models import Declaratie, Prestatie
from meldingen.constants import (
    DIRECT_BINNEN_WERKDAGEN,
    GEWEIGERD_DAGEN,
    ITEMS_PER_SOORT,
    TELLEN_TOT,
    Frequentie,
    WerkSoort,
)
from meldingen.models import Afgehandeld, Melding, Voorkeur
from portaal import signalen
from stamgegevens.constants import WIJZIGING_OPEN, WijzigingStatus
from stamgegevens.models import Wijzigingsverzoek
from toewijzingen.constants import START_TERMIJN, VERZOEK_TERMIJN, VerzoekStatus
from toewijzingen.models import Toewijzing, Verzoek


@dataclass(frozen=True, slots=True)
class Item:
    soort: str  # WerkSoort
    object_id: int
    titel: str  # never a BSN or a cliënt's name
    url: str
    uiterlijk: date | None
    werkdagen_over: int | None  # negative: so many werkdagen too late

    @property
    def te_laat(self) -> bool:
        return self.werkdagen_over is not None and self.werkdagen_over < 0

    @property
    def werkdagen_te_laat(self) -> int:
        return -self.werkdagen_over if self.te_laat else 0

    @property
    def dringend(self) -> bool:
        """Due within DIRECT_BINNEN_WERKDAGEN werkdagen (or overdue)."""
        return (
            self.werkdagen_over is not None
            and self.werkdagen_over <= DIRECT_BINNEN_WERKDAGEN
        )


@dataclass
class Groep:
    soort: str
    label: str
    lijst_url: str  # where all of this kind are worked on
    aantal: int  # with `meer`: at least this many
    items: list[Item] = field(default_factory=list)
    meer: bool = False


def werkdagen_over(vandaag: date, uiterlijk: date | None) -> int | None:
    if uiterlijk is None:
        return None
    if uiterlijk >= vandaag:
        return werkdagen.werkdagen_tussen(vandaag, uiterlijk)
    return -werkdagen.werkdagen_tussen(uiterlijk, vandaag)


def laatste_werkdag_van_maand(dag: date) -> date:
    """Decision: a declaratie covers a month, so a rejected line must be corrected
    before the month is over to go with the next round."""
    laatste = date(dag.year, dag.month, calendar.monthrange(dag.year, dag.month)[1])
    while not werkdagen.is_werkdag(laatste):
        laatste -= timedelta(days=1)
    return laatste


# --- the kinds: (queryset, how a row becomes (titel, url, uiterlijk)) ------------------

Bron = tuple[QuerySet, Callable[[Any], tuple[str, str, date | None]]]


def _verzoeken(user, vandaag: date) -> Bron:
    """OP274: a verzoek om toewijzing gets its 301 or 319 within 5 werkdagen."""
    qs = (
        Verzoek.objects.visible_to(user)
        .filter(status=VerzoekStatus.OPEN)
        .select_related("aanbieder")
        .order_by("ingediend_op", "id")
    )
    return qs, lambda v: (
        f"{v.get_soort_display()} van {v.aanbieder.naam}",
        reverse("toewijzingen:verzoek-detail", args=[v.pk]),
        werkdagen.plus_werkdagen(
            timezone.localtime(v.ingediend_op).date(), VERZOEK_TERMIJN
        ),
    )


def _starts(user, vandaag: date) -> Bron:
    """R-S1/OP271: start zorg within 5 werkdagen, for running toewijzingen."""
    qs = (
        signalen.zonder_start(Toewijzing.objects.visible_to(user), vandaag)
        .filter(ingangsdatum__lte=vandaag)
        .select_related("product")
        .order_by("ingangsdatum", "id")
    )
    return qs, lambda t: (
        f"{t} · {t.product.code}",
        reverse("toewijzingen:toewijzing-detail", args=[t.pk]),
        werkdagen.plus_werkdagen(signalen.start_begin(t), START_TERMIJN),
    )


def _antwoorden(user, vandaag: date) -> Bron:
    """R-D8: the gemeente answers a declaratie with a 325 by antwoord_uiterlijk."""
    qs = (
        Declaratie.objects.visible_to(user)
        .filter(
            status__in=[DeclaratieStatus.INGEDIEND, DeclaratieStatus.TE_BEOORDELEN],
            antwoord_uiterlijk__isnull=False,
        )
        .select_related("aanbieder")
        .order_by("antwoord_uiterlijk", "id")
    )
    return qs, lambda d: (
        f"{d} van {d.aanbieder.naam}",
        reverse("declaraties:declaratie-detail", args=[d.pk]),
        d.antwoord_uiterlijk,
    )


def _afgekeurd(user, vandaag: date) -> Bron:
    """Declaraties with rejected lines not yet corrected (no accepted debet line
    follows them), before the next declaratie round."""
    gecorrigeerd = Prestatie.objects.filter(
        vorig_referentie=OuterRef("pk"), debet_credit=DebetCredit.DEBET
    ).exclude(status=PrestatieStatus.AFGEKEURD)
    open_regels = Prestatie.objects.filter(
        declaratie=OuterRef("pk"), status=PrestatieStatus.AFGEKEURD
    ).exclude(Exists(gecorrigeerd))
    qs = (
        Declaratie.objects.visible_to(user)
        .filter(Exists(open_regels))
        .order_by("periode_begin", "id")
    )
    uiterlijk = laatste_werkdag_van_maand(vandaag)
    return qs, lambda d: (
        f"{d}: afgekeurde regels",
        reverse("declaraties:declaratie-detail", args=[d.pk]),
        uiterlijk,
    )


def _wijzigingen(user, vandaag: date) -> Bron:
    """R-G1: an aanbieder's change waits for the gemeente; with four eyes the
    second approval must come from another contract manager."""
    qs = (
        Wijzigingsverzoek.objects.visible_to(user)
        .filter(status__in=WIJZIGING_OPEN)
        .exclude(status=WijzigingStatus.EERSTE_AKKOORD, eerste_akkoord_door=user)
        .select_related("aanbieder")
        .order_by("ingangsdatum", "id")
    )
    return qs, lambda w: (
        f"{w.aanbieder.naam}: {w.get_status_display().lower()}",
        w.get_absolute_url(),
        w.ingangsdatum,
    )


def _aflopend(user, vandaag: date) -> Bron:
    # The same rule as the stored signal: no successor and no verzoek onderhanden.
    qs, _ = signalen._toewijzing_loopt_af(Q(), "", vandaag)
    qs = qs.visible_to(user)
    return qs, lambda t: (
        f"{t} · {t.product.code}",
        reverse("toewijzingen:toewijzing-detail", args=[t.pk]),
        t.einddatum,
    )


def _geweigerd(user, vandaag: date) -> Bron:
    """Uploads of the user's own party refused at the door (recent ones)."""
    eigen = (
        Q(aangemaakt_door__gemeente_id=user.gemeente_id)
        if user.is_gemeente
        else Q(aangemaakt_door__aanbieder_id=user.aanbieder_id)
    )
    qs = (
        Bericht.objects.visible_to(user)
        .filter(
            eigen,
            status=BerichtStatus.GEWEIGERD,
            aangemaakt_op__gte=timezone.now() - timedelta(days=GEWEIGERD_DAGEN),
        )
        .order_by("-aangemaakt_op", "-id")
    )
    return qs, lambda b: (
        f"{b.bestandsnaam or b.bericht_type} "
        f"({timezone.localtime(b.aangemaakt_op):%d-%m-%Y %H:%M})",
        reverse("berichten:bericht-detail", args=[b.pk]),
        None,
    )


BRONNEN: dict[str, Callable[[Any, date], Bron]] = {
    WerkSoort.VERZOEK: _verzoeken,
    WerkSoort.START: _starts,
    WerkSoort.ANTWOORD: _antwoorden,
    WerkSoort.AFGEKEURD: _afgekeurd,
    WerkSoort.WIJZIGING: _wijzigingen,
    WerkSoort.AFLOOP: _aflopend,
    WerkSoort.GEWEIGERD: _geweigerd,
}

SOORTEN_PER_ROL = {
    "gemeente": [
        WerkSoort.VERZOEK,
        WerkSoort.ANTWOORD,
        WerkSoort.WIJZIGING,
        WerkSoort.AFLOOP,
        WerkSoort.GEWEIGERD,
    ],
    "aanbieder": [
        WerkSoort.START,
        WerkSoort.AFGEKEURD,
        WerkSoort.AFLOOP,
        WerkSoort.GEWEIGERD,
    ],
}

LIJSTEN = {
    WerkSoort.VERZOEK: ("toewijzingen:verzoek-list", "?open=true"),
    WerkSoort.START: ("toewijzingen:toewijzing-list", "?status=nieuw"),
    WerkSoort.ANTWOORD: ("declaraties:declaratie-list", ""),
    WerkSoort.AFGEKEURD: ("declaraties:afgekeurde-regels", ""),
    WerkSoort.WIJZIGING: ("stamgegevens:wijzigingsverzoek-list", "?status=open"),
    WerkSoort.AFLOOP: ("toewijzingen:signaal-list", ""),
    WerkSoort.GEWEIGERD: ("berichten:bericht-list", "?status=geweigerd"),
}


def soorten_voor(user) -> list[str]:
    return SOORTEN_PER_ROL.get(user.rol, []) if _heeft_partij(user) else []


def _heeft_partij(user) -> bool:
    return (user.is_gemeente and user.gemeente_id) or (
        user.is_aanbieder and user.aanbieder_id
    )


def lijst_url(soort: str) -> str:
    naam, query = LIJSTEN[soort]
    return reverse(naam) + query


def afgehandeld_q(user) -> Q:
    """The marks that hide an item from `user`: the user's own and the party's."""
    partij = (
        Q(gemeente_id=user.gemeente_id)
        if user.is_gemeente
        else Q(aanbieder_id=user.aanbieder_id)
    )
    return partij & (Q(gebruiker__isnull=True) | Q(gebruiker=user))


def _open(user, soort: str, vandaag: date) -> Bron:
    qs, maak = BRONNEN[soort](user, vandaag)
    verborgen = Afgehandeld.objects.filter(afgehandeld_q(user), soort=soort)
    return qs.exclude(pk__in=verborgen.values("object_id")), maak


def _item(soort: str, obj, maak, vandaag: date) -> Item:
    titel, url, uiterlijk = maak(obj)
    return Item(
        soort, obj.pk, titel, url, uiterlijk, werkdagen_over(vandaag, uiterlijk)
    )


def werkvoorraad(
    *,
    user,
    vandaag: date | None = None,
    per_soort: int = ITEMS_PER_SOORT,
    tellen_tot: int | None = TELLEN_TOT,
) -> list[Groep]:
    """The open items of the user's party per kind: the first `per_soort` (earliest
    deadline first) and how many there are, counted up to `tellen_tot` (the start
    page never counts a large party's rows in full; None: count them all, as the
    e-mails do). Kinds without items are left out."""
    vandaag = vandaag or timezone.localdate()
    groepen = []
    for soort in soorten_voor(user):
        qs, maak = _open(user, soort, vandaag)
        rijen = list(qs[: per_soort + 1])
        if len(rijen) <= per_soort:
            aantal = len(rijen)
        elif tellen_tot is None:
            aantal = qs.count()
        else:
            aantal = qs[: tellen_tot + 1].count()
        if not aantal:
            continue
        meer = tellen_tot is not None and aantal > tellen_tot
        groepen.append(
            Groep(
                soort=soort,
                label=WerkSoort(soort).label,
                lijst_url=lijst_url(soort),
                aantal=min(aantal, tellen_tot) if meer else aantal,
                items=[_item(soort, obj, maak, vandaag) for obj in rijen[:per_soort]],
                meer=meer,
            )
        )
    return groepen


def open_item(*, user, soort: str, object_id: int) -> Item | None:
    """One item of the user's werkvoorraad (None when it is not there: another
    party's, done, or already marked handled)."""
    if soort not in soorten_voor(user):
        return None
    vandaag = timezone.localdate()
    qs, maak = _open(user, soort, vandaag)
    obj = qs.filter(pk=object_id).first()
    return _item(soort, obj, maak, vandaag) if obj is not None else None


def melding_list(*, user) -> QuerySet[Melding]:
    return Melding.objects.filter(gebruiker=user)


def aantal_ongelezen(*, user) -> int:
    return melding_list(user=user).filter(gelezen_op__isnull=True).count()


def voorkeuren_van(*, user) -> dict[str, str]:
    """The user's e-mail frequency per kind of the role; the daily digest when
    never chosen."""
    gekozen = dict(
        Voorkeur.objects.filter(gebruiker=user).values_list("soort", "frequentie")
    )
    return {
        soort: gekozen.get(soort, Frequentie.DAGELIJKS) for soort in soorten_voor(user)
    }
