"""Rules on a requested or allocated product, shared by 301, 315 and 317.

ToegewezenProduct (301), AangevraagdProduct (315) and NieuwProduct (317) carry the
same Product/Omvang/Budget/period fields under different names; `Aanvraag` is the
common view. Where the standard gives the same rule another id per message, the
id is looked up in a small table.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from berichten import paden
from berichten.bevinding import Bevinding
from berichten.regels.basis import GRENS_2021, fout, gedeeld, nl, regel
from berichten.xml.types import Omvang, Product

PRODUCT_BERICHTEN = ("WMO301", "WMO315", "WMO317")
OVERLAP_TOEGESTAAN = {"11", "12", "13", "14"}  # categories whose periods may overlap
VERWIJDERD = "13"  # RedenWijziging: the toewijzing was deleted

CD080 = {"WMO301": "CD080", "WMO315": "CD095", "WMO317": "CD096"}
CS338 = {"WMO301": "CS338", "WMO315": "CS343", "WMO317": "CS338"}
TR302 = {"WMO301": "TR302", "WMO315": "TR386", "WMO317": "TR410"}


@dataclass(frozen=True, slots=True)
class Aanvraag:
    pad: str
    product: Product | None
    omvang: Omvang | None
    budget: int | None
    ingangsdatum: date
    einddatum: date | None
    reden_wijziging: str | None = None

    @property
    def code(self) -> str | None:
        return self.product.code if self.product else None

    @property
    def na_2020(self) -> bool:
        """Einddatum empty or after 2020: the 3.x product rules apply."""
        return self.einddatum is None or self.einddatum >= GRENS_2021


# type -> (list on the client or Verzoek, pad of an item, its start and end date fields)
BRON = {
    "WMO301": (
        "toegewezen_producten",
        paden.toegewezen_product,
        "ingangsdatum",
        "einddatum",
    ),
    "WMO315": (
        "aangevraagde_producten",
        paden.aangevraagd_product,
        "toewijzing_ingangsdatum",
        "toewijzing_einddatum",
    ),
    "WMO317": (
        "nieuwe_producten",
        paden.nieuw_product,
        "gewenste_ingangsdatum",
        "einddatum",
    ),
}


def te_wijzigen(message) -> tuple[Aanvraag, ...]:
    """The TeWijzigenProducten of a 317: no Product, the period and Omvang/Budget
    rules only (CS003, CS338, CD075–CD078 in the 3.2 table)."""
    if message.BERICHT != "WMO317":
        return ()
    return tuple(
        Aanvraag(
            paden.te_wijzigen_product(nr),
            None,
            p.omvang,
            p.budget,
            p.gewenste_ingangsdatum,
            p.einddatum,
        )
        for nr, p in enumerate(message.client.verzoek.te_wijzigen_producten, start=1)
    )


def met_te_wijzigen(message) -> tuple[Aanvraag, ...]:
    return aanvragen(message) + te_wijzigen(message)


@gedeeld
def aanvragen(message) -> tuple[Aanvraag, ...]:
    lijst, pad_van, begin, eind = BRON[message.BERICHT]
    houder = message.client.verzoek if message.BERICHT == "WMO317" else message.client
    return tuple(
        Aanvraag(
            pad_van(nr),
            p.product,
            p.omvang,
            p.budget,
            getattr(p, begin),
            getattr(p, eind),
            getattr(p, "reden_wijziging", None),
        )
        for nr, p in enumerate(getattr(houder, lijst), start=1)
    )


@regel(*PRODUCT_BERICHTEN)
def cd079_product_verplicht_zonder_budget(message) -> Iterator[Bevinding]:
    for a in aanvragen(message):
        if a.budget is None and a.product is None:
            yield fout("CD079", a.pad, "Product is verplicht als Budget leeg is.")


@regel(*PRODUCT_BERICHTEN)
def cd041_omvang_verplicht_bij_productcode(message) -> Iterator[Bevinding]:
    for a in aanvragen(message):
        if a.code and a.omvang is None:
            yield fout(
                "CD041",
                a.pad,
                f"Omvang is verplicht omdat ProductCode {a.code} gevuld is.",
            )


@regel(*PRODUCT_BERICHTEN)
def cd080_geen_omvang_zonder_productcode(message) -> Iterator[Bevinding]:
    for a in aanvragen(message):
        if not a.code and a.na_2020 and a.omvang is not None:
            yield fout(
                CD080[message.BERICHT],
                a.pad,
                "Omvang moet leeg zijn als ProductCode leeg is en de Einddatum na 31-12-2020 ligt of leeg is.",
            )


@regel(*PRODUCT_BERICHTEN)
def cd077_omvang_en_budget_niet_samen(message) -> Iterator[Bevinding]:
    for a in met_te_wijzigen(message):
        if a.omvang is not None and a.budget is not None:
            yield fout(
                "CD077",
                a.pad,
                "Omvang moet leeg zijn als Budget gevuld is.",
            )


@regel(*PRODUCT_BERICHTEN)
def cd078_budget_leeg_bij_omvang(message) -> Iterator[Bevinding]:
    for a in met_te_wijzigen(message):
        if a.omvang is not None and a.budget is not None:
            yield fout("CD078", a.pad, "Budget moet leeg zijn als Omvang gevuld is.")


@regel(*PRODUCT_BERICHTEN)
def cd075_einddatum_verplicht_bij_budget(message) -> Iterator[Bevinding]:
    for a in met_te_wijzigen(message):
        if a.budget is not None and a.einddatum is None:
            yield fout("CD075", a.pad, "Einddatum is verplicht als Budget gevuld is.")


@regel(*PRODUCT_BERICHTEN)
def cd076_einddatum_verplicht_bij_frequentie_per_week(message) -> Iterator[Bevinding]:
    for a in met_te_wijzigen(message):
        if a.omvang is not None and a.omvang.frequentie == "2" and a.einddatum is None:
            yield fout(
                "CD076", a.pad, "Einddatum is verplicht bij Frequentie 2 (per week)."
            )


@regel(*PRODUCT_BERICHTEN)
def cs338_frequentie_bij_eenheid(message) -> Iterator[Bevinding]:
    for a in met_te_wijzigen(message):
        omvang = a.omvang
        if (
            omvang
            and omvang.eenheid in {"14", "16", "83", "84"}
            and a.na_2020
            and omvang.frequentie not in {"2", "4", "6"}
        ):
            yield fout(
                CS338[message.BERICHT],
                a.pad,
                f"Bij Eenheid {omvang.eenheid} moet Frequentie 2, 4 of 6 zijn, niet {omvang.frequentie}.",
            )


@regel(*PRODUCT_BERICHTEN)
def cs003_einddatum_niet_voor_ingangsdatum(message) -> Iterator[Bevinding]:
    for a in met_te_wijzigen(message):
        if a.einddatum is not None and a.einddatum < a.ingangsdatum:
            yield fout(
                "CS003",
                a.pad,
                f"Einddatum {nl(a.einddatum)} ligt voor de ingangsdatum {nl(a.ingangsdatum)}.",
            )


def _zelfde_product(a: Aanvraag, b: Aanvraag) -> bool:
    """Same product for the overlap rules: by code, else by category, else any."""
    if a.product is None or b.product is None:
        return True
    if a.product.categorie != b.product.categorie:
        return False
    return not a.code or not b.code or a.code == b.code


def _overlappen(a: Aanvraag, b: Aanvraag) -> bool:
    return (a.einddatum is None or b.ingangsdatum <= a.einddatum) and (
        b.einddatum is None or a.ingangsdatum <= b.einddatum
    )


def _telt_mee(a: Aanvraag) -> bool:
    categorie = a.product.categorie if a.product else None
    return categorie not in OVERLAP_TOEGESTAAN and a.reden_wijziging != VERWIJDERD


@regel(*PRODUCT_BERICHTEN)
def tr302_product_niet_overlappend(message) -> Iterator[Bevinding]:
    # Pairwise: one client's products, a handful per message.
    producten = [a for a in aanvragen(message) if _telt_mee(a)]
    gemeld: set[str] = set()
    for a, b in combinations(producten, 2):
        if b.pad not in gemeld and _zelfde_product(a, b) and _overlappen(a, b):
            gemeld.add(b.pad)
            yield fout(
                TR302[message.BERICHT],
                b.pad,
                f"Dit product overlapt in periode met hetzelfde product in {a.pad.rpartition('/')[2]}.",
            )
