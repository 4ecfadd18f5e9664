"""Build the retour (302 … 320) or the declaratie-antwoord (325) of a heenbericht.

IV028 (retour) and IV087 (325), summarised in rules.md §6–7:
- a level-2 finding (0001) or a duplicate (TR056, 9056): Header only, with that code;
- a finding in the Header (level 3/4): Header only, with the rule's codes;
- no findings: Header only, without RetourCodes (a 325: 0200, DeclaratieAntwoord 8001);
- findings in client data: Header 0200 plus the client subtree, every berichtklasse
  with its rule codes, 0200 (no remark) or 0233 (not judged: a parent was rejected).
"""

from dataclasses import fields
from datetime import date
from functools import partial

from berichten import paden
from berichten.bevinding import Bevinding
from berichten.regels.declaratie import saldo
from berichten.xml.codecs import CODECS
from berichten.xml.retour import declaratie_antwoord_header, retour_bericht
from berichten.xml.types import (
    DeclaratieAntwoord,
    DeclaratieAntwoordHeader,
    DeclaratieClientRetour,
    PrestatieRetour,
    TotaalBedrag,
    Wmo325,
)

AFGEKEURD_XSLT = "0001"
DUPLICAAT = "9056"
GEEN_OPMERKING = "0200"
NIET_BEOORDEELD = "0233"
VOLLEDIG_TOEGEWEZEN = "8001"
HELE_BERICHT = (AFGEKEURD_XSLT, DUPLICAAT)  # these codes reject the message as a whole


class Codes:
    """RetourCodes per berichtklasse, from the findings."""

    def __init__(self, bevindingen: list[Bevinding]) -> None:
        self.per_klasse: dict[str, list[str]] = {}
        for b in bevindingen:
            klasse = paden.berichtklasse_van(b.pad)
            if b.retourcode:
                codes = self.per_klasse.setdefault(klasse, [])
                if b.retourcode not in codes:
                    codes.append(b.retourcode)

    def voor(self, pad: str, ouder: list[str] | None = None) -> list[str]:
        """Own codes; else 0233 under a rejected or unjudged parent; else 0200."""
        if pad in self.per_klasse:
            return self.per_klasse[pad]
        return (
            [GEEN_OPMERKING] if ouder in (None, [GEEN_OPMERKING]) else [NIET_BEOORDEELD]
        )

    def afgekeurd(self, pad: str) -> bool:
        return pad in self.per_klasse


def _kopie(obj, retour_cls: type, retourcodes: list[str], **vervangen):
    """The heen berichtklasse copied unchanged into its retour class, with codes."""
    waarden = {f.name: getattr(obj, f.name) for f in fields(obj)}
    return retour_cls(**(waarden | vervangen), retourcodes=retourcodes)


def _beoordeling(bevindingen: list[Bevinding]) -> tuple[list[str] | None, Codes]:
    """(the codes of a header-only answer, or None; the codes per berichtklasse)."""
    for code in HELE_BERICHT:
        if any(b.retourcode == code for b in bevindingen):
            return [code], Codes([])
    codes = Codes(bevindingen)
    return codes.per_klasse.get(paden.HEADER), codes


# --- 302 … 320 -------------------------------------------------------------------


def _codes_per_object(heen, codes: Codes) -> dict[int, list[str]]:
    """RetourCodes of every berichtklasse object in the body of `heen`, by id().

    Walks the codec's element specs, so the XPaths are those of the XML itself.
    """
    per_object: dict[int, list[str]] = {}

    def bezoek(node, obj, pad: str, ouder: list[str] | None) -> None:
        eigen = per_object[id(obj)] = codes.voor(pad, ouder)
        for kind in node.children:
            if kind.node is None or kind.tag not in paden.BERICHTKLASSEN:
                continue
            waarde = getattr(obj, kind.attr)
            if kind.wrapper:
                for nr, item in enumerate(waarde or [], start=1):
                    bezoek(
                        kind.node, item, f"{pad}/{kind.wrapper}/{kind.tag}[{nr}]", eigen
                    )
            elif waarde is not None:
                bezoek(kind.node, waarde, f"{pad}/{kind.tag}", eigen)

    body = CODECS[heen.BERICHT].children[1]  # Client or Antwoord, after the Header
    bezoek(body.node, getattr(heen, body.attr), f"/Bericht/{body.tag}", None)
    return per_object


