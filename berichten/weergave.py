"""Readable presentation of messages: XML as labelled Dutch rows, BSN masking,
retourcode texts and export file names."""

import re
from dataclasses import dataclass
from datetime import date

from berichten.constants import Niveau
from berichten.models import Bericht
from berichten.xml.parser import XmlInputError, parse
from core import codelijsten
from core.templatetags.portaal import euro

# Element name -> codelist; (parent, element) first where a name is ambiguous.
CODELIJST_BIJ_ELEMENT: dict[str, str] = {
    "Eenheid": codelijsten.EENHEID,
    "Frequentie": codelijsten.FREQUENTIE,
    "Categorie": codelijsten.PRODUCTCATEGORIE,
    "ProductCategorie": codelijsten.PRODUCTCATEGORIE,
    "RedenWijziging": codelijsten.REDEN_WIJZIGING,
    "RedenBeeindiging": codelijsten.REDEN_BEEINDIGING,
    "RetourCode": codelijsten.RETOURCODE,
    "Geslacht": codelijsten.GESLACHT,
    "StatusAanlevering": "LDT_StatusAanlevering",
    "DebetCredit": "LDT_DebetCredit",
    "NaamGebruik": "LDT_NaamGebruik",
    "DatumGebruik": "LDT_DatumGebruik",
    "JuridischeStatus": "LDT_JuridischeStatus",
    "WettelijkeVertegenwoordiging": "LDT_WettelijkeVertegenwoordiging",
    "AanduidingWoonadres": "LDT_AanduidingWoonadres",
    "Raamcontract": "LDT_JaNee",
    "RedenVerzoek": "LDT_RedenVerzoek",
    "VerzoekAntwoord": "LDT_VerzoekAntwoord",
    "RedenAfwijzingVerzoek": "LDT_RedenAfwijzingVerzoek",
    "Vorm": "LDT_Communicatievorm",
    "Type": "LDT_TypeVerwijzer",
}
CODELIJST_IN_CONTEXT: dict[tuple[str, str], str] = {
    ("Relatie", "Soort"): "LDT_SoortRelatie",
    ("Contact", "Soort"): "LDT_AdresSoort",
}
EURO_ELEMENTEN = {"Bedrag", "TotaalBedrag", "Budget", "ProductTarief"}  # eurocent
LABELS = {
    "Bsn": "BSN",
    "Client": "Cliënt",
    "Clienten": "Cliënten",
    "XsdVersie": "XSD-versie",
    "XsdVersieRetour": "XSD-versie retour",
    "BasisschemaXsdVersie": "Basisschema XSD-versie",
    "BerichtXsdVersie": "Bericht XSD-versie",
    "XsltVersie": "XSLT-versie",
    "Emailadres": "E-mailadres",
    "ZorgverlenerCode": "Zorgverlenercode (AGB)",
    "RetourCodes": "Retourcodes",
    "RetourCode": "Retourcode",
}
_WOORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


@dataclass(frozen=True, slots=True)
class Regel:
    """One row of the readable content: a group heading (no waarde) or a value."""

    diepte: int
    label: str
    waarde: str = ""
    is_groep: bool = False


def label(element: str) -> str:
    """'ToewijzingNummer' -> 'Toewijzingnummer': CamelCase as one Dutch word."""
    if element in LABELS:
        return LABELS[element]
    woorden = _WOORD.findall(element) or [element]
    return woorden[0][:1].upper() + "".join(woorden)[1:].lower()


def maskeer_bsn(bsn: str) -> str:
    return f"*****{bsn[-4:]}" if bsn else ""


def _codelijst(ouder: str, element: str) -> str | None:
    return CODELIJST_IN_CONTEXT.get((ouder, element)) or CODELIJST_BIJ_ELEMENT.get(
        element
    )


def waarde(ouder: str, element: str, tekst: str) -> str:
    """A leaf value as people read it: codelist text, euro, Dutch date."""
    lijst = _codelijst(ouder, element)
    if lijst:
        omschrijving = codelijsten.omschrijving(lijst, tekst)
        return tekst if omschrijving == tekst else f"{tekst} – {omschrijving}"
    if element in EURO_ELEMENTEN and tekst.lstrip("-").isdigit():
        return euro(int(tekst))
    try:
        return date.fromisoformat(tekst).strftime("%d-%m-%Y")
    except ValueError:
        return tekst


def _naam(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def regels(inhoud: bytes) -> list[Regel]:
    """The message as labelled rows in document order; [] when it cannot be read.

    Meant for the detail page only: the BSN is shown in full.
    """
    try:
        root = parse(inhoud)
    except XmlInputError:
        return []
    rijen: list[Regel] = []
    stapel = [(kind, 0, _naam(root.tag)) for kind in reversed(root)]
    while stapel:
        element, diepte, ouder = stapel.pop()
        if not isinstance(element.tag, str):
            continue
        naam = _naam(element.tag)
        kinderen = [kind for kind in element if isinstance(kind.tag, str)]
        if kinderen:
            rijen.append(Regel(diepte, label(naam), is_groep=True))
            stapel.extend((kind, diepte + 1, naam) for kind in reversed(kinderen))
        else:
            tekst = (element.text or "").strip()
            rijen.append(Regel(diepte, label(naam), waarde(ouder, naam, tekst)))
    return rijen


def bsns(bericht: Bericht) -> set[str]:
    """Every BSN the message shows in full (its Bsn elements; for a file that
    cannot be read, the BSN stored with it)."""
    gevonden = {bericht.bsn} if bericht.bsn else set()
    try:
        root = parse(bericht.xml)
    except XmlInputError:
        return gevonden
    for element in root.iter():
        if isinstance(element.tag, str) and _naam(element.tag) == "Bsn":
            gevonden.add((element.text or "").strip())
    return gevonden - {""}


def retourcode_tekst(code: str) -> str:
    return codelijsten.omschrijving(codelijsten.RETOURCODE, code) if code else ""


def bevindingen(bericht: Bericht) -> list[dict]:
    """The stored findings, with the Dutch texts of their niveau and retourcode."""
    niveaus = dict(Niveau.choices)
    return [
        {
            **b,
            "niveau_tekst": niveaus.get(b.get("niveau"), ""),
            "retourcode_tekst": retourcode_tekst(b.get("retourcode", "")),
        }
        for b in bericht.bevindingen or []
    ]


def retourcodes(bericht: Bericht) -> list[dict]:
    return [
        {"code": code, "tekst": retourcode_tekst(code)}
        for code in bericht.retourcodes or []
    ]


def bestandsnaam(bericht: Bericht) -> str:
    """'WMO301_0363_T2026-0042.xml': the name used for download and export."""
    if not bericht.bericht_type:
        return f"bericht_{bericht.pk}.xml"
    delen = [bericht.bericht_type, bericht.afzender, bericht.identificatie]
    naam = "_".join(d for d in delen if d)
    return re.sub(r"[^A-Za-z0-9_.-]", "_", naam) + ".xml"
