"""Rules on toewijzingen (WMO301) and on changing them (R-T1…R-T8)."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from typing import Protocol

from berichten.regels.producten import OVERLAP_TOEGESTAAN
from core import codelijsten
from core.exceptions import ApplicationError
from toewijzingen.constants import (
    EENHEDEN_MET_BEPERKTE_FREQUENTIE,
    FREQUENTIES_BIJ_BEPERKTE_EENHEID,
    TOEWIJZINGNUMMER_MAX,
    Eenheid,
    Frequentie,
    Prijsvorm,
    RedenBeeindiging,
    RedenWijziging,
)
from toewijzingen.regels.basis import (
    LeveringVorm,
    Overtreding,
    eerste,
    einde_maand,
    einde_maand_plus,
)


def r_t2_toewijzingnummer(nummer: int) -> Overtreding | None:
    """R-T2/TR332: a generated number; the ToewijzingNummer has at most 9 digits."""
    if not 0 < nummer <= TOEWIJZINGNUMMER_MAX:
        return Overtreding(
            "R-T2", "", "De nummerreeks voor toewijzingnummers (9 cijfers) is op."
        )
    return None


def r_t3_toewijzingsmoment(nu: datetime) -> tuple[date, time]:
    """R-T3/IV013: Toewijzingsdatum and -tijd are the moment of sending (whole seconds)."""
    return nu.date(), nu.time().replace(microsecond=0, tzinfo=None)


def r_t4_omvang_voor(
    prijsvorm: str, *, bedrag: int | None = None
) -> tuple[int, str, str]:
    """R-T4 (seed 004 §1): volume, eenheid, frequentie for the three formats."""
    if prijsvorm == Prijsvorm.VASTE_PRIJS:
        return 1, Eenheid.STUKS, Frequentie.TOTAAL
    if prijsvorm == Prijsvorm.ONDERHOUD:
        return 1, Eenheid.STUKS, Frequentie.PER_MAAND
    if prijsvorm == Prijsvorm.VARIABELE_PRIJS:
        if not bedrag or bedrag <= 0:
            raise ApplicationError(
                "Bij een variabele prijs is het bedrag in eurocenten (incl. btw) "
                "verplicht (R-T4).",
                code="R-T4",
            )
        return bedrag, Eenheid.EURO, Frequentie.TOTAAL
    raise ApplicationError(f"Onbekende prijsvorm: {prijsvorm}.", code="R-T4")


def r_t4_omvang(
    *,
    volume: int | None,
    eenheid: str,
    frequentie: str,
    budget: int | None,
    einddatum: date | None,
) -> Overtreding | None:
    """R-T4 with CD077/CD078 (omvang xor budget), CD075/CD076 and CS338."""
    heeft_omvang = volume is not None or bool(eenheid) or bool(frequentie)
    if heeft_omvang and budget is not None:
        return Overtreding(
            "CD077", "0001", "Geef een omvang óf een budget, niet beide."
        )
    if not heeft_omvang and budget is None:
        return Overtreding(
            "R-T4",
            "0001",
            "Geef een omvang (volume, eenheid, frequentie) of een budget.",
        )
    if budget is not None:
        if budget <= 0:
            return Overtreding(
                "R-T4", "0001", "Het budget (in eurocenten) moet groter dan 0 zijn."
            )
        if einddatum is None:
            return Overtreding(
                "CD075", "0001", "Bij een budget is een einddatum verplicht."
            )
        return None
    if volume is None or volume <= 0 or not eenheid or not frequentie:
        return Overtreding(
            "R-T4",
            "0001",
            "Een omvang bestaat uit een volume groter dan 0, een eenheid en een frequentie.",
        )
    if not codelijsten.is_valid(codelijsten.EENHEID, eenheid):
        return Overtreding("R-T4", "0001", f"Eenheid {eenheid} bestaat niet.")
    if not codelijsten.is_valid(codelijsten.FREQUENTIE, frequentie):
        return Overtreding("R-T4", "0001", f"Frequentie {frequentie} bestaat niet.")
    if frequentie == Frequentie.PER_WEEK and einddatum is None:
        return Overtreding(
            "CD076", "0001", "Bij frequentie 'per week' is een einddatum verplicht."
        )
    if (
        eenheid in EENHEDEN_MET_BEPERKTE_FREQUENTIE
        and frequentie not in FREQUENTIES_BIJ_BEPERKTE_EENHEID
    ):
        return Overtreding(
            "CS338",
            "0001",
            f"Bij eenheid {eenheid} is de frequentie per week, per maand of totaal.",
        )
    return None


def cs003_einddatum(ingangsdatum: date, einddatum: date | None) -> Overtreding | None:
    if einddatum is not None and einddatum < ingangsdatum:
        return Overtreding("CS003", "0001", "De einddatum ligt vóór de ingangsdatum.")
    return None


def cs335_reden_wijziging(
    reden: str, ingangsdatum: date, einddatum: date | None
) -> Overtreding | None:
    """CS335/CS336: reden 01 is vervallen; 13 (verwijderd) only when ingangsdatum = einddatum."""
    if not reden:
        return None
    if not codelijsten.is_valid(codelijsten.REDEN_WIJZIGING, reden):
        return Overtreding("CS335", "0001", f"Reden wijziging {reden} bestaat niet.")
    if reden == RedenWijziging.VERVALLEN:
        return Overtreding(
            "CS336", "0001", "Reden wijziging 01 mag niet meer worden gebruikt."
        )
    if reden == RedenWijziging.VERWIJDERD and einddatum != ingangsdatum:
        return Overtreding(
            "CS335",
            "0001",
            "Reden wijziging 13 (verwijderd) kan alleen als de einddatum gelijk is aan de ingangsdatum.",
        )
    return None


def tr061_contact(
    *, telefoon: str, huisnummer: int | None, postcode: str
) -> Overtreding | None:
    """TR061/TR006: a 301 has a Contact (soort 01) with a phone number or a house
    number with postcode."""
    if telefoon or (huisnummer and postcode):
        return None
    return Overtreding(
        "TR061",
        "0001",
        "Vul eerst het adres (huisnummer en postcode) of het telefoonnummer van de "
        "cliënt in; een toewijzing (WMO301) kan niet zonder.",
    )


class _Periode(Protocol):
    pk: int | None
    product_id: int
    ingangsdatum: date
    einddatum: date | None


def tr302_geen_overlap(
    *,
    product_id: int,
    ingangsdatum: date,
    einddatum: date | None,
    andere: Iterable[_Periode],
    categorie: str = "",
) -> Overtreding | None:
    """TR302: the same product more than once only with non-overlapping periods,
    except hulpmiddelen (productcategorie 11-14): a cliënt may get a second
    wheelchair or aid with the same code in the same period."""
    if categorie in OVERLAP_TOEGESTAAN:
        return None
    for t in andere:
        if t.product_id != product_id:
            continue
        begint_voor_eind = einddatum is None or t.ingangsdatum <= einddatum
        eindigt_na_begin = t.einddatum is None or t.einddatum >= ingangsdatum
        if begint_voor_eind and eindigt_na_begin:
            return Overtreding(
                "TR302",
                "0001",
                "Deze cliënt heeft voor dit product al een toewijzing in dezelfde "
                "periode; alleen hulpmiddelen (productcategorie 11 t/m 14) mogen "
                "elkaar overlappen.",
            )
    return None


def tr385_geen_goedgekeurde_declaratieregels(
    aantal: int, *, verwijderen: bool
) -> Overtreding | None:
    """TR385: a toewijzing with approved, uncredited declaratie lines is not deleted
    (reden 13) or withdrawn over the periods of those lines; they are credited first."""
    if aantal:
        handeling = "verwijderd" if verwijderen else "ingetrokken"
        return Overtreding(
            "TR385",
            "9385",
            f"Deze toewijzing kan niet worden {handeling}: er zijn {aantal} "
            "goedgekeurde declaratieregel(s) die nog niet zijn gecrediteerd. De "
            "aanbieder moet die eerst crediteren.",
        )
    return None


def r_t5_intrekking(
    *, reden_wijziging: str, ingangsdatum: date, einddatum: date | None
) -> Overtreding | None:
    """R-T5: an intrekking is a 301 with einddatum and reden wijziging (no 307 needed)."""
    if einddatum is None or not reden_wijziging:
        return Overtreding(
            "R-T5", "", "Een intrekking heeft een einddatum en een reden wijziging."
        )
    return eerste(
        cs003_einddatum(ingangsdatum, einddatum),
        cs335_reden_wijziging(reden_wijziging, ingangsdatum, einddatum),
    )


def r_t6_einddatum(verzenddatum: date) -> date:
    """R-T6: beëindiging by the gemeente ends on the last day of the month of sending."""
    return einde_maand(verzenddatum)


def r_t7_einddatum(verzenddatum: date) -> date:
    """R-T7: verhuizing ends two months ahead, on the last day of that month."""
    return einde_maand_plus(verzenddatum, 2)


def r_t7_reden(reden_wijziging: str) -> Overtreding | None:
    if reden_wijziging not in (
        RedenWijziging.VERHUIZING,
        RedenWijziging.UITSTROOM_ANDER_DOMEIN,
    ):
        return Overtreding(
            "R-T7",
            "",
            "Bij een verhuizing is de reden wijziging 07 (andere gemeente) of 06 (Wlz-instelling).",
        )
    return None


def r_t8_einddatum(stop_einddatum: date) -> date:
    """R-T8: the gemeente confirms an overlijden with the last day of the month of the 307's einddatum."""
    return einde_maand(stop_einddatum)