def _retour(heen, bevindingen: list[Bevinding], identificatie: str, dagtekening: date):
    maak = partial(
        retour_bericht,
        heen,
        identificatie_retour=identificatie,
        dagtekening_retour=dagtekening,
    )
    alleen_header, codes = _beoordeling(bevindingen)
    if alleen_header is not None:
        return maak(header_codes=alleen_header)
    if not codes.per_klasse:
        return maak()  # all OK: header without RetourCodes
    per_object = _codes_per_object(heen, codes)
    return maak(
        header_codes=[GEEN_OPMERKING], codes_for=lambda obj: per_object[id(obj)]
    )


# --- 325 ---------------------------------------------------------------------------


def _totaal(bedrag: int) -> TotaalBedrag:
    return TotaalBedrag(
        totaal_bedrag=abs(bedrag), debet_credit="C" if bedrag < 0 else "D"
    )


def _afgewezen_clienten(
    declaratie, codes: Codes
) -> tuple[list[DeclaratieClientRetour], list]:
    """Only the clients with rejected Prestaties, only those Prestaties; and the approved lines."""
    afgewezen, goedgekeurd = [], []
    clienten = paden.declaratie_client(1).rpartition("[")[0]  # …/Clienten/Client
    if not any(pad.startswith(clienten) for pad in codes.per_klasse):
        # No code on any cliënt or line (most 323s): all approved, no pad per line.
        goedgekeurd = [p for client in declaratie.clienten for p in client.prestaties]
        return afgewezen, goedgekeurd
    for cnr, client in enumerate(declaratie.clienten, start=1):
        client_codes = codes.voor(paden.declaratie_client(cnr))
        client_afgekeurd = codes.afgekeurd(paden.declaratie_client(cnr))
        retour_prestaties = []
        for pnr, prestatie in enumerate(client.prestaties, start=1):
            pad = paden.prestatie(cnr, pnr)
            if client_afgekeurd or codes.afgekeurd(pad):
                retour_prestaties.append(
                    _kopie(prestatie, PrestatieRetour, codes.voor(pad, client_codes))
                )
            else:
                goedgekeurd.append(prestatie)
        if retour_prestaties:
            afgewezen.append(
                _kopie(
                    client,
                    DeclaratieClientRetour,
                    client_codes,
                    prestaties=retour_prestaties,
                )
            )
    return afgewezen, goedgekeurd


def _declaratie_antwoord(
    heen, bevindingen: list[Bevinding], identificatie: str, dagtekening: date
) -> Wmo325:
    declaratie = heen.declaratie

    def header(retourcodes: list[str]) -> DeclaratieAntwoordHeader:
        # The gemeente answers the aanbieder: a new message referring to the 323.
        return declaratie_antwoord_header(
            heen,
            identificatie=identificatie,
            dagtekening=dagtekening,
            retourcodes=retourcodes,
        )

    alleen_header, codes = _beoordeling(bevindingen)
    if alleen_header is not None:
        return Wmo325(header=header(alleen_header))

    ingediend = declaratie.totaal_ingediend_bedrag
    if codes.afgekeurd(paden.DECLARATIE):  # the whole declaratie is not processed
        clienten, toegekend, antwoord_codes = [], 0, codes.per_klasse[paden.DECLARATIE]
    else:
        clienten, goedgekeurd = _afgewezen_clienten(declaratie, codes)
        toegekend = saldo(p.ingediend_bedrag for p in goedgekeurd)
        antwoord_codes = [GEEN_OPMERKING] if clienten else [VOLLEDIG_TOEGEWEZEN]
    antwoord = DeclaratieAntwoord(
        declaratie_nummer=declaratie.declaratie_nummer,
        totaal_ingediend_bedrag=TotaalBedrag(
            totaal_bedrag=ingediend.totaal_bedrag, debet_credit=ingediend.debet_credit
        ),
        totaal_toegekend_bedrag=_totaal(toegekend),
        clienten=clienten,
        retourcodes=antwoord_codes,
    )
    return Wmo325(header=header([GEEN_OPMERKING]), declaratie_antwoord=antwoord)


def bouw_retour(
    heen, bevindingen: list[Bevinding], *, identificatie: str, dagtekening: date
):
    """The retour message object for `heen` (a Wmo301 … Wmo323) and its findings."""
    if heen.BERICHT == "WMO323":
        return _declaratie_antwoord(heen, bevindingen, identificatie, dagtekening)
    return _retour(heen, bevindingen, identificatie, dagtekening)
