"""The export of the afgekeurde regels as a background job (core.taken).

The job gets the user's filter and sortering as a query string, rebuilds the same
list the page shows (scoped to the user who started it) and writes the file that
`declaraties.exports` builds under MEDIA_ROOT/taken/.
"""

from types import SimpleNamespace

from django.http import QueryDict
from django.utils import timezone

from core import werkdagen
from core.lists import SORTERING, sorteer
from core.taken import bestand_opslaan, voortgang
from declaraties import exports, selectors
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
    if formaat not in ("csv", "xlsx"):
        raise ValueError(f"Onbekend formaat: {formaat}.")
    user = taak.gebruiker
    params = QueryDict(query)
    filterset = AfgekeurdFilter(
        params or None,
        queryset=selectors.afgekeurde_regel_list(user=user),
        request=SimpleNamespace(user=user, GET=params),
    )
    regels = sorteer(
        filterset.qs,
        AFGEKEURD_SORTERING,
        params.get(SORTERING, "").strip(),
    )
    totaal = regels.count()
    data = exports.afgekeurde_regels(_met_voortgang(taak, regels, totaal))
    notatie = params.get("notatie", exports.NL)
    naam = exports.bestandsnaam("afgekeurde-regels", formaat)
    bestand_opslaan(taak, naam, exports.bestand(data, formaat, notatie))
    taak.melding = f"{totaal} afgekeurde regel(s) geëxporteerd."
    return {"bestandsnaam": naam, "content_type": exports.FORMATEN[formaat]}


def betaalbestand_maken(taak, *, formaat: str, periode: str = "") -> dict:
    """The payment file of the gemeente's approved declaraties (status beantwoord,
    of one DeclaratiePeriode when given): one payment per aanbieder and IBAN."""
    if formaat not in ("csv", "xml"):
        raise ValueError(f"Onbekend formaat: {formaat}.")
    user = taak.gebruiker
    declaraties = selectors.goedgekeurde_declaraties(user=user, periode=periode or None)
    totaal = declaraties.count()
    rijen = exports.betalingen(_met_voortgang(taak, declaraties.iterator(), totaal))
    naam = exports.bestandsnaam("betaalbestand", formaat)
    if formaat == "csv":
        inhoud = exports.bestand(exports.betaallijst(rijen), "csv")
    else:
        inhoud = exports.sepa_overboeking(
            rijen,
            gemeente=user.gemeente,
            uitvoerdatum=werkdagen.plus_werkdagen(timezone.localdate(), 1),
        )
    bestand_opslaan(taak, naam, inhoud)
    taak.melding = (
        f"{len(rijen)} betaling(en) voor {totaal} goedgekeurde declaratie(s)."
    )
    return {"bestandsnaam": naam, "content_type": exports.FORMATEN[formaat]}
