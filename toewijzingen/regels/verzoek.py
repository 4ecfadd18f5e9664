"""Rules on verzoeken (WMO315/317/319)."""

from datetime import date

from core import codelijsten
from toewijzingen.constants import (
    VerzoekStatus,
)
from toewijzingen.regels.basis import Overtreding


def tr347_referentie_uniek(*, al_gebruikt: bool) -> Overtreding | None:
    if al_gebruikt:
        return Overtreding(
            "TR347", "9347", "Deze ReferentieAanbieder is al eerder gebruikt."
        )
    return None


def tr374_geen_onderhanden_verzoek(*, onderhanden: bool) -> Overtreding | None:
    if onderhanden:
        return Overtreding(
            "TR374", "9374", "Er is al een verzoek in behandeling voor deze cliënt."
        )
    return None


def tr349_alle_actuele_toewijzingen(
    *, genoemd: set[int], actueel: set[int]
) -> Overtreding | None:
    """TR349: a verzoek om wijziging names every actual toewijzing of the cliënt."""
    if genoemd != actueel:
        return Overtreding(
            "TR349",
            "9349",
            "Het verzoek om wijziging bevat niet precies alle actuele toewijzingen van de cliënt.",
        )
    return None


def tr352_tr353_verzoek_om_wijziging(
    *, ongewijzigd: int, te_wijzigen: int, nieuw: int
) -> Overtreding | None:
    if ongewijzigd + te_wijzigen == 0:
        return Overtreding(
            "TR352",
            "0001",
            "Een verzoek om wijziging noemt minstens één bestaande toewijzing.",
        )
    if te_wijzigen + nieuw == 0:
        return Overtreding(
            "TR353",
            "0001",
            "Een verzoek om wijziging vraagt minstens één wijziging of nieuw product.",
        )
    return None


def tr380_gewenste_ingangsdatum(
    *, gewenst: date, dagtekening: date, oorspronkelijk: date | None = None
) -> Overtreding | None:
    """TR380/TR357: GewensteIngangsdatum lies after the dagtekening, unless it equals the original ingangsdatum."""
    if gewenst <= dagtekening and gewenst != oorspronkelijk:
        return Overtreding(
            "TR357", "9357", "De gewenste ingangsdatum moet na vandaag liggen."
        )
    return None


def tr359_antwoord_mogelijk(status: str, *, in_onderzoek: bool) -> Overtreding | None:
    """TR359/TR360/TR365: answer a verzoek only once, after at most one 'in onderzoek'."""
    if status == VerzoekStatus.GEHONOREERD:
        return Overtreding(
            "TR359", "9359", "Dit verzoek is al gehonoreerd met een toewijzing."
        )
    if status == VerzoekStatus.AFGEWEZEN:
        return Overtreding("TR365", "9365", "Dit verzoek is al afgewezen.")
    if in_onderzoek and status == VerzoekStatus.IN_ONDERZOEK:
        return Overtreding("TR360", "9360", "Dit verzoek is al in onderzoek gemeld.")
    return None


def cd085_reden_afwijzing(reden: str) -> Overtreding | None:
    if not codelijsten.is_valid("LDT_RedenAfwijzingVerzoek", reden):
        return Overtreding("CD085", "0001", "Geef een geldige reden van afwijzing.")
    return None
