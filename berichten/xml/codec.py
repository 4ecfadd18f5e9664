"""encode / decode between iWmo 3.2 message objects and XML bytes."""

from __future__ import annotations

from lxml import etree

from berichten.xml.catalog import (
    BASIS_NS,
    BASIS_PREFIX,
    BERICHT_SUBVERSIE,
    BERICHT_VERSIE,
    message_ns,
    message_prefix,
)
from berichten.xml.codecs import CODECS
from berichten.xml.codecs.engine import decode_node, encode_node
from berichten.xml.parser import MessageKind, identify, parse
from berichten.xml.types import Message

__all__ = ["CODECS", "Message", "decode", "decode_element", "encode", "to_element"]


def to_element(msg: Message) -> etree._Element:
    """The message as an lxml tree (schema order, RS033: no empty elements)."""
    bericht = msg.BERICHT
    ns = message_ns(bericht)
    root = etree.Element(
        f"{{{ns}}}Bericht", nsmap={message_prefix(bericht): ns, BASIS_PREFIX: BASIS_NS}
    )
    fixed = {
        "BerichtCode": msg.BERICHTCODE,
        "BerichtVersie": BERICHT_VERSIE,
        "BerichtSubversie": BERICHT_SUBVERSIE,
    }
    encode_node(CODECS[bericht], msg, root, ns, fixed)
    return root


def encode(msg: Message, *, pretty: bool = False) -> bytes:
    """UTF-8 XML with declaration. Does not validate; see berichten.xml.validation."""
    return etree.tostring(
        to_element(msg), xml_declaration=True, encoding="UTF-8", pretty_print=pretty
    )


def decode_element(root: etree._Element, kind: MessageKind | None = None) -> Message:
    """Decode an already parsed (and usually validated) root, with no second parse;
    raises XmlInputError (code "structure" …). `kind`: `identify(root)`, if known."""
    if kind is None:
        kind = identify(root)
    return decode_node(CODECS[kind.bericht], root, kind.namespace)  # type: ignore[no-any-return]


def decode(data: bytes) -> Message:
    """Parse untrusted bytes with the hardened parser and decode the message."""
    return decode_element(parse(data))
