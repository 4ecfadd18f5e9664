"""Declarative element specs and the generic encoder/decoder that walks them.

A `Node` describes one complex type: the dataclass it maps to and its children
in schema order. Children of a basisschema type (CDT_*) are in the basisschema
namespace, children of a message type in the message namespace, which is only
known at run time; the tags per namespace are therefore computed once and cached.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, time
from typing import Any

from lxml import etree

from berichten.xml.catalog import BASIS_NS
from berichten.xml.parser import XmlInputError


@dataclass(frozen=True, slots=True)
class Conv:
    """How a simple type goes from text to Python and back."""

    name: str  # Dutch description for error messages
    load: Callable[[str], Any]
    dump: Callable[[Any], str]


def _load_int(text: str) -> int:
    value = int(text.strip())
    if value < 0:
        raise ValueError(text)
    return value


def _load_date(text: str) -> date:
    return date.fromisoformat(text.strip())


def _load_time(text: str) -> time:
    return time.fromisoformat(text.strip())


# Strings keep their whitespace (xs:string preserves it); other types collapse it.
TEXT = Conv("tekst", str, str)
INT = Conv("geheel getal", _load_int, str)
DATE = Conv("datum (JJJJ-MM-DD)", _load_date, date.isoformat)
TIME = Conv("tijd (UU:MM:SS)", _load_time, time.isoformat)


@dataclass(frozen=True, slots=True)
class Child:
    tag: str  # local name of the element (of the items when `wrapper` is set)
    attr: str
    conv: Conv | None = None  # simple content
    node: Node | None = None  # complex content
    optional: bool = False
    # List container (Relaties, RetourCodes …): the value is then a list of items.
    wrapper: str | None = None


@dataclass(slots=True, eq=False)
class Node:
    cls: type
    children: tuple[Child, ...]
    basis: bool = False  # children live in the basisschema namespace
    fixed: tuple[str, ...] = ()  # leading header elements written from the context
    _tags: dict[str, list[tuple[Child, str, str | None]]] = field(
        default_factory=dict, repr=False
    )
    plans: dict[str, _Plan] = field(default_factory=dict, repr=False)  # decode cache

    def tags(self, ns: str) -> list[tuple[Child, str, str | None]]:
        """(child, clark tag, clark wrapper tag) for message namespace `ns`."""
        cached = self._tags.get(ns)
        if cached is None:
            own = BASIS_NS if self.basis else ns
            cached = [
                (
                    c,
                    f"{{{ns if c.wrapper else own}}}{c.tag}",
                    f"{{{own}}}{c.wrapper}" if c.wrapper else None,
                )
                for c in self.children
            ]
            self._tags[ns] = cached
        return cached


def leaf(tag: str, attr: str, conv: Conv = TEXT, *, optional: bool = False) -> Child:
    return Child(tag, attr, conv=conv, optional=optional)


def sub(tag: str, attr: str, node: Node, *, optional: bool = False) -> Child:
    return Child(tag, attr, node=node, optional=optional)


def many(
    wrapper: str, tag: str, attr: str, item: Node | Conv, *, optional: bool = False
) -> Child:
    if isinstance(item, Node):
        return Child(tag, attr, node=item, optional=optional, wrapper=wrapper)
    return Child(tag, attr, conv=item, optional=optional, wrapper=wrapper)


RETOURCODES = many("RetourCodes", "RetourCode", "retourcodes", TEXT)
OPTIONAL_RETOURCODES = replace(RETOURCODES, optional=True)


def retour(node: Node, cls: type, **nested: Node) -> Node:
    """The retour variant of a heen type: same children, `nested` nodes swapped
    for their retour variants, and RetourCodes appended."""
    children = tuple(
        replace(c, node=nested[c.attr]) if c.attr in nested else c
        for c in node.children
    )
    return Node(cls, (*children, RETOURCODES), node.basis)


def extend(node: Node, cls: type, *children: Child, before: str | None = None) -> Node:
    """`node` with extra children, appended or inserted before the child `before`."""
    old = list(node.children)
    at = len(old) if before is None else [c.attr for c in old].index(before)
    return Node(cls, (*old[:at], *children, *old[at:]), node.basis)


# ---------------------------------------------------------------- encoding


def encode_node(
    node: Node, obj: Any, el: etree._Element, ns: str, fixed: dict[str, str]
) -> None:
    sub_element = etree.SubElement
    own = BASIS_NS if node.basis else ns
    for tag in node.fixed:
        sub_element(el, f"{{{own}}}{tag}").text = fixed[tag]
    for child, tag, wrapper_tag in node.tags(ns):
        value = getattr(obj, child.attr)
        if value is None:
            continue
        if wrapper_tag is not None:
            if not value:
                continue
            target = sub_element(el, wrapper_tag)
            items: Sequence[Any] = value
        else:
            target = el
            items = (value,)
        conv = child.conv
        for item in items:
            item_el = sub_element(target, tag)
            if conv is not None:
                item_el.text = conv.dump(item)
            else:
                encode_node(child.node, item, item_el, ns, fixed)  # type: ignore[arg-type]
                if not len(item_el):  # all-optional type with nothing set (RS033)
                    target.remove(item_el)


# ---------------------------------------------------------------- decoding


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def structure_error(el: etree._Element, message: str) -> XmlInputError:
    where = f" (regel {el.sourceline})" if el.sourceline else ""
    return XmlInputError("structure", message + where, line=el.sourceline)


def _value(
    conv: Conv | None,
    node: Node | None,
    el: etree._Element,
    parent: etree._Element,
    ns: str,
) -> Any:
    if conv is None:
        return decode_node(node, el, ns)  # type: ignore[arg-type]
    text = el.text
    if text is None or len(el):
        raise structure_error(
            el,
            f"Het element '{_local(el.tag)}' in '{_local(parent.tag)}' is leeg of bevat elementen.",
        )
    try:
        return conv.load(text)
    except ValueError:
        raise structure_error(
            el,
            f"Het element '{_local(el.tag)}' in '{_local(parent.tag)}' heeft de waarde "
            f"'{text.strip()}', verwacht is een {conv.name}.",
        ) from None


@dataclass(frozen=True, slots=True)
class _Plan:
    """Decoding table of one Node for one message namespace."""

    # clark tag -> (attr, conv, node, clark tag of list items or None)
    index: dict[str, tuple[str, Conv | None, Node | None, str | None]]
    fixed: frozenset[str]  # header elements checked by parser.identify
    optional: tuple[tuple[str, bool], ...]  # (attr, is_list)
    size: int


def _plan(node: Node, ns: str) -> _Plan:
    plan = node.plans.get(ns)
    if plan is None:
        own = BASIS_NS if node.basis else ns
        plan = node.plans[ns] = _Plan(
            index={
                wrapper or tag: (c.attr, c.conv, c.node, tag if wrapper else None)
                for c, tag, wrapper in node.tags(ns)
            },
            fixed=frozenset(f"{{{own}}}{t}" for t in node.fixed),
            optional=tuple(
                (c.attr, c.wrapper is not None) for c in node.children if c.optional
            ),
            size=len(node.children),
        )
    return plan


def _missing(node: Node, values: dict[str, Any], el: etree._Element) -> XmlInputError:
    child = next(c for c in node.children if c.attr not in values)
    return structure_error(
        el,
        f"Verplicht element '{child.wrapper or child.tag}' ontbreekt in '{_local(el.tag)}'.",
    )


def decode_node(node: Node, el: etree._Element, ns: str) -> Any:
    plan = _plan(node, ns)
    index = plan.index
    values: dict[str, Any] = {}
    for sub_el in el:
        tag = sub_el.tag
        entry = index.get(tag)  # type: ignore[arg-type]
        if entry is None:
            if tag in plan.fixed:
                continue
            raise structure_error(
                sub_el,
                f"Het element '{_local(str(tag))}' hoort niet in '{_local(el.tag)}'.",
            )
        attr, conv, sub_node, item_tag = entry
        if attr in values:
            raise structure_error(
                sub_el,
                f"Het element '{_local(tag)}' komt meer dan eens voor in '{_local(el.tag)}'.",
            )
        if item_tag is None:
            values[attr] = _value(conv, sub_node, sub_el, el, ns)
            continue
        items = []
        for item_el in sub_el:
            if item_el.tag != item_tag:
                raise structure_error(
                    item_el,
                    f"Het element '{_local(str(item_el.tag))}' hoort niet in '{_local(tag)}'.",
                )
            items.append(_value(conv, sub_node, item_el, sub_el, ns))
        if not items:
            raise structure_error(sub_el, f"Het element '{_local(tag)}' is leeg.")
        values[attr] = items
    if len(values) != plan.size:
        for attr, is_list in plan.optional:
            if attr not in values:
                values[attr] = [] if is_list else None
        if len(values) != plan.size:
            raise _missing(node, values, el)
    return node.cls(**values)
