"""The one trust rule for every inbound channel (upload form, API, iwmo_import).

A message comes from the party that sends it in: the logged-in user's gemeente or
aanbieder (a beheerder, or the operator of `iwmo_import`, names that party). What
the XML says is checked against it, never believed:

- the message's real sender (for a retour: the heenbericht's recipient) must be
  that party, and
- the message type must be one that party's role sends: a gemeente 301, 319, 325
  and the retours of aanbieder messages; an aanbieder 305, 307, 315, 317, 323 and
  the retours of gemeente messages;
- a 315 or 317 goes only to a gemeente the aanbieder has a contract with
  (directly or through one of the gemeente's regio's).

Messages the portal makes itself (`bericht_versturen`) do not pass here: their
sender is the party whose user made them.
"""

from dataclasses import dataclass

from berichten.constants import VAN_GEMEENTE
from berichten.xml.catalog import BERICHTCODES
from core.batch_cache import per_batch
from core.constants import Rol
from core.exceptions import ApplicationError
from stamgegevens.models import Aanbieder, Contract, Gemeente

ALLE_BERICHTEN = frozenset(BERICHTCODES)

# Which party sends which message (the real sender, not the header's Afzender).
VERSTUURT: dict[str, frozenset[str]] = {
    Rol.GEMEENTE: frozenset(VAN_GEMEENTE),
    Rol.AANBIEDER: ALLE_BERICHTEN - VAN_GEMEENTE,
}

# An aanbieder asks a gemeente for something only under a contract.
ALLEEN_MET_CONTRACT = frozenset({"WMO315", "WMO317"})


@dataclass(frozen=True)
class Partij:
    """The party a message comes in from: one gemeente or one aanbieder."""

    gemeente: Gemeente | None = None
    aanbieder: Aanbieder | None = None

    @property
    def rol(self) -> str:
        return Rol.GEMEENTE if self.gemeente is not None else Rol.AANBIEDER

    @property
    def code(self) -> str:
        """Its code in a message header: gemeentecode or AGB-code."""
        return self.gemeente.code if self.gemeente else self.aanbieder.agb_code

    @property
    def naam(self) -> str:
        return (self.gemeente or self.aanbieder).naam

    @property
    def sleutel(self) -> str:
        """'gemeente:0059' or 'aanbieder:98765432', as `--namens` takes it."""
        soort = "gemeente" if self.gemeente is not None else "aanbieder"
        return f"{soort}:{self.code}"

    def __str__(self) -> str:
        soort = "gemeente" if self.gemeente is not None else "aanbieder"
        return f"{soort} {self.naam} ({self.code})"


def partij_uit_sleutel(sleutel: str) -> Partij:
    """'gemeente:0059' or 'aanbieder:98765432' -> that party, or a Dutch refusal."""
    return per_batch(("partij", sleutel), lambda: _partij_uit_sleutel(sleutel))


def _partij_uit_sleutel(sleutel: str) -> Partij:
    soort, _, code = (sleutel or "").strip().partition(":")
    if soort == "gemeente":
        gemeente = Gemeente.objects.filter(code=code).first()
        if gemeente is not None:
            return Partij(gemeente=gemeente)
    elif soort == "aanbieder":
        aanbieder = Aanbieder.objects.filter(agb_code=code).first()
        if aanbieder is not None:
            return Partij(aanbieder=aanbieder)
    else:
        raise ApplicationError(
            f"'{sleutel}' is geen partij: gebruik gemeente:GEMEENTECODE of "
            "aanbieder:AGB-CODE.",
            code="namens",
        )
    raise ApplicationError(
        f"{soort} {code} is niet bekend in het portaal.", code="namens"
    )


def partij_van_gebruiker(user) -> Partij | None:
    """The party of a gemeente or aanbieder user (or machine client); else None."""
    if user.rol == Rol.GEMEENTE and user.gemeente_id:
        return Partij(gemeente=user.gemeente)
    if user.rol == Rol.AANBIEDER and user.aanbieder_id:
        return Partij(aanbieder=user.aanbieder)
    return None


def insturende_partij(user, namens: str = "") -> Partij:
    """The party on whose behalf `user` sends a message in.

    A gemeente or aanbieder user sends for its own party only; a beheerder must
    name the party (`namens`), which is recorded with the message.
    """
    eigen = partij_van_gebruiker(user)
    if eigen is not None:
        if namens and namens.strip() != eigen.sleutel:
            raise ApplicationError(
                f"U kunt alleen berichten van uw eigen organisatie ({eigen.naam}) "
                "insturen.",
                code="namens",
            )
        return eigen
    if user.rol != Rol.BEHEERDER:
        raise ApplicationError(
            "Alleen een gemeente, een aanbieder of een beheerder kan berichten insturen.",
            code="geen_toegang",
        )
    if not namens:
        raise ApplicationError(
            "Kies namens welke partij u dit bericht instuurt "
            "(gemeente:GEMEENTECODE of aanbieder:AGB-CODE).",
            code="namens",
        )
    return partij_uit_sleutel(namens)


def _heeft_contract(aanbieder: Aanbieder, gemeentecode: str) -> bool:
    gemeente = Gemeente.objects.filter(code=gemeentecode).first()
    return (
        gemeente is not None
        and Contract.objects.filter(
            Contract.scope_gemeente(gemeente.pk), aanbieder=aanbieder
        ).exists()
    )


def weigering(
    partij: Partij, *, bericht_type: str | None, afzender: str, ontvanger: str
) -> str:
    """Why `partij` may not send this message in ('' when it may).

    `afzender` and `ontvanger` are the message's real sender and recipient (for
    a retour: the heenbericht's recipient and sender). A message whose type
    cannot be read passes here; the processing refuses it as broken input.
    """
    if bericht_type is None:
        return ""
    if bericht_type not in VERSTUURT[partij.rol]:
        rol = "een gemeente" if partij.rol == Rol.GEMEENTE else "een aanbieder"
        return (
            f"Een {bericht_type} wordt niet door {rol} verstuurd; "
            f"{partij.naam} kan dit bericht niet insturen."
        )
    if afzender != partij.code:
        return (
            f"Dit {bericht_type}-bericht is verstuurd door {afzender or '(onbekend)'}, "
            f"niet door {partij.naam} ({partij.code}); u kunt alleen berichten "
            "insturen die uw eigen organisatie verstuurt."
        )
    if bericht_type in ALLEEN_MET_CONTRACT and not _heeft_contract(
        partij.aanbieder, ontvanger
    ):
        return (
            f"{partij.naam} heeft geen contract met gemeente {ontvanger}; "
            f"een {bericht_type} aan deze gemeente wordt niet aangenomen."
        )
    return ""
