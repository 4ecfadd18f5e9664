"""Rules on start and stop zorg (WMO305/WMO307)."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, Protocol

from core import codelijsten
from toewijzingen.constants import (
    LeveringSoort,
    RedenBeeindiging,
    StatusAanlevering,
)
from toewijzingen.regels.basis import LeveringVorm, Overtreding


def op033_status_aanlevering(status: str) -> Overtreding | None:
    """OP033/CS058: StatusAanlevering is 1 or 3; 2 (gewijzigd) is not allowed."""
    if status not in (StatusAanlevering.EERSTE, StatusAanlevering.VERWIJDEREN):
        return Overtreding(
            "OP033",
            "0001",
            "StatusAanlevering is 1 (eerste aanlevering) of 3 (verwijderen); een correctie is verwijderen en opnieuw aanleveren.",
        )
    return None


def r_s1_startdatum(
    *, begindatum: date, ingangsdatum: date, einddatum: date | None
) -> Overtreding | None:
    """R-S1: the startdatum is never before the ingangsdatum (nor after the einddatum)."""
    if begindatum < ingangsdatum:
        return Overtreding(
            "R-S1", "", "De startdatum ligt vóór de ingangsdatum van de toewijzing."
        )
    if einddatum is not None and begindatum > einddatum:
        return Overtreding(
            "R-S1", "", "De startdatum ligt na de einddatum van de toewijzing."
        )
    return None


def r_s2_stop_einddatum(
    *, einddatum: date, toewijzing_einddatum: date | None
) -> Overtreding | None:
    """R-S2: a stop is on or before the einddatum of the toewijzing, never after it."""
    if toewijzing_einddatum is not None and einddatum > toewijzing_einddatum:
        return Overtreding(
            "R-S2",
            "",
            "De einddatum van de stop ligt na de einddatum van de toewijzing.",
        )
    return None


def tr134_niet_na_dagtekening(
    datum: date | None, dagtekening: date
) -> Overtreding | None:
    """TR134: a start or stop is reported afterwards: its dates are not after the dagtekening."""
    if datum is not None and datum > dagtekening:
        return Overtreding(
            "TR134",
            "0001",
            "Een start of stop meldt u achteraf: de datum ligt niet na vandaag.",
        )
    return None


def tr018_einddatum(begindatum: date, einddatum: date) -> Overtreding | None:
    if einddatum < begindatum:
        return Overtreding("TR018", "0001", "De einddatum ligt vóór de begindatum.")
    return None


def _zelfde_sleutel(
    leveringen: Iterable[LeveringVorm], soort: str, begindatum: date
) -> list:
    return [x for x in leveringen if x.soort == soort and x.begindatum == begindatum]


def tr074_start_uniek(
    *, begindatum: date, actueel: Sequence[LeveringVorm]
) -> Overtreding | None:
    if _zelfde_sleutel(actueel, LeveringSoort.START, begindatum):
        return Overtreding(
            "TR074",
            "9074",
            "Er is al een start zorg met deze toewijzing en begindatum.",
        )
    return None


def tr326_geen_actuele_start(actueel: Sequence[LeveringVorm]) -> Overtreding | None:
    """TR326: no new start while a start without a stop exists (OP379: after any stop a start may follow)."""
    gestopt = {x.begindatum for x in actueel if x.soort == LeveringSoort.STOP}
    if any(
        x.soort == LeveringSoort.START and x.begindatum not in gestopt for x in actueel
    ):
        return Overtreding(
            "TR326",
            "9326",
            "Er loopt al een start zorg voor deze toewijzing; meld eerst de stop.",
        )
    return None


def tr063_eerdere_aanlevering(
    *, soort: str, begindatum: date, actueel: Sequence[LeveringVorm]
) -> Overtreding | None:
    if not _zelfde_sleutel(actueel, soort, begindatum):
        return Overtreding(
            "TR063",
            "9063",
            "Er is geen eerdere aanlevering met deze sleutel om te verwijderen.",
        )
    return None


def tr071_start_niet_verwijderen_na_stop(
    *, begindatum: date, actueel: Sequence[LeveringVorm]
) -> Overtreding | None:
    if _zelfde_sleutel(actueel, LeveringSoort.STOP, begindatum):
        return Overtreding(
            "TR071",
            "9071",
            "Deze start kan niet worden verwijderd: er is al een stop voor gemeld.",
        )
    return None


def tr382_stop_volgt_start(
    *, begindatum: date, actueel: Sequence[LeveringVorm]
) -> Overtreding | None:
    """TR382/OP377: a stop copies the key of a start: same toewijzing and begindatum."""
    if not _zelfde_sleutel(actueel, LeveringSoort.START, begindatum):
        return Overtreding(
            "TR382", "9069", "Er is geen start zorg met deze toewijzing en begindatum."
        )
    return None


def tr413_na_tijdelijke_stop(
    *, begindatum: date, reden_beeindiging: str, actueel: Sequence[LeveringVorm]
) -> Overtreding | None:
    """TR413: after a temporary stop (reden 20) for the key, only a final stop may follow."""
    if reden_beeindiging == RedenBeeindiging.TIJDELIJK and any(
        s.reden_beeindiging == RedenBeeindiging.TIJDELIJK
        for s in _zelfde_sleutel(actueel, LeveringSoort.STOP, begindatum)
    ):
        return Overtreding(
            "TR413",
            "9413",
            "Na een tijdelijke stop (reden 20) kan alleen een definitieve stop volgen.",
        )
    return None


def tr414_einddatum_niet_eerder(
    *, begindatum: date, einddatum: date, actueel: Sequence[LeveringVorm]
) -> Overtreding | None:
    """TR414: the einddatum of a new stop is on or after that of the actual stop."""
    if any(
        s.einddatum and einddatum < s.einddatum
        for s in _zelfde_sleutel(actueel, LeveringSoort.STOP, begindatum)
    ):
        return Overtreding(
            "TR414",
            "9414",
            "De einddatum ligt vóór de einddatum van de eerder gemelde stop.",
        )
    return None


def tr415_geen_stop_na_definitieve_stop(
    *, begindatum: date, actueel: Sequence[LeveringVorm]
) -> Overtreding | None:
    """TR415: no stop after a final stop (reden other than 20) with the same key."""
    if any(
        s.reden_beeindiging != RedenBeeindiging.TIJDELIJK
        for s in _zelfde_sleutel(actueel, LeveringSoort.STOP, begindatum)
    ):
        return Overtreding(
            "TR415", "9415", "Voor deze start is al een definitieve stop gemeld."
        )
    return None


def reden_beeindiging_bestaat(reden: str) -> Overtreding | None:
    if not codelijsten.is_valid(codelijsten.REDEN_BEEINDIGING, reden):
        return Overtreding(
            "CS058", "0001", f"Reden beëindiging {reden!r} bestaat niet."
        )
    return None


class _Aanlevering(LeveringVorm, Protocol):
    status_aanlevering: str

    @property
    def toewijzing(self) -> Any: ...


def levering_overtredingen(
    levering: _Aanlevering, actueel: Sequence[LeveringVorm]
) -> list[Overtreding]:
    """All rules for one start or stop aanlevering against the actual leveringen
    of its toewijzing. Rules with a retourcode belong to the standard; the others
    (R-S1, R-S2) are the portal's own."""
    status = levering.status_aanlevering
    toewijzing = levering.toewijzing
    sleutel = {"begindatum": levering.begindatum, "actueel": actueel}
    if status == StatusAanlevering.VERWIJDEREN:
        kandidaten = [tr063_eerdere_aanlevering(soort=levering.soort, **sleutel)]
        if levering.soort == LeveringSoort.START:
            kandidaten.append(tr071_start_niet_verwijderen_na_stop(**sleutel))
    elif status != StatusAanlevering.EERSTE:
        kandidaten = [op033_status_aanlevering(status)]
    elif levering.soort == LeveringSoort.START:
        kandidaten = [
            r_s1_startdatum(
                begindatum=levering.begindatum,
                ingangsdatum=toewijzing.ingangsdatum,
                einddatum=toewijzing.einddatum,
            ),
            tr074_start_uniek(**sleutel),
            tr326_geen_actuele_start(actueel),
        ]
    else:
        einddatum = levering.einddatum
        kandidaten = [
            reden_beeindiging_bestaat(levering.reden_beeindiging),
            tr018_einddatum(levering.begindatum, einddatum),
            r_s2_stop_einddatum(
                einddatum=einddatum, toewijzing_einddatum=toewijzing.einddatum
            ),
            tr382_stop_volgt_start(**sleutel),
            tr415_geen_stop_na_definitieve_stop(**sleutel),
            tr413_na_tijdelijke_stop(
                reden_beeindiging=levering.reden_beeindiging, **sleutel
            ),
            tr414_einddatum_niet_eerder(einddatum=einddatum, **sleutel),
        ]
    return [o for o in kandidaten if o is not None]
