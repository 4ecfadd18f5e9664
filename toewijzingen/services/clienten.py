"""Writes on cliënten: by the gemeente, and from the cliënt data of a 315."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from stdnum.nl import postcode as stdnum_postcode

from core.exceptions import ApplicationError
from stamgegevens.models import Gemeente
from toewijzingen.models import (
    Client,
)
from toewijzingen.services.gedeeld import _eis_gemeente

CLIENT_VELDEN = (
    "geboortedatum",
    "geslacht",
    "achternaam",
    "voorvoegsel",
    "voornamen",
    "voorletters",
    "naam_gebruik",
    "straat",
    "huisnummer",
    "huisletter",
    "huisnummer_toevoeging",
    "postcode",
    "plaats",
    "telefoon",
    "email",
)


def _client_postcode(client: Client) -> None:
    """A Dutch postcode as iWmo carries it ("9231AB"), whatever the spacing or
    case it was typed in; anything else is refused, never cut short."""
    if not client.postcode:
        return
    if not stdnum_postcode.is_valid(client.postcode):
        tekst = "Dit is geen geldige Nederlandse postcode (vorm 1234 AB)."
        raise ApplicationError(
            tekst, code="ongeldig", extra={"velden": {"postcode": [tekst]}}
        )
    client.postcode = stdnum_postcode.compact(client.postcode)


def _client_opslaan(client: Client) -> Client:
    _client_postcode(client)
    try:
        client.full_clean(validate_constraints=False)
    except ValidationError as exc:
        raise ApplicationError(
            " ".join(m for msgs in exc.message_dict.values() for m in msgs),
            code="ongeldig",
            extra={"velden": exc.message_dict},
        ) from exc
    try:
        with transaction.atomic():
            client.save()
    except IntegrityError as exc:
        raise ApplicationError(
            "Deze gemeente heeft al een cliënt met dit BSN.", code="bsn_bestaat"
        ) from exc
    return client


@transaction.atomic
def client_aanmaken(*, user, bsn: str, **velden: Any) -> Client:
    """A cliënt of the user's gemeente; velden: see CLIENT_VELDEN."""
    _eis_gemeente(user, user.gemeente_id)
    onbekend = set(velden) - set(CLIENT_VELDEN)
    if onbekend:
        raise ApplicationError(f"Onbekende velden: {', '.join(sorted(onbekend))}.")
    return _client_opslaan(Client(gemeente_id=user.gemeente_id, bsn=bsn, **velden))


@transaction.atomic
def client_wijzigen(*, user, client: Client, **velden: Any) -> Client:
    _eis_gemeente(user, client.gemeente_id)
    onbekend = set(velden) - set(CLIENT_VELDEN)
    if onbekend:
        raise ApplicationError(f"Onbekende velden: {', '.join(sorted(onbekend))}.")
    for veld, waarde in velden.items():
        setattr(client, veld, waarde)
    return _client_opslaan(client)


@dataclass(kw_only=True)
class ClientGegevens:
    """The cliënt data a 315 carries, for a cliënt the aanbieder does not see yet."""

    bsn: str
    geboortedatum: date
    geslacht: str
    achternaam: str
    voorvoegsel: str = ""
    voornamen: str = ""
    voorletters: str = ""

    @classmethod
    def van_client(cls, client: Client) -> "ClientGegevens":
        return cls(
            bsn=client.bsn,
            geboortedatum=client.geboortedatum,
            geslacht=client.geslacht,
            achternaam=client.achternaam,
            voorvoegsel=client.voorvoegsel,
            voornamen=client.voornamen,
            voorletters=client.voorletters,
        )

    def als_dict(self) -> dict:
        """As stored on the Verzoek (`opgegeven_client`)."""
        return {**vars(self), "geboortedatum": self.geboortedatum.isoformat()}


def verzoek_client(*, gemeente: Gemeente, gegevens: ClientGegevens) -> Client:
    """The gemeente's cliënt with this BSN; created from the verzoek when new."""
    client = Client.objects.filter(gemeente=gemeente, bsn=gegevens.bsn).first()
    if client is not None:
        return client
    velden = {k: v for k, v in vars(gegevens).items() if k != "bsn"}
    return _client_opslaan(Client(gemeente=gemeente, bsn=gegevens.bsn, **velden))
