"""WMO315 VOT, WMO317 VOW, WMO319 Antwoord and their retours 316/318/320."""

from __future__ import annotations

from dataclasses import field
from datetime import date
from typing import ClassVar

from berichten.xml.types.common import (
    Header,
    Omvang,
    Product,
    RetourHeader,
    Verwijzer,
    model,
)
from berichten.xml.types.melding import ClientPersoon


@model
class AangevraagdProduct:
    referentie_aanbieder: str
    beschikking_nummer: int | None = None
    product: Product | None = None
    beschikking_ingangsdatum: date | None = None
    toewijzing_ingangsdatum: date
    toewijzing_einddatum: date | None = None
    omvang: Omvang | None = None
    budget: int | None = None
    verwijzer: Verwijzer
    raamcontract: str | None = None
    commentaar: str | None = None


@model
class VotClient(ClientPersoon):
    commentaar: str | None = None
    aangevraagde_producten: list[AangevraagdProduct]


@model
class OngewijzigdProduct:
    toewijzing_nummer: int


@model
class GewenstProduct:
    """Fields TeWijzigenProduct and NieuwProduct share."""

    gewenste_ingangsdatum: date
    einddatum: date | None = None
    omvang: Omvang | None = None
    budget: int | None = None


@model
class TeWijzigenProduct(GewenstProduct):
    toewijzing_nummer: int


@model
class NieuwProduct(GewenstProduct):
    product: Product | None = None


@model
class Verzoek:
    referentie_aanbieder: str
    reden_verzoek: str
    ongewijzigde_producten: list[OngewijzigdProduct] = field(default_factory=list)
    te_wijzigen_producten: list[TeWijzigenProduct] = field(default_factory=list)
    nieuwe_producten: list[NieuwProduct] = field(default_factory=list)


@model
class VowClient:
    bsn: str
    verzoek: Verzoek


@model
class Antwoord:
    referentie_aanbieder: str
    verzoek_antwoord: str
    reden_afwijzing_verzoek: str | None = None


@model
class AangevraagdProductRetour(AangevraagdProduct):
    retourcodes: list[str]


@model
class VotClientRetour(VotClient):
    aangevraagde_producten: list[AangevraagdProductRetour]  # type: ignore[assignment]
    retourcodes: list[str]


@model
class OngewijzigdProductRetour(OngewijzigdProduct):
    retourcodes: list[str]


@model
class TeWijzigenProductRetour(TeWijzigenProduct):
    retourcodes: list[str]


@model
class NieuwProductRetour(NieuwProduct):
    retourcodes: list[str]


@model
class VerzoekRetour(Verzoek):
    ongewijzigde_producten: list[OngewijzigdProductRetour] = field(default_factory=list)  # type: ignore[assignment]
    te_wijzigen_producten: list[TeWijzigenProductRetour] = field(default_factory=list)  # type: ignore[assignment]
    nieuwe_producten: list[NieuwProductRetour] = field(default_factory=list)  # type: ignore[assignment]
    retourcodes: list[str]


@model
class VowClientRetour(VowClient):
    verzoek: VerzoekRetour  # type: ignore[assignment]
    retourcodes: list[str]


@model
class AntwoordRetour(Antwoord):
    retourcodes: list[str]


@model
class Wmo315:
    BERICHT: ClassVar[str] = "WMO315"
    BERICHTCODE: ClassVar[str] = "444"
    header: Header
    client: VotClient


@model
class Wmo316:
    BERICHT: ClassVar[str] = "WMO316"
    BERICHTCODE: ClassVar[str] = "445"
    header: RetourHeader
    client: VotClientRetour | None = None


@model
class Wmo317:
    BERICHT: ClassVar[str] = "WMO317"
    BERICHTCODE: ClassVar[str] = "480"
    header: Header
    client: VowClient


@model
class Wmo318:
    BERICHT: ClassVar[str] = "WMO318"
    BERICHTCODE: ClassVar[str] = "481"
    header: RetourHeader
    client: VowClientRetour | None = None


@model
class Wmo319:
    BERICHT: ClassVar[str] = "WMO319"
    BERICHTCODE: ClassVar[str] = "482"
    header: Header
    antwoord: Antwoord


@model
class Wmo320:
    BERICHT: ClassVar[str] = "WMO320"
    BERICHTCODE: ClassVar[str] = "483"
    header: RetourHeader
    antwoord: AntwoordRetour | None = None
