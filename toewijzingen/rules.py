"""The rules of the toewijzingen domain, one small function each.

A check returns `None` when the rule holds and an `Overtreding` (rule id,
retourcode for a retourbericht, Dutch reason) when it does not. Services turn
that into an `ApplicationError` with `weiger`; handlers into a `Bevinding`.
Date helpers compute the dates of seed 004 (R-T6, R-T7, R-T8).
"""

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Protocol

from berichten.regels.producten import OVERLAP_TOEGESTAAN
from core import codelijsten
from core.exceptions import ApplicationError
from stamgegevens.constants import ProductStatus, Uitvoeringsvariant
from toewijzingen.constants import (
    EENHEDEN_MET_BEPERKTE_FREQUENTIE,
    FREQUENTIES_BIJ_BEPERKTE_EENHEID,
    TOEWIJZINGNUMMER_MAX,
    Eenheid,
    Frequentie,
    LeveringSoort,
    Prijsvorm,
    RedenBeeindiging,
    RedenWijziging,
    StatusAanlevering,
    VerzoekStatus,
)


@dataclass(frozen=True, slots=True)
class Overtreding:
    regel: str
    retourcode: (
        str  # "0001" for in-message rules, "9xxx" for level 3, "" for portal rules
    )
    tekst: str


def weiger(*overtredingen: Overtreding | None) -> None:
    """Raise the violations as one ApplicationError (all of them, so the user sees
    every error at once; its code is the first's rule); do nothing when all hold."""
    gevonden = [o for o in overtredingen if o is not None]
    if gevonden:
        meldingen = [f"{o.tekst} ({o.regel})" for o in gevonden]
        raise ApplicationError(
            " ".join(meldingen),
            code=gevonden[0].regel,
            extra={"meldingen": meldingen} if len(meldingen) > 1 else None,
        )


def eerste(*overtredingen: Overtreding | None) -> Overtreding | None:
    return next((o for o in overtredingen if o is not None), None)


# --- dates -------------------------------------------------------------------


def einde_maand(dag: date) -> date:
    """The last day of the month of `dag`."""
    return dag.replace(day=calendar.monthrange(dag.year, dag.month)[1])


def einde_maand_plus(dag: date, maanden: int) -> date:
    """The last day of the month `maanden` months after the month of `dag`."""
    jaar, maand = divmod(dag.month - 1 + maanden, 12)
    return einde_maand(date(dag.year + jaar, maand + 1, 1))


# --- toewijzing (WMO301) -------------------------------------------------------


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


def r_t8_overlijden_gemeld(stops: Sequence["_Levering"]) -> Overtreding | None:
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


# --- start and stop zorg (WMO305/WMO307) -----------------------------------------


class _Levering(Protocol):
    soort: str
    begindatum: date
    einddatum: date | None
    reden_beeindiging: str


def op033_status_aanlevering(status: str) -> Overtreding | None:
    """OP033/CS058: StatusAanlevering is 1 or 3; 2 (gewijzigd) is not allowed."""
    if status not in (StatusAanlevering.EERSTE, StatusAanlevering.VERWIJDEREN):
        return Overtreding(
            "OP033",
            "0001",
            "StatusAanlevering is 1 (eerste aanlevering) of 3 (verwijderen); een correctie is verwijderen en opnieuw aanleveren.",
        )
    return None


def r_s1_startdatum(
    *, begindatum: date, ingangsdatum: date, einddatum: date | None
) -> Overtreding | None:
    """R-S1: the startdatum is never before the ingangsdatum (nor after the einddatum)."""
    if begindatum < ingangsdatum:
        return Overtreding(
            "R-S1", "", "De startdatum ligt vóór de ingangsdatum van de toewijzing."
        )
    if einddatum is not None and begindatum > einddatum:
        return Overtreding(
            "R-S1", "", "De startdatum ligt na de einddatum van de toewijzing."
        )
    return None


def r_s2_stop_einddatum(
    *, einddatum: date, toewijzing_einddatum: date | None
) -> Overtreding | None:
    """R-S2: a stop is on or before the einddatum of the toewijzing, never after it."""
    if toewijzing_einddatum is not None and einddatum > toewijzing_einddatum:
        return Overtreding(
            "R-S2",
            "",
            "De einddatum van de stop ligt na de einddatum van de toewijzing.",
        )
    return None


def tr134_niet_na_dagtekening(
    datum: date | None, dagtekening: date
) -> Overtreding | None:
    """TR134: a start or stop is reported afterwards: its dates are not after the dagtekening."""
    if datum is not None and datum > dagtekening:
        return Overtreding(
            "TR134",
            "0001",
            "Een start of stop meldt u achteraf: de datum ligt niet na vandaag.",
        )
    return None


def tr018_einddatum(begindatum: date, einddatum: date) -> Overtreding | None:
    if einddatum < begindatum:
        return Overtreding("TR018", "0001", "De einddatum ligt vóór de begindatum.")
    return None


