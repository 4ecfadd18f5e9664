"""The level-3/4 rules on one Prestatie, each returning the Dutch reason it breaks."""

from collections.abc import Callable
from datetime import date

from berichten.constants import Niveau
from berichten.regels.basis import nl
from berichten.regels.declaratie import buiten_afronding, is_credit
from declaraties.constants import (
    EURO,
    VERWIJDERD,
    PrestatieStatus,
)
from declaraties.regels.gegevens import Gegevens
from declaraties.regels.perioden import (
    eerste_volle_maand,
    is_hulpmiddel,
    maand_begin,
    maand_eind,
    max_volume_per_periode,
)
from declaraties.regels.rijen import ToewijzingRij
from declaraties.regels.uitslag import DUBBELE_REFERENTIE, Uitslag

# --- rules on one Prestatie --------------------------------------------------------

PrestatieRegel = Callable[[Uitslag, Gegevens], str | None]
# (regel, retourcode, niveau, function, needs a toewijzing), in the order of the findings.
PRESTATIEREGELS: list[tuple[str, str, int, PrestatieRegel, bool]] = []


def prestatieregel(
    regel: str, retourcode: str, niveau: int = Niveau.BERICHTOVERSTIJGEND
):
    """Register a rule: it returns the Dutch reason when the Prestatie breaks it."""

    def registreer(functie: PrestatieRegel) -> PrestatieRegel:
        vereist = getattr(functie, "met_toewijzing", False)
        PRESTATIEREGELS.append((regel, retourcode, int(niveau), functie, vereist))
        return functie

    return registreer


def met_toewijzing(functie: PrestatieRegel) -> PrestatieRegel:
    """The rule applies only when the Prestatie has a toewijzing (else TR338):
    `controleer_declaratie` skips it for a line without one (no wrapper call
    per line and rule)."""
    functie.met_toewijzing = True
    return functie


@prestatieregel("TR314", DUBBELE_REFERENTIE)
def tr314_productreferentie_uniek(u: Uitslag, g: Gegevens) -> str | None:
    referentie = u.prestatie.product_referentie.referentie_nummer
    if referentie in g.eerdere:
        return f"ReferentieNummer {referentie} is al eerder aangeleverd."
    return None


@prestatieregel("TR319", "9319")
def tr319_productperiode_in_declaratieperiode(u: Uitslag, g: Gegevens) -> str | None:
    if u.prestatie.product_periode.einddatum > g.periode_eind:
        return "De ProductPeriode ligt na de DeclaratiePeriode."
    return None


@prestatieregel("TR338", "9338")
def tr338_toewijzing_bestaat(u: Uitslag, g: Gegevens) -> str | None:
    if u.toewijzing is None:
        return f"Er is geen toewijzing {u.prestatie.toewijzing_nummer} voor deze aanbieder."
    return None


@prestatieregel("TR304", "8187")
@met_toewijzing
def tr304_bsn_van_toewijzing(u: Uitslag, g: Gegevens) -> str | None:
    if u.bsn != u.toewijzing.client.bsn:
        return "Het BSN hoort niet bij de cliënt van deze toewijzing."
    return None


@prestatieregel("TR339", "9339")
@met_toewijzing
def tr339_productcategorie(u: Uitslag, g: Gegevens) -> str | None:
    if u.prestatie.product_categorie != u.toewijzing.product.categorie:
        return f"ProductCategorie is niet {u.toewijzing.product.categorie} zoals in de toewijzing."
    return None


@prestatieregel("TR340", "9340")
@met_toewijzing
def tr340_productcode(u: Uitslag, g: Gegevens) -> str | None:
    if u.prestatie.product_code != u.toewijzing.product.code:
        return (
            f"ProductCode is niet {u.toewijzing.product.code} zoals in de toewijzing."
        )
    return None


@prestatieregel("TR341", "9341")
@met_toewijzing
def tr341_eenheid(u: Uitslag, g: Gegevens) -> str | None:
    eenheid = u.toewijzing.eenheid
    if eenheid and u.prestatie.eenheid != eenheid:
        return f"Eenheid {u.prestatie.eenheid} past niet bij eenheid {eenheid} van de toewijzing."
    return None


def _buiten_toewijzing(t: ToewijzingRij, datum: date) -> bool:
    return datum < t.ingangsdatum or (t.einddatum is not None and datum > t.einddatum)


@prestatieregel("TR307", "9307")
@met_toewijzing
def tr307_begindatum_binnen_toewijzing(u: Uitslag, g: Gegevens) -> str | None:
    begin = u.prestatie.product_periode.begindatum
    if _buiten_toewijzing(u.toewijzing, begin):
        return f"Begindatum {nl(begin)} ligt niet binnen de toewijzing."
    return None


@prestatieregel("TR308", "9308")
@met_toewijzing
def tr308_einddatum_binnen_toewijzing(u: Uitslag, g: Gegevens) -> str | None:
    eind = u.prestatie.product_periode.einddatum
    if _buiten_toewijzing(u.toewijzing, eind):
        return f"Einddatum {nl(eind)} ligt niet binnen de toewijzing."
    return None


@prestatieregel("TR387", "9387")
@met_toewijzing
def tr387_begindatum_eerste_van_maand(u: Uitslag, g: Gegevens) -> str | None:
    begin = u.prestatie.product_periode.begindatum
    verwacht = max(maand_begin(begin), u.toewijzing.ingangsdatum)
    if begin != verwacht and verwacht <= maand_eind(begin):
        return f"Begindatum moet {nl(verwacht)} zijn: de 1e van de maand of de latere ingangsdatum."
    return None


