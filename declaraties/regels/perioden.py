"""Periods and volumes of a toewijzing (IV076/IV077, IV089, R-D7) and the keys of a Prestatie."""

import calendar
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

from berichten.xml.types import Prestatie as PrestatieBericht
from declaraties.constants import (
    EURO,
    HULP_BIJ_HET_HUISHOUDEN,
    HULPMIDDELEN,
    PER_DAG,
    PER_WEEK,
    TOTAAL,
)
from stamgegevens.constants import Uitvoeringsvariant
from toewijzingen.constants import LeveringSoort
from toewijzingen.models import Levering, Toewijzing

# --- periods and volumes ---------------------------------------------------------


def maand_begin(dag: date) -> date:
    return dag.replace(day=1)


@lru_cache(maxsize=4096)
def maand_eind(dag: date) -> date:
    """The last day of `dag`'s month (cached: every line of a 323 asks it)."""
    return dag.replace(day=calendar.monthrange(dag.year, dag.month)[1])


def volgende_maand(dag: date) -> date:
    return maand_eind(dag) + timedelta(days=1)


def product_periode(toewijzing: Toewijzing, maand: date) -> tuple[date, date] | None:
    """IV089: the ProductPeriode of `toewijzing` in the month of `maand`, or None."""
    begin = max(maand_begin(maand), toewijzing.ingangsdatum)
    eind = maand_eind(maand)
    if toewijzing.einddatum:
        eind = min(eind, toewijzing.einddatum)
    return (begin, eind) if begin <= eind else None


def _weken(begin: date, eind: date) -> int:
    """The number of calendar week numbers with a day in begin..eind (IV077):
    ISO weeks run Monday to Sunday, so count the Mondays from begin's week on."""
    if eind < begin:
        return 0
    maandag = begin - timedelta(days=begin.weekday())
    return (eind - maandag).days // 7 + 1


def _zondagen(begin: date, eind: date) -> int:
    """The number of Sundays in begin..eind."""
    tot_zondag = (6 - begin.weekday()) % 7
    eerste = begin + timedelta(days=tot_zondag)
    return 0 if eerste > eind else (eind - eerste).days // 7 + 1


def _weken_outputgericht(toewijzing: Toewijzing, begin: date, eind: date) -> int:
    """IV077, outputgericht: the Sundays in the ProductPeriode, plus one week in the
    period of the toewijzing's last Sunday when its einddatum is not a Sunday (the
    period of the ingangsdatum when the toewijzing has no Sunday at all)."""
    weken = _zondagen(begin, eind)
    einde = toewijzing.einddatum
    if einde is not None and einde.weekday() != 6:
        laatste_zondag = einde - timedelta(days=(einde.weekday() + 1) % 7)
        if begin <= max(laatste_zondag, toewijzing.ingangsdatum) <= eind:
            weken += 1
    return weken


def is_outputgericht(toewijzing: Toewijzing) -> bool:
    """The uitvoeringsvariant of the toewijzing's contract (select_related it)."""
    return toewijzing.contract.uitvoeringsvariant == Uitvoeringsvariant.OUTPUTGERICHT


def max_volume_per_periode(
    toewijzing: Toewijzing, begin: date, eind: date
) -> int | None:
    """TR321, IV076/IV077: the toegewezen omvang within one ProductPeriode.

    Per week, by the uitvoeringsvariant of the contract (IV077): inspanningsgericht
    counts the calendar week numbers in the period (always 6 for hulp bij het
    huishouden); outputgericht counts the Sundays (plus the last, broken week)."""
    if toewijzing.volume is None:
        return None
    volume, frequentie = toewijzing.volume, toewijzing.frequentie
    if frequentie == PER_DAG:
        return volume * ((eind - begin).days + 1)
    if frequentie == PER_WEEK:
        if is_outputgericht(toewijzing):
            return _weken_outputgericht(toewijzing, begin, eind) * volume
        if toewijzing.product.categorie == HULP_BIJ_HET_HUISHOUDEN:
            return 6 * volume
        return _weken(begin, eind) * volume
    return volume  # per maand, or totaal (TR322 checks the sum)


