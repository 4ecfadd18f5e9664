"""Models of stamgegevens, one module per theme; import them from here."""

from stamgegevens.models.contracten import (
    Aanbieder,
    Contract,
    ContractProduct,
    Product,
    Tarief,
    op_cent,
)
from stamgegevens.models.partijen import Gemeente, Regio
from stamgegevens.models.wijzigingsverzoek import Wijzigingsverzoek

__all__ = [
    "Aanbieder",
    "Contract",
    "ContractProduct",
    "Gemeente",
    "Product",
    "Regio",
    "Tarief",
    "Wijzigingsverzoek",
    "op_cent",
]
