"""The export of the afgekeurde regels as a background job (core.taken).

The job gets the user's filter and sortering as a query string, rebuilds the same
list the page shows (scoped to the user who started it) and writes the file that
`declaraties.exports` builds under MEDIA_ROOT/taken/.
"""

import tempfile

from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from core import werkdagen
from core.lijstexport import gefilterd
from core.taken import bestand_opslaan, met_voortgang, voortgang
from declaraties import exports, selectors
from declaraties.filters import AFGEKEURD_SORTERING, AfgekeurdFilter
from declaraties.services import betalen

STAP = exports.PER  # progress once per chunk of lines read


def afgekeurde_regels_exporteren(taak, *, formaat: str, query: str = "") -> dict:
    """The work list of rejected lines, filtered and sorted as on the page, as a file."""
    if formaat not in ("csv", "xlsx"):
        raise ValueError(f"Onbekend formaat: {formaat}.")
    user = taak.gebruiker
    params = QueryDict(query)
    regels = gefilterd(
        user,
        filterset_class=AfgekeurdFilter,
        queryset=selectors.afgekeurde_regel_list(user=user),
        sorteer_velden=AFGEKEURD_SORTERING,
        params=params,
    )
    totaal = regels.count()
    rijen = met_voortgang(taak, exports.afgekeurde_rijen(regels), totaal, stap=STAP)
    naam = exports.bestandsnaam("afgekeurde-regels", formaat)
    with tempfile.TemporaryFile() as uit:  # on disk, not in memory
        exports.afgekeurde_regels_schrijven(
            uit, rijen, formaat, params.get("notatie", exports.NL)
        )
        bestand_opslaan(taak, naam, uit)
    taak.melding = f"{totaal} afgekeurde regel(s) geëxporteerd."
    return {"bestandsnaam": naam, "content_type": exports.FORMATEN[formaat]}


def betaalbestand_maken(
    taak, *, formaat: str, periode: str = "", ook_betaald: bool = False
) -> dict:
    """The payment file of the gemeente's approved declaraties (status beantwoord,
    of one DeclaratiePeriode when given): one payment per aanbieder and IBAN.

    A declaratie is paid once: the declaraties in the file are marked with it in
    the same transaction, and a later file leaves them out unless `ook_betaald`."""
    if formaat not in ("csv", "xml"):
        raise ValueError(f"Onbekend formaat: {formaat}.")
    user = taak.gebruiker
    naam = exports.bestandsnaam("betaalbestand", formaat)
    with transaction.atomic():
        declaraties = betalen.te_betalen_declaraties(
            user=user, periode=periode or None, ook_betaald=ook_betaald
        )
        totaal = len(declaraties)
        rijen = exports.betalingen(declaraties)
        if formaat == "csv":
            inhoud = exports.bestand(exports.betaallijst(rijen), "csv")
        else:
            inhoud = exports.sepa_overboeking(
                rijen,
                gemeente=user.gemeente,
                uitvoerdatum=werkdagen.plus_werkdagen(timezone.localdate(), 1),
            )
        bestand_opslaan(taak, naam, inhoud)
        betalen.als_betaald_markeren(declaraties=declaraties, betaalbestand=naam)
    voortgang(taak, totaal, totaal)
    taak.melding = (
        f"{len(rijen)} betaling(en) voor {totaal} goedgekeurde declaratie(s)."
    )
    if not ook_betaald:
        eerder = (
            selectors.goedgekeurde_declaraties(
                user=user, periode=periode or None, ook_betaald=True
            )
            .filter(betaalbestand_op__isnull=False)
            .count()
            - totaal
        )
        if eerder:
            taak.melding += (
                f" {eerder} declaratie(s) stonden al in een eerder betaalbestand "
                "en zijn niet opnieuw opgenomen."
            )
    return {"bestandsnaam": naam, "content_type": exports.FORMATEN[formaat]}
