"""Screens for declaraties (WMO323): make, pre-check, send, check, correct, credit.

Thin: forms check the input, the services decide; an ApplicationError shows in the
page with its Dutch reason. Every object comes from a scoped selector, so another
party's declaratie or line is a 404. One module per subject; the URLs name the
views through this package.
"""

from declaraties.views.beoordeling import (
    BeoordelenView,
    BetaalbestandView,
    InstellingenView,
)
from declaraties.views.declaraties import (
    DeclaratieDetailView,
    DeclaratieListView,
    DeclaratieMakenView,
    FactuurPdfView,
    FactuurView,
    ProefView,
)
from declaraties.views.regels import (
    AfgekeurdeRegelsView,
    AfgekeurdExportView,
    RegelDetailView,
    StartOntbreektView,
    UitvalView,
)

__all__ = [
    "AfgekeurdExportView",
    "AfgekeurdeRegelsView",
    "BeoordelenView",
    "BetaalbestandView",
    "DeclaratieDetailView",
    "DeclaratieListView",
    "DeclaratieMakenView",
    "FactuurPdfView",
    "FactuurView",
    "InstellingenView",
    "ProefView",
    "RegelDetailView",
    "StartOntbreektView",
    "UitvalView",
]
