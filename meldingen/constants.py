from django.db import models

# Deadlines this close (in werkdagen) are e-mailed at once, whatever the preference
# (unless it is "uit").
DIRECT_BINNEN_WERKDAGEN = 2

# Items per kind shown on the start page; the count covers them all.
ITEMS_PER_SOORT = 10
# A sending run turns at most this many items per kind (earliest deadline first)
# into meldingen and e-mails at once; the digest counts them all.
MELDEN_PER_SOORT = 100

# The start page counts the items of a kind up to this many ("100+").
TELLEN_TOT = 100

# Refused uploads stay in the werkvoorraad this many days (they have no deadline).
GEWEIGERD_DAGEN = 30


class WerkSoort(models.TextChoices):
    VERZOEK = "verzoek", "Verzoeken om toewijzing te beantwoorden"
    START = "start", "Start zorg nog niet gemeld"
    ANTWOORD = "antwoord", "Declaraties die op hun 325 wachten"
    AFGEKEURD = "afgekeurd", "Afgekeurde regels nog niet gecorrigeerd"
    WIJZIGING = "wijziging", "Wijzigingsverzoeken te beoordelen"
    AFLOOP = "afloop", "Toewijzingen die binnen 8 weken aflopen"
    GEWEIGERD = "geweigerd", "Geweigerde uploads"


class Frequentie(models.TextChoices):
    DIRECT = "direct", "Direct"
    DAGELIJKS = "dagelijks", "Dagelijks overzicht"
    UIT = "uit", "Uit"