def r_t8_overlijden_gemeld(stops: Sequence["LeveringVorm"]) -> Overtreding | None:
    if not any(s.reden_beeindiging == RedenBeeindiging.OVERLIJDEN for s in stops):
        return Overtreding(
            "R-T8",
            "",
            "Er is geen stop zorg met reden overlijden (02) ontvangen voor deze toewijzing.",
        )
    return None


def toewijzing_lopend(*, beeindigd: bool) -> Overtreding | None:
    if beeindigd:
        return Overtreding("R-T6", "", "Deze toewijzing is al beëindigd.")
    return None


def r_t6_einddatum_niet_later(
    *, huidige_einddatum: date | None, nieuwe_einddatum: date
) -> Overtreding | None:
    """A beëindiging shortens a toewijzing; it never stretches it."""
    if huidige_einddatum is not None and nieuwe_einddatum > huidige_einddatum:
        return Overtreding(
            "R-T6", "", "De toewijzing eindigt al vóór de berekende einddatum."
        )
    return None


def op033x1_omvang_wijzigen(
    *,
    volume: int | None,
    eenheid: str,
    frequentie: str,
    nieuw_volume: int | None,
    nieuwe_eenheid: str,
    nieuwe_frequentie: str,
) -> Overtreding | None:
    """OP033x1: in an issued toewijzing the volume may change only when the
    frequentie is 6 (totaal binnen geldigheidsduur); eenheid and frequentie never
    change in place. Otherwise: end it and make a new toewijzing."""
    if (nieuwe_eenheid, nieuwe_frequentie) != (eenheid, frequentie):
        return Overtreding(
            "OP033x1",
            "",
            "Eenheid of frequentie van een toewijzing kunt u niet wijzigen; kies "
            "'Beëindigen en nieuwe toewijzing'.",
        )
    if nieuw_volume != volume and frequentie != Frequentie.TOTAAL:
        return Overtreding(
            "OP033x1",
            "",
            "Het volume van een toewijzing met een frequentie per dag, week of maand "
            "kunt u niet wijzigen, alleen bij frequentie 'totaal binnen "
            "geldigheidsduur'. Kies 'Beëindigen en nieuwe toewijzing': de huidige "
            "toewijzing eindigt en een nieuwe gaat in met het nieuwe volume.",
        )
    return None


