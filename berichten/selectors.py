"""Reads on berichten, always scoped to the user (core.scoping), and their
readable presentation: XML as labelled Dutch rows, BSN masking, retourcode texts
and export file names."""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Case, CharField, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Concat, Right
from django.utils import timezone

from berichten.constants import VAN_GEMEENTE, BerichtStatus, Niveau
from berichten.models import Bericht
from berichten.xml.parser import XmlInputError, parse
from core import codelijsten, wachtrij
from core.constants import Rol
from core.models import MachineSleutel
from core.selectie import Filters, op_velden
from core.templatetags.portaal import euro

# Large raw bytes stay out of lists; only the detail page and download read them.
_ZONDER_INHOUD = ("inhoud",)


def _richting(user) -> Case | Value:
    """'uit' for messages the user's party sent, 'in' for those it received."""
    rol = getattr(user, "rol", None)  # schema generation runs without a user
    if rol not in (Rol.GEMEENTE, Rol.AANBIEDER):
        return Value("")
    van_mij, naar_mij = ("uit", "in") if rol == Rol.GEMEENTE else ("in", "uit")
    return Case(
        # A refused upload is only ever seen by the party that sent it in.
        When(status=BerichtStatus.GEWEIGERD, then=Value("uit")),
        When(bericht_type__in=VAN_GEMEENTE, then=Value(van_mij)),
        default=Value(naar_mij),
        output_field=CharField(),
    )


def bericht_list(*, user, filters: Filters = None) -> QuerySet[Bericht]:
    """The message log of the user's party: one query, BSN masked (*****1234).

    filters: bericht_type, status (BerichtStatus)."""
    berichten = op_velden(
        Bericht.objects.visible_to(user),
        filters,
        {"bericht_type": "bericht_type", "status": "status"},
    )
    return (
        berichten.select_related("gemeente", "aanbieder")
        .defer(*_ZONDER_INHOUD)
        .annotate(
            richting=_richting(user),
            bsn_gemaskeerd=Case(
                When(bsn="", then=Value("")),
                default=Concat(Value("*****"), Right("bsn", 4)),
                output_field=CharField(),
            ),
        )
    )


def bericht_detail_queryset(*, user) -> QuerySet[Bericht]:
    return (
        Bericht.objects.visible_to(user)
        .select_related("gemeente", "aanbieder", "heenbericht", "aangemaakt_door")
        .prefetch_related(
            Prefetch(
                "retourberichten",
                queryset=Bericht.objects.defer(*_ZONDER_INHOUD).order_by("id"),
            )
        )
    )


def is_ontvanger(user, bericht: Bericht) -> bool:
    """Whether the user's party is the receiving party of the message."""
    if bericht.bericht_type in VAN_GEMEENTE:
        return user.rol == Rol.AANBIEDER and user.aanbieder_id == bericht.aanbieder_id
    return user.rol == Rol.GEMEENTE and user.gemeente_id == bericht.gemeente_id


def kan_opnieuw_verwerken(bericht: Bericht) -> bool:
    """A message in fout, or one that waits in ontvangen longer than the sweep's
    WACHTRIJ_WACHTTIJD_SECONDEN, may be processed again by a person."""
    if bericht.status == BerichtStatus.FOUT:
        return True
    return bericht.status == BerichtStatus.ONTVANGEN and wachtrij.wacht_te_lang(bericht)


def mag_opnieuw_verwerken(user, bericht: Bericht) -> bool:
    """A failed message, or one that waits too long, may be retried by a gemeente,
    a beheerder or its recipient."""
    if not kan_opnieuw_verwerken(bericht):
        return False
    return user.rol in (Rol.GEMEENTE, Rol.BEHEERDER) or is_ontvanger(user, bericht)


def _ontvangen_door(user) -> Q:
    """The messages whose receiving party is the user's party."""
    if user.rol == Rol.GEMEENTE:
        return Q(gemeente_id=user.gemeente_id) & ~Q(bericht_type__in=VAN_GEMEENTE)
    if user.rol == Rol.AANBIEDER:
        return Q(aanbieder_id=user.aanbieder_id, bericht_type__in=VAN_GEMEENTE)
    return Q(pk__in=[])


def outbox(*, user) -> QuerySet[Bericht]:
    """What waits for the user's party (a machine client) until it acknowledges it:
    messages to it in the outbox, oldest first."""
    return (
        Bericht.objects.visible_to(user)
        .filter(_ontvangen_door(user), status=BerichtStatus.IN_OUTBOX)
        .order_by("id")
    )


def outbox_bevestigbaar(*, user) -> QuerySet[Bericht]:
    """Messages to the user's party that it may acknowledge (again: idempotent)."""
    return Bericht.objects.visible_to(user).filter(
        _ontvangen_door(user),
        status__in=[BerichtStatus.IN_OUTBOX, BerichtStatus.VERZONDEN],
    )


def outbox_voor_map() -> QuerySet[Bericht]:
    """The outbox for `iwmo_export`: without the messages of parties that fetch
    theirs over the API (an active machine key), so each has one channel."""
    actief = MachineSleutel.objects.filter(
        Q(expiry_date__isnull=True) | Q(expiry_date__gt=timezone.now()),
        revoked=False,
        gebruiker__is_active=True,
    )
    aanbieders = actief.filter(gebruiker__aanbieder__isnull=False).values(
        "gebruiker__aanbieder_id"
    )
    gemeenten = actief.filter(gebruiker__gemeente__isnull=False).values(
        "gebruiker__gemeente_id"
    )
    return (
        Bericht.objects.filter(status=BerichtStatus.IN_OUTBOX)
        .exclude(bericht_type__in=VAN_GEMEENTE, aanbieder_id__in=aanbieders)
        .exclude(Q(gemeente_id__in=gemeenten) & ~Q(bericht_type__in=VAN_GEMEENTE))
        .order_by("id")
    )


def wacht_te_lang_q() -> Q:
    """Messages a person should look at: in fout, or waiting in ontvangen longer
    than WACHTRIJ_WACHTTIJD_SECONDEN (the sweep offers those again)."""
    grens = timezone.now() - wachtrij.wachttijd()
    return Q(status=BerichtStatus.FOUT) | Q(
        Q(in_wachtrij_op__lt=grens)
        | Q(in_wachtrij_op__isnull=True, aangemaakt_op__lt=grens),
        status=BerichtStatus.ONTVANGEN,
    )


# --- presentation ------------------------------------------------------------


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
