"""The dashboards' reads, always scoped to the user: figures and their display rows.

Every figure is an aggregate the database groups (GROUP BY): each function runs a
fixed number of queries whatever the amount of data; Python only spreads the groups
over months or turns counts into percentiles. The money figures, the budget
uitputting, the uitval and the 301 → 305 doorlooptijd read the summary
`rapportages.Maandcijfer`, a gemeente's cliënten in zorg `rapportages.ZorgTelling`
(both kept by rapportages/samenvatting.py); a year past the summary is computed live.

- keuze: what is shown (year, party, categorie) and the shared filters;
- geld: toegewezen, ingediend, toegekend, afgekeurd computed live (also what the
  summary stores), prognose;
- jaarcijfers: the money figures and the uitputting of a year from the summary;
- zorg: cliënten in zorg, toewijzingen ending soon;
- doorlooptijd: werkdagen between messages, median and 90th percentile;
- uitvalcijfers: rejected lines per party and retourcode;
- tabellen: all of it as tables and charts, and the Excel dataset.
"""

from rapportages.selectors.doorlooptijd import (
    Doorlooptijd,
    doorlooptijden,
    percentiel,
)
from rapportages.selectors.geld import (
    Bedragen,
    Uitputting,
    gedeclareerd,
    prognose,
    toegewezen,
)
from rapportages.selectors.jaarcijfers import Financieel, financieel, uitputting
from rapportages.selectors.keuze import Keuze
from rapportages.selectors.tabellen import Kolom, Tabel, als_dataset, tabellen_voor
from rapportages.selectors.uitvalcijfers import UitvalRij, uitval
from rapportages.selectors.zorg import clienten_in_zorg, eindigend

__all__ = [
    "Bedragen",
    "Doorlooptijd",
    "Financieel",
    "Keuze",
    "Kolom",
    "Tabel",
    "UitvalRij",
    "Uitputting",
    "als_dataset",
    "clienten_in_zorg",
    "doorlooptijden",
    "eindigend",
    "financieel",
    "gedeclareerd",
    "percentiel",
    "prognose",
    "tabellen_voor",
    "toegewezen",
    "uitputting",
    "uitval",
]
