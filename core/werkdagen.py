"""Werkdagen: Monday to Friday, except the algemeen erkende feestdagen.

Decision (checked against the law, not the `holidays` library's default): the
Algemene termijnenwet (Stb. 1964, 314), art. 3 lid 1, names as algemeen erkende
feestdagen "de Nieuwjaarsdag, de Christelijke tweede Paas- en Pinksterdag, de beide
Kerstdagen, de Hemelvaartsdag, de dag waarop de verjaardag van de Koning wordt
gevierd en de vijfde mei"; lid 2 puts Goede Vrijdag on a par with them. "De vijfde
mei" is every year, not only in lustrum years (the five-yearly day off is a matter of
cao's, not of the law), so 5 May is never a werkdag here. The `holidays` library
(NL) has Bevrijdingsdag only every fifth year; `_feestdagen` adds it for every year.
Source: the text of art. 3 as quoted at https://wvhl.nl/algemeen/de-algemene-termijnenwet
and https://nl.wikipedia.org/wiki/Algemene_termijnenwet (5 May added by the 1981 change
of art. 3 lid 1); the official text is on wetten.overheid.nl.
Days put on a par by a koninklijk besluit under lid 3 (the Friday after
Hemelvaartsdag, bridge days) are not included: they change every few years and
the iWmo deadlines count werkdagen, not those extensions.
"""

from datetime import date, timedelta
from functools import cache, lru_cache

import holidays


@cache
def _feestdagen(jaar: int) -> frozenset[date]:
    # Algemene termijnenwet art. 3 lid 1: "de vijfde mei", every year.
    return frozenset(holidays.country_holidays("NL", years=jaar)) | {date(jaar, 5, 5)}


def is_werkdag(dag: date) -> bool:
    return dag.weekday() < 5 and dag not in _feestdagen(dag.year)


# Pure functions of a few distinct dates: the signals call them for thousands of
# rows that share their dates.
@lru_cache(maxsize=8192)
def plus_werkdagen(dag: date, aantal: int) -> date:
    """The date `aantal` werkdagen after `dag` (dag itself does not count)."""
    stap = 1 if aantal >= 0 else -1
    resterend = abs(aantal)
    while resterend:
        dag += timedelta(days=stap)
        if is_werkdag(dag):
            resterend -= 1
    return dag


@lru_cache(maxsize=8192)
def werkdagen_tussen(begin: date, eind: date) -> int:
    """Number of werkdagen after `begin` up to and including `eind` (0 when eind <= begin)."""
    dagen = 0
    dag = begin
    while dag < eind:
        dag += timedelta(days=1)
        if is_werkdag(dag):
            dagen += 1
    return dagen
