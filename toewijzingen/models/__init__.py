"""Models of toewijzingen, one module per theme; import them from here."""

from toewijzingen.models.basis import (
    EigenPartijen,
    Omvang,
    PartijenVanOuder,
    validate_bsn,
)
from toewijzingen.models.signaal import Signaal
from toewijzingen.models.toewijzing import Client, Levering, Toewijzing
from toewijzingen.models.verzoek import Verzoek, VerzoekProduct

__all__ = [
    "Client",
    "EigenPartijen",
    "Levering",
    "Omvang",
    "PartijenVanOuder",
    "Signaal",
    "Toewijzing",
    "Verzoek",
    "VerzoekProduct",
    "validate_bsn",
]
