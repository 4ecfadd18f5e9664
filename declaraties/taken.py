"""The export of the afgekeurde regels as a background job (core.taken).

The job gets the user's filter and sortering as a query string, rebuilds the same
list the page shows (scoped to the user who started it) and writes the file that
`declaraties.exports` builds under MEDIA_ROOT/taken/.
"""

from types import SimpleNamespace

from django.http import QueryDict

from core.lists import SORTERING, sorteer
from core.taken import bestand_opslaan, voortgang
from declaraties import exports, weergave
from declaraties.filters import AFGEKEURD_SORTERING, AfgekeurdFilter

STAP = 200  # progress every STAP lines


def _met_voortgang(taak, regels, totaal: int):
    voortgang(taak, 0, totaal)
    gedaan = 0
    for gedaan, regel in enumerate(regels, start=1):
        yield regel
        if gedaan % STAP == 0:
            voortgang(taak, gedaan, totaal)
    voortgang(taak, gedaan, totaal)


def afgekeurde_regels_exporteren(taak, *, formaat: str, query: str = "") -> dict:
    """The work list of rejected lines, filtered and sorted as on the page, as a file."""
    if formaat not in exports.FORMATEN:
        raise ValueError(f"Onbekend formaat: {formaat}.")
    user = taak.gebruiker
    params = QueryDict(query)
    filterset = AfgekeurdFilter(
        params or None,
        queryset=weergave.afgekeurde_regels(user=user),
        request=SimpleNamespace(user=user, GET=params),
    )
    regels = sorteer(
        filterset.qs,
        AFGEKEURD_SORTERING,
        params.get(SORTERING, "").strip(),
    )
    totaal = regels.count()
    data = exports.afgekeurde_regels(_met_voortgang(taak, regels, totaal))
    # The builder answers with a download; the job keeps its bytes, name and type.
    response = exports.download(data, formaat, "afgekeurde-regels")
    naam = response["Content-Disposition"].split('filename="', 1)[1].rstrip('"')
    bestand_opslaan(taak, naam, response.content)
    taak.melding = f"{totaal} afgekeurde regel(s) geëxporteerd."
    return {"bestandsnaam": naam, "content_type": response["Content-Type"]}