def max_volume_totaal(toewijzing: Toewijzing) -> int | None:
    """TR322: the omvang over the whole toewijzing; None when it has no end.

    Per week (IV077): the calendar weeks of the whole toewijzingsperiode, each
    week once, × the weekvolume — not the sum of the months' maxima, which count a
    week that crosses a month end twice (and 6 weeks a month for hulp bij het
    huishouden). The standard's example: 3 uur per week, 07-10-2025 t/m
    30-12-2025 = 13 weeks = 39 uur, not 12 + 15 + 15 = 42.
    """
    if toewijzing.volume is None:
        return None
    if toewijzing.frequentie == TOTAAL:
        return toewijzing.volume
    if toewijzing.einddatum is None:
        return None
    if toewijzing.frequentie == PER_WEEK:
        weken = _weken(toewijzing.ingangsdatum, toewijzing.einddatum)
        return weken * toewijzing.volume
    totaal, maand = 0, maand_begin(toewijzing.ingangsdatum)
    while maand <= toewijzing.einddatum:
        periode = product_periode(toewijzing, maand)
        if periode:
            totaal += max_volume_per_periode(toewijzing, *periode) or 0
        maand = volgende_maand(maand)
    return totaal


def is_hulpmiddel(toewijzing: Toewijzing) -> bool:
    """R-D7 (seed 004 §1, §6): a hulpmiddel (categorie 11–14) at a vaste or
    variabele prijs, toegewezen once (frequentie 6). Onderhoud (frequentie 4) is
    declared every month; other products with frequentie 6 in any month."""
    return (
        toewijzing.product.categorie in HULPMIDDELEN and toewijzing.frequentie == TOTAAL
    )


def eerste_volle_maand(toewijzing: Toewijzing) -> date:
    """R-D7: a hulpmiddel is declared in the first full month of the toewijzing."""
    if toewijzing.ingangsdatum.day == 1:
        return toewijzing.ingangsdatum
    return volgende_maand(toewijzing.ingangsdatum)


def zorgperioden(leveringen: Iterable[Levering]) -> list[tuple[date, date | None]]:
    """The periods of care from the actual starts (305) and stops (307) of one
    toewijzing: a stop ends the start with its begindatum, a later start (a
    restart) opens a new period. Oldest first; None: not stopped."""
    stops = {
        lev.begindatum: lev.einddatum
        for lev in leveringen
        if lev.soort == LeveringSoort.STOP and lev.einddatum
    }
    return sorted(
        (lev.begindatum, stops.get(lev.begindatum))
        for lev in leveringen
        if lev.soort == LeveringSoort.START
    )


def geleverde_periode(
    periode: tuple[date, date], zorg: list[tuple[date, date | None]]
) -> tuple[date, date] | None:
    """The ProductPeriode `periode` ended by a stop zorg: None when no care ran
    in it; else it keeps its begin (TR387) and ends at the last stop in it, or
    runs to its end when care runs on."""
    begin, eind = periode
    einden = [
        eind if stop is None else min(stop, eind)
        for start, stop in zorg
        if start <= eind and (stop is None or stop >= begin)
    ]
    return (begin, max(einden)) if einden else None


def bedrag_van(p: PrestatieBericht) -> int:
    """The amount that counts against a Budget: the volume in cents at Eenheid 83."""
    return p.geleverd_volume if p.eenheid == EURO else p.ingediend_bedrag.bedrag


def sleutel(p: PrestatieBericht) -> tuple:
    """TR416 / TR389: ToewijzingNummer + ProductPeriode + product."""
    periode = p.product_periode
    return (
        p.toewijzing_nummer,
        periode.begindatum,
        periode.einddatum,
        p.product_categorie,
        p.product_code,
    )