def _zelfde_sleutel(
    leveringen: Iterable[_Levering], soort: str, begindatum: date
) -> list:
    return [x for x in leveringen if x.soort == soort and x.begindatum == begindatum]


def tr074_start_uniek(
    *, begindatum: date, actueel: Sequence[_Levering]
) -> Overtreding | None:
    if _zelfde_sleutel(actueel, LeveringSoort.START, begindatum):
        return Overtreding(
            "TR074",
            "9074",
            "Er is al een start zorg met deze toewijzing en begindatum.",
        )
    return None


def tr326_geen_actuele_start(actueel: Sequence[_Levering]) -> Overtreding | None:
    """TR326: no new start while a start without a stop exists (OP379: after any stop a start may follow)."""
    gestopt = {x.begindatum for x in actueel if x.soort == LeveringSoort.STOP}
    if any(
        x.soort == LeveringSoort.START and x.begindatum not in gestopt for x in actueel
    ):
        return Overtreding(
            "TR326",
            "9326",
            "Er loopt al een start zorg voor deze toewijzing; meld eerst de stop.",
        )
    return None


def tr063_eerdere_aanlevering(
    *, soort: str, begindatum: date, actueel: Sequence[_Levering]
) -> Overtreding | None:
    if not _zelfde_sleutel(actueel, soort, begindatum):
        return Overtreding(
            "TR063",
            "9063",
            "Er is geen eerdere aanlevering met deze sleutel om te verwijderen.",
        )
    return None


def tr071_start_niet_verwijderen_na_stop(
    *, begindatum: date, actueel: Sequence[_Levering]
) -> Overtreding | None:
    if _zelfde_sleutel(actueel, LeveringSoort.STOP, begindatum):
        return Overtreding(
            "TR071",
            "9071",
            "Deze start kan niet worden verwijderd: er is al een stop voor gemeld.",
        )
    return None


def tr382_stop_volgt_start(
    *, begindatum: date, actueel: Sequence[_Levering]
) -> Overtreding | None:
    """TR382/OP377: a stop copies the key of a start: same toewijzing and begindatum."""
    if not _zelfde_sleutel(actueel, LeveringSoort.START, begindatum):
        return Overtreding(
            "TR382", "9069", "Er is geen start zorg met deze toewijzing en begindatum."
        )
    return None


def tr413_na_tijdelijke_stop(
    *, begindatum: date, reden_beeindiging: str, actueel: Sequence[_Levering]
) -> Overtreding | None:
    """TR413: after a temporary stop (reden 20) for the key, only a final stop may follow."""
    if reden_beeindiging == RedenBeeindiging.TIJDELIJK and any(
        s.reden_beeindiging == RedenBeeindiging.TIJDELIJK
        for s in _zelfde_sleutel(actueel, LeveringSoort.STOP, begindatum)
    ):
        return Overtreding(
            "TR413",
            "9413",
            "Na een tijdelijke stop (reden 20) kan alleen een definitieve stop volgen.",
        )
    return None


def tr414_einddatum_niet_eerder(
    *, begindatum: date, einddatum: date, actueel: Sequence[_Levering]
) -> Overtreding | None:
    """TR414: the einddatum of a new stop is on or after that of the actual stop."""
    if any(
        s.einddatum and einddatum < s.einddatum
        for s in _zelfde_sleutel(actueel, LeveringSoort.STOP, begindatum)
    ):
        return Overtreding(
            "TR414",
            "9414",
            "De einddatum ligt vóór de einddatum van de eerder gemelde stop.",
        )
    return None


def tr415_geen_stop_na_definitieve_stop(
    *, begindatum: date, actueel: Sequence[_Levering]
) -> Overtreding | None:
    """TR415: no stop after a final stop (reden other than 20) with the same key."""
    if any(
        s.reden_beeindiging != RedenBeeindiging.TIJDELIJK
        for s in _zelfde_sleutel(actueel, LeveringSoort.STOP, begindatum)
    ):
        return Overtreding(
            "TR415", "9415", "Voor deze start is al een definitieve stop gemeld."
        )
    return None


def reden_beeindiging_bestaat(reden: str) -> Overtreding | None:
    if not codelijsten.is_valid(codelijsten.REDEN_BEEINDIGING, reden):
        return Overtreding(
            "CS058", "0001", f"Reden beëindiging {reden!r} bestaat niet."
        )
    return None


class _Aanlevering(_Levering, Protocol):
    status_aanlevering: str

    @property
    def toewijzing(self) -> Any: ...


