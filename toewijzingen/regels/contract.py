"""Rules with the contract and the product table (R-T1, R-D9, R-T4, OP086)."""

from datetime import date

from core import codelijsten
from stamgegevens.constants import ProductStatus, Uitvoeringsvariant
from toewijzingen.regels.basis import Overtreding

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
