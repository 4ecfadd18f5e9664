"""WMO305 Start and WMO307 Stop."""

from collections.abc import Iterator

from berichten import paden
from berichten.bevinding import Bevinding
from berichten.regels.basis import dubbelen, fout, nl, product_sleutel, regel


def producten(message) -> Iterator[tuple[str, object]]:
    """(pad, StartProduct or StopProduct) of a 305 or 307."""
    if message.BERICHT == "WMO305":
        for nr, product in enumerate(message.client.start_producten, start=1):
            yield paden.start_product(nr), product
    else:
        for nr, product in enumerate(message.client.stop_producten, start=1):
            yield paden.stop_product(nr), product


def _sleutel(product) -> tuple:
    """The logical key: ToewijzingNummer, Product, Begindatum (+ stop fields)."""
    sleutel = (
        product.toewijzing_nummer,
        *product_sleutel(product.product),
        product.begindatum,
    )
    if hasattr(product, "einddatum"):
        sleutel += (product.reden_beeindiging, product.einddatum)
    return sleutel


@regel("WMO305", "WMO307")
def tr101_geen_dubbele_regels(message) -> Iterator[Bevinding]:
    for pad, _ in dubbelen((pad, _sleutel(p)) for pad, p in producten(message)):
        yield fout("TR101", pad, "Deze regel komt dubbel voor in het bericht.")


@regel("WMO305", "WMO307")
def cs058_status_aanlevering_1_of_3(message) -> Iterator[Bevinding]:
    # OP033: a correction is a delete (3) and a new delivery (1); 2 is not allowed.
    for pad, product in producten(message):
        if product.status_aanlevering not in {"1", "3"}:
            yield fout(
                "CS058",
                pad,
                f"StatusAanlevering {product.status_aanlevering} is niet toegestaan: alleen 1 (eerste aanlevering) of 3 (verwijderen).",
            )


@regel("WMO307")
def tr018_einddatum_niet_voor_begindatum(message) -> Iterator[Bevinding]:
    for pad, stop in producten(message):
        if stop.einddatum < stop.begindatum:
            yield fout(
                "TR018",
                pad,
                f"Einddatum {nl(stop.einddatum)} ligt voor de begindatum {nl(stop.begindatum)}.",
            )
