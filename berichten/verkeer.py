"""The domain apps' one door into the message traffic: make a header, send a
message or a held-back retour, receive (store and queue) an inbound file, number
things. Besides this module the domain apps use `berichten.models`,
`berichten.constants`, `berichten.xml`, the handler registry (`berichten.registry`,
`berichten.bevinding`, `berichten.paden`) and the rules (`berichten.regels`); see
tests/test_layering.py."""

from berichten.identiteit import header
from berichten.nummering import volgend_nummer
from berichten.services import bericht_ontvangen, bericht_opslaan
from berichten.verwerking import bericht_versturen, retour_versturen

__all__ = [
    "bericht_ontvangen",
    "bericht_opslaan",
    "bericht_versturen",
    "header",
    "retour_versturen",
    "volgend_nummer",
]