@prestatieregel("TR388", "9388")
@met_toewijzing
def tr388_einddatum_laatste_van_maand(u: Uitslag, g: Gegevens) -> str | None:
    eind = u.prestatie.product_periode.einddatum
    verwacht = maand_eind(eind)
    if u.toewijzing.einddatum:
        verwacht = min(verwacht, u.toewijzing.einddatum)
    # A stop zorg (307) in the month ends the care: the portal proposes up to it.
    gestopt = eind in u.toewijzing.stop_einden
    if eind != verwacht and verwacht >= maand_begin(eind) and not gestopt:
        return f"Einddatum moet {nl(verwacht)} zijn: de laatste van de maand of de eerdere einddatum."
    return None


@prestatieregel("R-D7", "9387")
@met_toewijzing
def r_d7_hulpmiddel_in_eerste_volle_maand(u: Uitslag, g: Gegevens) -> str | None:
    """R-D7: a hulpmiddel is declared once, in the first full month. The code is
    TR387's (the ProductPeriode's begin), the nearest the standard has."""
    if is_credit(u.prestatie) or not is_hulpmiddel(u.toewijzing):
        return None
    eerste = eerste_volle_maand(u.toewijzing)
    begin = u.prestatie.product_periode.begindatum
    if maand_begin(begin) != eerste:
        return (
            "Een hulpmiddel wordt gedeclareerd in de eerste volle maand van de "
            f"toewijzing (R-D7): de productperiode begint op {nl(eerste)}."
        )
    return None


@prestatieregel("TR384", "9384")
@met_toewijzing
def tr384_toewijzing_niet_verwijderd(u: Uitslag, g: Gegevens) -> str | None:
    if u.toewijzing.reden_wijziging == VERWIJDERD:
        return "De toewijzing is verwijderd (RedenWijziging 13)."
    return None


@prestatieregel("TR321", "9321")
@met_toewijzing
def tr321_volume_binnen_omvang(u: Uitslag, g: Gegevens) -> str | None:
    if is_credit(u.prestatie):
        return None
    periode = u.prestatie.product_periode
    maximum = max_volume_per_periode(
        u.toewijzing, periode.begindatum, periode.einddatum
    )
    if maximum is not None and u.prestatie.geleverd_volume > maximum:
        return f"GeleverdVolume {u.prestatie.geleverd_volume} is meer dan toegewezen in deze periode ({maximum})."
    return None


@prestatieregel("TR418", "0611", Niveau.EXTERNE_BRON)
@met_toewijzing
def tr418_tarief_uit_contract(u: Uitslag, g: Gegevens) -> str | None:
    if u.prestatie.eenheid == EURO:
        return None
    begin = u.prestatie.product_periode.begindatum
    tarief = g.tarief(u.toewijzing, begin)
    if tarief is None:
        return f"Voor dit product is op {begin:%d-%m-%Y} geen tarief gecontracteerd."
    if u.prestatie.product_tarief != tarief.product_tarief:
        return (
            f"ProductTarief {u.prestatie.product_tarief} is niet het contracttarief "
            f"{tarief.product_tarief} dat geldt op {begin:%d-%m-%Y}."
        )
    return None


@prestatieregel("TR346", "9346", Niveau.EXTERNE_BRON)
@met_toewijzing
def tr346_bedrag_met_contracttarief(u: Uitslag, g: Gegevens) -> str | None:
    """TR346 exactly, with the contract's unrounded tarief (an uurtarief for a
    product in minuten: uurtarief × minuten / 60, rounded to the cent once).
    An amount outside the rounding is already reported without the database."""
    p = u.prestatie
    if p.eenheid == EURO or p.product_tarief is None:
        return None
    if buiten_afronding(p.geleverd_volume, p.product_tarief, p.ingediend_bedrag.bedrag):
        return None
    tarief = g.tarief(u.toewijzing, p.product_periode.begindatum)
    if tarief is None or tarief.product_tarief != p.product_tarief:
        return None  # TR418 reports it
    verwacht = tarief.bedrag_voor(p.geleverd_volume)
    if p.ingediend_bedrag.bedrag != verwacht:
        return (
            f"IngediendBedrag {p.ingediend_bedrag.bedrag} is niet GeleverdVolume × "
            f"het contracttarief ({verwacht})."
        )
    return None


@prestatieregel("TR381", "S329", Niveau.EXTERNE_BRON)
def tr381_productcode_bij_categorie(u: Uitslag, g: Gegevens) -> str | None:
    p = u.prestatie
    if (p.product_categorie, p.product_code) not in g.producten:
        return f"ProductCode {p.product_code} hoort niet bij ProductCategorie {p.product_categorie}."
    return None


@prestatieregel("TR323", "8017")
def tr323_credit_op_goedgekeurde_debet(u: Uitslag, g: Gegevens) -> str | None:
    vorig = u.prestatie.product_referentie.vorig_referentie_nummer
    if not is_credit(u.prestatie) or not vorig:
        return None
    debet = g.eerdere.get(vorig)
    if (
        debet is None
        or debet.is_credit
        or debet.status != PrestatieStatus.GOEDGEKEURD
        or debet.is_duplicaat
    ):
        return f"Er is geen goedgekeurde debetregel {vorig} om te crediteren."
    return None


@prestatieregel("TR390", "9390")
def tr390_een_credit_per_referentie(u: Uitslag, g: Gegevens) -> str | None:
    vorig = u.prestatie.product_referentie.vorig_referentie_nummer
    debet = g.eerdere.get(vorig) if is_credit(u.prestatie) and vorig else None
    if debet is not None and debet.is_gecrediteerd:
        return f"De debetregel {vorig} is al gecrediteerd."
    return None
