"""Statuses, codes and deadlines of the declaraties domain."""

from django.db import models


class DeclaratieStatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    INGEDIEND = "ingediend", "Ingediend"
    BEANTWOORD = "beantwoord", "Beantwoord"
    TE_BEOORDELEN = "beoordelen", "Wordt beoordeeld door de gemeente"
    # Rejected as a whole (Header or Declaratie: 0001, 8214, 9333, …): counts as
    # not sent, kept with its reasons; its number and period are free again.
    AFGEKEURD = "afgekeurd", "Afgekeurd als geheel"


class PrestatieStatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    GOEDGEKEURD = "goedgekeurd", "Goedgekeurd"
    TE_BEOORDELEN = "beoordelen", "Te beoordelen"
    AFGEKEURD = "afgekeurd", "Afgekeurd"


class DebetCredit(models.TextChoices):
    DEBET = "D", "Debet"
    CREDIT = "C", "Credit"


EURO = "83"  # Eenheid: the volume is an amount in eurocents (IV042)
VERWIJDERD = "13"  # RedenWijziging: the toewijzing was removed (TR384)

# Frequentie of the toegewezen omvang
PER_DAG = "1"
PER_WEEK = "2"
PER_MAAND = "4"
TOTAAL = (
    "6"  # once for the whole toewijzing (a hulpmiddel: in the first full month, R-D7)
)
HULP_BIJ_HET_HUISHOUDEN = "01"  # IV077: always 6 × the weekvolume
# R-D7, seed 004: rolstoelen, vervoer-, woonvoorzieningen and overige hulpmiddelen
HULPMIDDELEN = frozenset({"11", "12", "13", "14"})

# R-D8: the 325 within 10 werkdagen (OP090x4); the seed contract allows 20.
ANTWOORD_TERMIJN = 10
CONTRACT_TERMIJN = 20

# Retourcodes of the 325 itself (rules.md §6)
GEEN_OPMERKING = "0200"
VOLLEDIG_TOEGEWEZEN = "8001"
ANTWOORD_OK = {GEEN_OPMERKING, VOLLEDIG_TOEGEWEZEN}
