"""Light records of what the rules read from the database: plain rows with
`__slots__`, no model instance per line (a 323 has up to 10,000 and more)."""

from dataclasses import dataclass, field
from datetime import date

from declaraties.constants import DebetCredit


@dataclass(slots=True, eq=False)
class ProductRij:
    categorie: str
    code: str


@dataclass(slots=True, eq=False)
class ContractRij:
    uitvoeringsvariant: str


@dataclass(slots=True, eq=False)
class ClientRij:
    bsn: str


@dataclass(slots=True, eq=False)
class ToewijzingRij:
    """A toewijzing as the rules read it: a plain row, not a model instance, with
    its product, contract and cliënt as shared light records (the same attribute
    names as the model, so the functions in perioden.py take either)."""

    pk: int
    toewijzing_nummer: int
    contract_id: int
    product_id: int
    client_id: int
    ingangsdatum: date
    einddatum: date | None
    volume: int | None
    eenheid: str
    frequentie: str
    budget: int | None
    reden_wijziging: str
    heeft_start: bool
    product: ProductRij
    contract: ContractRij
    client: ClientRij
    stop_einden: set[date] = field(default_factory=set)  # of the actual stops zorg


TOEWIJZING_KOLOMMEN = (
    "pk",
    "toewijzing_nummer",
    "contract_id",
    "product_id",
    "client_id",
    "ingangsdatum",
    "einddatum",
    "volume",
    "eenheid",
    "frequentie",
    "budget",
    "reden_wijziging",
    "heeft_start",
    "product__categorie",
    "product__code",
    "contract__uitvoeringsvariant",
    "client__bsn",
)


@dataclass(slots=True, eq=False)
class EerdereRij:
    """An earlier sent Prestatie of the aanbieder (TR314, TR323, TR390), by its
    ProductReferentie."""

    pk: int
    product_referentie: str
    debet_credit: str
    status: str
    is_duplicaat: bool
    toewijzing_id: int | None
    is_gecrediteerd: bool

    @property
    def is_credit(self) -> bool:
        return self.debet_credit == DebetCredit.CREDIT


EERDERE_KOLOMMEN = (
    "pk",
    "product_referentie",
    "debet_credit",
    "status",
    "is_duplicaat",
    "toewijzing_id",
    "is_gecrediteerd",
)
