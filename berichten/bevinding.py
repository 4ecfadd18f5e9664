"""A finding of a check on a message: which rule, which retourcode, where."""

from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class Bevinding:
    niveau: int  # berichten.constants.Niveau: 1 XSD, 2 inhoud, 3 berichtoverstijgend, 4 extern
    regel: str  # rule id: "TR056", "CS002", "XSD"
    retourcode: str  # "9056", "0001", ... ("" for level 1: no retour)
    pad: str  # XPath of the berichtklasse, 1-based: "/Bericht/Client/StartProducten/StartProduct[2]"
    tekst: str  # Dutch explanation for people

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Bevinding":
        return cls(**data)