def levering_overtredingen(
    levering: _Aanlevering, actueel: Sequence[_Levering]
) -> list[Overtreding]:
    """All rules for one start or stop aanlevering against the actual leveringen
    of its toewijzing. Rules with a retourcode belong to the standard; the others
    (R-S1, R-S2) are the portal's own."""
    status = levering.status_aanlevering
    toewijzing = levering.toewijzing
    sleutel = {"begindatum": levering.begindatum, "actueel": actueel}
    if status == StatusAanlevering.VERWIJDEREN:
        kandidaten = [tr063_eerdere_aanlevering(soort=levering.soort, **sleutel)]
        if levering.soort == LeveringSoort.START:
            kandidaten.append(tr071_start_niet_verwijderen_na_stop(**sleutel))
    elif status != StatusAanlevering.EERSTE:
        kandidaten = [op033_status_aanlevering(status)]
    elif levering.soort == LeveringSoort.START:
        kandidaten = [
            r_s1_startdatum(
                begindatum=levering.begindatum,
                ingangsdatum=toewijzing.ingangsdatum,
                einddatum=toewijzing.einddatum,
            ),
            tr074_start_uniek(**sleutel),
            tr326_geen_actuele_start(actueel),
        ]
    else:
        einddatum = levering.einddatum
        kandidaten = [
            reden_beeindiging_bestaat(levering.reden_beeindiging),
            tr018_einddatum(levering.begindatum, einddatum),
            r_s2_stop_einddatum(
                einddatum=einddatum, toewijzing_einddatum=toewijzing.einddatum
            ),
            tr382_stop_volgt_start(**sleutel),
            tr415_geen_stop_na_definitieve_stop(**sleutel),
            tr413_na_tijdelijke_stop(
                reden_beeindiging=levering.reden_beeindiging, **sleutel
            ),
            tr414_einddatum_niet_eerder(einddatum=einddatum, **sleutel),
        ]
    return [o for o in kandidaten if o is not None]


# --- verzoeken (WMO315/317/319) ----------------------------------------------------


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


# --- contract and product table (R-T1, R-D9, R-T4) -----------------------------------

# The standard has no retourcode for an Omvang whose eenheid is not the product's
# (the product table is a regional agreement, IV075). 9341 is its code for an
# Eenheid that does not fit the ToegewezenProduct's; the portal uses it for a 315
# or 317 that asks for a product in another eenheid than the product table's.
EENHEID_NIET_VAN_PRODUCT = "9341"


def r_t4_eenheid_van_product(
    *, eenheid: str, product_eenheid: str, product_code: str
) -> Overtreding | None:
    """R-T4 with the product table (seed 002 §4): the eenheid of an omvang is the
    product's (ZL10 in minuten is never assigned in stuks). A budget has none."""
    if eenheid and eenheid != product_eenheid:
        return Overtreding(
            "R-T4",
            EENHEID_NIET_VAN_PRODUCT,
            f"Product {product_code} wordt toegewezen in "
            f"{codelijsten.omschrijving(codelijsten.EENHEID, product_eenheid).lower()} "
            f"(eenheid {product_eenheid}), niet in eenheid {eenheid}.",
        )
    return None


def r_t1_binnen_contract(
    *,
    einddatum: date | None,
    contract_einddatum: date | None,
    vorige_einddatum: date | None = None,
    nieuw: bool = True,
) -> Overtreding | None:
    """R-T1 on every day: a toewijzing does not run past its contract's einddatum,
    at creation nor when verlengd or gewijzigd (no einddatum runs past it too).
    Shortening or leaving the einddatum as it was is always allowed."""
    if contract_einddatum is None:
        return None
    if einddatum is not None and einddatum <= contract_einddatum:
        return None
    later = (
        nieuw
        or (einddatum is None and vorige_einddatum is not None)
        or (
            einddatum is not None
            and vorige_einddatum is not None
            and einddatum > vorige_einddatum
        )
    )
    if not later:
        return None
    return Overtreding(
        "R-T1",
        "",
        f"Het contract loopt tot en met {contract_einddatum:%d-%m-%Y}; de toewijzing "
        "mag niet langer lopen. Kies een einddatum op of vóór die datum.",
    )


def r_d9_productstatus(
    *, status: str, product_code: str, eerder_toegewezen: bool
) -> Overtreding | None:
    """R-D9 (seed 002 §4, the product table of the opdrachtgever): a vervallen
    product is never newly assigned; a product under overgangsregeling only to a
    cliënt who already had it."""
    if status == ProductStatus.VERVALLEN:
        return Overtreding(
            "R-D9",
            "",
            f"Product {product_code} is vervallen en kan niet meer worden toegewezen.",
        )
    if status == ProductStatus.OVERGANGSREGELING and not eerder_toegewezen:
        return Overtreding(
            "R-D9",
            "",
            f"Product {product_code} valt onder een overgangsregeling: alleen cliënten "
            "die het al hadden, krijgen het opnieuw toegewezen.",
        )
    return None


def op086_toewijzing_per_client(uitvoeringsvariant: str) -> Overtreding | None:
    """OP086 / IV074: only inspannings- and outputgerichte products are assigned per
    cliënt with a 301; under a taakgericht contract there is no toewijzing on
    cliënt level (FAQ iWmo 3.2), so no 301 and no declaratie per cliënt (323)."""
    if uitvoeringsvariant == Uitvoeringsvariant.TAAKGERICHT:
        return Overtreding(
            "OP086",
            "",
            "Dit contract is taakgericht: de aanbieder krijgt geen toewijzing per "
            "cliënt en declareert niet per cliënt.",
        )
    return None