def vervangen_ingangsdatum(
    *, ingangsdatum: date, einddatum: date | None, nieuwe_ingangsdatum: date
) -> Overtreding | None:
    """Beëindigen en nieuwe toewijzing: the new one starts after the current one
    began and no later than the day after it ends, so there is no gap or overlap."""
    if nieuwe_ingangsdatum <= ingangsdatum:
        return Overtreding(
            "OP033x1",
            "",
            "De nieuwe toewijzing moet na de ingangsdatum van de huidige ingaan; "
            "wilt u de huidige helemaal vervangen, verwijder die dan (reden 13).",
        )
    if einddatum is not None and nieuwe_ingangsdatum > einddatum:
        return Overtreding(
            "OP033x1",
            "",
            "De huidige toewijzing is dan al afgelopen; maak een nieuwe toewijzing.",
        )
    return None


def op380_verlenging(
    *,
    volume: int | None,
    frequentie: str,
    nieuw_volume: int | None,
    nieuwe_frequentie: str,
    einddatum: date | None,
    nieuwe_einddatum: date,
    vandaag: date,
) -> Overtreding | None:
    """OP380/IV066: a verlenging stretches the einddatum of the existing toewijzing
    when volume and frequentie stay and it has not expired; otherwise a new toewijzing."""
    if einddatum is None:
        return Overtreding(
            "OP380",
            "",
            "Deze toewijzing heeft geen einddatum; verlengen is niet nodig.",
        )
    if einddatum < vandaag:
        return Overtreding(
            "OP380", "", "Deze toewijzing is verlopen; maak een nieuwe toewijzing."
        )
    if (nieuw_volume, nieuwe_frequentie) != (volume, frequentie):
        return Overtreding(
            "OP380",
            "",
            "Volume of frequentie wijzigt; maak een nieuwe toewijzing in plaats van een verlenging.",
        )
    if nieuwe_einddatum <= einddatum:
        return Overtreding(
            "OP380", "", "De nieuwe einddatum moet na de huidige einddatum liggen."
        )
    return None
