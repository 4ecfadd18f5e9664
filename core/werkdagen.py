"""Werkdagen: Monday to Friday, except Dutch public holidays (the `holidays` library).

Bevrijdingsdag (5 May) counts as a holiday only in lustrum years, as the library has it.
"""

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _feestdagen(jaar: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=jaar))


def is_werkdag(dag: date) -> bool:
    return dag.weekday() < 5 and dag not in _feestdagen(dag.year)


def plus_werkdagen(dag: date, aantal: int) -> date:
    """The date `aantal` werkdagen after `dag` (dag itself does not count)."""
    stap = 1 if aantal >= 0 else -1
    resterend = abs(aantal)
    while resterend:
        dag += timedelta(days=stap)
        if is_werkdag(dag):
            resterend -= 1
    return dag


def werkdagen_tussen(begin: date, eind: date) -> int:
    """Number of werkdagen after `begin` up to and including `eind` (0 when eind <= begin)."""
    dagen = 0
    dag = begin
    while dag < eind:
        dag += timedelta(days=1)
        if is_werkdag(dag):
            dagen += 1
    return dagen
