from django.db import models

from core import codelijsten

GESLACHT_CHOICES = codelijsten.choices(codelijsten.GESLACHT)
REDEN_WIJZIGING_CHOICES = codelijsten.choices(codelijsten.REDEN_WIJZIGING)
REDEN_BEEINDIGING_CHOICES = codelijsten.choices(codelijsten.REDEN_BEEINDIGING)
EENHEID_CHOICES = codelijsten.choices(codelijsten.EENHEID)
FREQUENTIE_CHOICES = codelijsten.choices(codelijsten.FREQUENTIE)
NAAM_GEBRUIK_CHOICES = codelijsten.choices("LDT_NaamGebruik")
REDEN_VERZOEK_CHOICES = codelijsten.choices("LDT_RedenVerzoek")
REDEN_AFWIJZING_CHOICES = codelijsten.choices("LDT_RedenAfwijzingVerzoek")


class RedenWijziging:
    """LDT_RedenWijziging codes the services set themselves."""

    CLIENT_OVERLEDEN = "02"
    UITSTROOM_ANDER_DOMEIN = "06"  # R-T7: Wlz-instelling
    VERHUIZING = "07"  # R-T7: andere gemeente
    VERLENGING = "04"  # OP380
    DOOR_AANBIEDER = "12"  # honouring a verzoek om wijziging
    VERWIJDERD = "13"
    VERVALLEN = "01"  # CS336: never used


class RedenBeeindiging:
    OVERLIJDEN = "02"
    TIJDELIJK = "20"


class StatusAanlevering:
    EERSTE = "1"
    GEWIJZIGD = "2"  # OP033: not allowed
    VERWIJDEREN = "3"


class Eenheid:
    STUKS = "82"
    EURO = "83"


class Frequentie:
    PER_WEEK = "2"
    PER_MAAND = "4"
    TOTAAL = "6"


# CS338: with these eenheden the frequentie is per week, per maand or totaal.
EENHEDEN_MET_BEPERKTE_FREQUENTIE = {"14", "16", "83", "84"}
FREQUENTIES_BIJ_BEPERKTE_EENHEID = {"2", "4", "6"}


class Prijsvorm(models.TextChoices):
    """The three formats of seed 004 §1 (R-T4)."""

    VASTE_PRIJS = "vaste_prijs", "Vaste prijs"
    VARIABELE_PRIJS = "variabele_prijs", "Variabele prijs"
    ONDERHOUD = "onderhoud", "Onderhoud"


class LeveringSoort(models.TextChoices):
    START = "start", "Start zorg (WMO305)"
    STOP = "stop", "Stop zorg (WMO307)"


class ToewijzingStatus(models.TextChoices):
    """Status of a toewijzing as the aanbieder sees it (computed, not stored)."""

    NIEUW = "nieuw", "Nieuw"
    GESTART = "gestart", "Gestart"
    GESTOPT = "gestopt", "Gestopt"
    BEEINDIGD = "beeindigd", "Beëindigd"
    VERLOPEN = "verlopen", "Verlopen"


class VerzoekSoort(models.TextChoices):
    TOEWIJZING = "WMO315", "Verzoek om toewijzing"
    WIJZIGING = "WMO317", "Verzoek om wijziging"


class VerzoekStatus(models.TextChoices):
    OPEN = "open", "Open"
    GEHONOREERD = "gehonoreerd", "Gehonoreerd"
    AFGEWEZEN = "afgewezen", "Afgewezen"
    IN_ONDERZOEK = "in_onderzoek", "In onderzoek"


# TR374: a verzoek in one of these states is "onderhanden".
VERZOEK_ONDERHANDEN = [VerzoekStatus.OPEN, VerzoekStatus.IN_ONDERZOEK]


class VerzoekProductSoort(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", "Aangevraagd (315)"
    ONGEWIJZIGD = "ongewijzigd", "Ongewijzigd (317)"
    TE_WIJZIGEN = "te_wijzigen", "Te wijzigen (317)"
    NIEUW = "nieuw", "Nieuw (317)"


class VerzoekAntwoord:
    AFGEWEZEN = "1"
    IN_ONDERZOEK = "2"


class SignaalSoort(models.TextChoices):
    RETOUR_ONTBREEKT = "retour_ontbreekt", "Retourbericht ontbreekt (R-W1, OP090)"
    START_ONTBREEKT = "start_ontbreekt", "Start zorg niet gemeld (R-S1, OP271)"
    VERZOEK_ONBEANTWOORD = "verzoek_onbeantwoord", "Verzoek niet beantwoord (OP274)"
    IN_ONDERZOEK_TE_LANG = (
        "in_onderzoek_te_lang",
        "Verzoek langer dan 8 weken in onderzoek (OP346)",
    )
    ANTWOORD_ONTBREEKT = (
        "antwoord_ontbreekt",
        "Declaratie-antwoord (WMO325) niet binnen 10 werkdagen (R-D8)",
    )
    TOEWIJZING_LOOPT_AF = "toewijzing_loopt_af", "Toewijzing loopt af zonder opvolger"


class SignaalStatus(models.TextChoices):
    OPEN = "open", "Open"
    AFGEHANDELD = "afgehandeld", "Afgehandeld"
    # The condition no longer holds (the retour or start arrived): not shown.
    OPGELOST = "opgelost", "Vanzelf opgelost"


class SignaalObject(models.TextChoices):
    """What a stored signal is about."""

    BERICHT = "bericht", "Bericht"
    TOEWIJZING = "toewijzing", "Toewijzing"
    VERZOEK = "verzoek", "Verzoek"
    DECLARATIE = "declaratie", "Declaratie"


# Deadlines in werkdagen (R-W1/OP090, R-S1/OP271, OP274) and the look-ahead in days.
RETOUR_TERMIJN = 3
START_TERMIJN = 5
VERZOEK_TERMIJN = 5
AFLOOP_VOORUIT_DAGEN = 8 * 7
# OP346: a verzoek in onderzoek gets its final answer within 8 weeks (calendar).
IN_ONDERZOEK_DAGEN = 8 * 7

# ToewijzingNummer is an integer of at most 9 digits.
TOEWIJZINGNUMMER_MAX = 999_999_999
