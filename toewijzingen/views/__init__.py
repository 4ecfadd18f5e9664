"""Screens for cliënten, toewijzingen, start/stop, verzoeken and signalen.

Thin: forms check the input, the services decide; an ApplicationError shows in
the form with its Dutch reason. Every object comes from a scoped selector, so
another party's object is a 404. One module per subject; the URLs name the views
through this package.
"""

from toewijzingen.views.clienten import (
    ClientCreateView,
    ClientDetailView,
    ClientListView,
    ClientUpdateView,
)
from toewijzingen.views.signalen import SignaalAfhandelenView, SignaalListView
from toewijzingen.views.toewijzingen import (
    StartZorgView,
    StopZorgView,
    ToewijzingBeeindigenView,
    ToewijzingCreateView,
    ToewijzingDetailView,
    ToewijzingIntrekkenView,
    ToewijzingListView,
    ToewijzingOverlijdenView,
    ToewijzingVerhuizingView,
    ToewijzingVerlengenView,
    ToewijzingVervangenView,
    ToewijzingWijzigenView,
)
from toewijzingen.views.verzoeken import (
    VerzoekDetailView,
    VerzoekListView,
    VerzoekOmToewijzingView,
    VerzoekOmWijzigingView,
)

__all__ = [
    "ClientCreateView",
    "ClientDetailView",
    "ClientListView",
    "ClientUpdateView",
    "SignaalAfhandelenView",
    "SignaalListView",
    "StartZorgView",
    "StopZorgView",
    "ToewijzingBeeindigenView",
    "ToewijzingCreateView",
    "ToewijzingDetailView",
    "ToewijzingIntrekkenView",
    "ToewijzingListView",
    "ToewijzingOverlijdenView",
    "ToewijzingVerhuizingView",
    "ToewijzingVerlengenView",
    "ToewijzingVervangenView",
    "ToewijzingWijzigenView",
    "VerzoekDetailView",
    "VerzoekListView",
    "VerzoekOmToewijzingView",
    "VerzoekOmWijzigingView",
]
