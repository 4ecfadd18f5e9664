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
    decoders: dict[str, Callable[[etree._Element], Any]] = field(
        default_factory=dict, repr=False
    )  # compiled fast path per namespace, see `decode_node`

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
        return decode_checked(node, el, ns)  # type: ignore[arg-type]
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
    """Decode `el` as `node`: a compiled fast path for elements in schema order,
    the general decoder (`decode_checked`) for anything else and for errors."""
    return decode_node_compiled(node, ns)(el)


def decode_checked(node: Node, el: etree._Element, ns: str) -> Any:
    """The general decoder: any child order, a precise error for every fault."""
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


# ---------------------------------------------------------------- fast decoding
#
# A 323 has some 200,000 elements; walking the table above costs a dict lookup,
# a function call and a check per element. `_compile` turns a Node into the
# straight-line Python function the table describes (as `dataclasses` builds
# `__init__`), nested Nodes inlined: children in schema order, optional ones
# skipped, one comparison per element. It handles only that canonical form,
# which is every XSD-valid document; anything else (another order, a missing or
# unknown element, text that does not convert) raises `_NotCanonicalError` and
# the element is decoded again by `decode_checked`, which accepts what it
# accepted before and gives its precise error message.


class _NotCanonicalError(Exception):
    """The element is not in canonical form: let `decode_checked` decide."""


_END = etree.Element("end-of-children")  # no namespace: never a child's tag


class _Source:
    """The lines of one compiled decoder and the constants they refer to."""

    def __init__(self, ns: str) -> None:
        self.ns = ns
        self.lines: list[str] = []
        self.env: dict[str, Any] = {
            "_NotCanonicalError": _NotCanonicalError,
            "XmlInputError": XmlInputError,
            "_date": date.fromisoformat,
            "END": _END,
            "END_TAG": _END.tag,
        }
        self.count = 0

    def const(self, value: Any) -> str:
        self.count += 1
        name = f"C{self.count}"
        self.env[name] = value
        return name

    def var(self, base: str) -> str:
        self.count += 1
        return f"{base}{self.count}"

    def emit(self, indent: int, *lines: str) -> None:
        self.lines += ["    " * indent + line for line in lines]

    def leaf(self, conv: Conv, el: str, target: str, indent: int) -> None:
        self.emit(
            indent,
            f"t = {el}.text",
            f"if t is None or len({el}): raise _NotCanonicalError",
        )
        if conv is TEXT:
            self.emit(indent, f"{target} = t")
        elif conv is INT:
            self.emit(
                indent,
                f"{target} = int(t)",
                f"if {target} < 0: raise _NotCanonicalError",
            )
        elif conv is DATE:  # with spaces around it: via decode_checked
            self.emit(indent, f"{target} = _date(t)")
        else:
            self.emit(indent, f"{target} = {self.const(conv.load)}(t)")

    def value(self, child: Child, el: str, target: str, indent: int) -> None:
        if child.node is not None:
            self.node(child.node, el, target, indent)
        else:
            self.leaf(child.conv, el, target, indent)  # type: ignore[arg-type]

    def node(self, node: Node, el: str, target: str, indent: int) -> None:
        """Lines that decode element `el` as `node` into variable `target`."""
        own = BASIS_NS if node.basis else self.ns
        # `c` is child `k` of `n` (END after the last) and `g` its tag, read once
        # per element (lxml makes a new string on every `.tag`). No list of the
        # children: fewer allocations, fewer garbage collector passes.
        n, k, c, g = self.var("n"), self.var("k"), self.var("c"), self.var("g")
        advance = f"{k} += 1; {c} = {el}[{k}] if {k} < {n} else END; {g} = {c}.tag"
        self.emit(indent, f"{n} = len({el}); {k} = 0")
        self.emit(indent, f"{c} = {el}[0] if {n} else END; {g} = {c}.tag")
        for tag in node.fixed:  # header elements checked by identify()
            self.emit(indent, f"if {g} == {self.const(f'{{{own}}}{tag}')}:")
            self.emit(indent + 1, advance)
        values = []
        for child, tag, wrapper_tag in node.tags(self.ns):
            v = self.var("v")
            values.append(f"{child.attr}={v}")
            self.emit(indent, f"if {g} == {self.const(wrapper_tag or tag)}:")
            if wrapper_tag is None:
                self.value(child, c, v, indent + 1)
            else:
                x, y = self.var("x"), self.var("y")
                self.emit(indent + 1, f"{v} = []", f"for {x} in {c}:")
                self.emit(
                    indent + 2,
                    f"if {x}.tag != {self.const(tag)}: raise _NotCanonicalError",
                )
                self.value(child, x, y, indent + 2)
                self.emit(indent + 2, f"{v}.append({y})")
                self.emit(indent + 1, f"if not {v}: raise _NotCanonicalError")
            self.emit(indent + 1, advance)
            self.emit(indent, "else:")
            if child.optional:
                self.emit(indent + 1, f"{v} = {'[]' if wrapper_tag else 'None'}")
            else:
                self.emit(indent + 1, "raise _NotCanonicalError")
        self.emit(indent, f"if {g} != END_TAG: raise _NotCanonicalError")
        self.emit(indent, f"{target} = {self.const(node.cls)}({', '.join(values)})")


def _compile(node: Node, ns: str) -> Callable[[etree._Element], Any]:
    source = _Source(ns)
    source.emit(0, "def decode(el):", "    try:")
    source.node(node, "el", "result", 2)
    source.emit(
        1,
        "except XmlInputError:",
        "    raise",
        "except (_NotCanonicalError, ValueError, TypeError):",
        f"    return {source.const(decode_checked)}("
        f"{source.const(node)}, el, {source.const(ns)})",
        "return result",
    )
    code = compile("\n".join(source.lines), f"<decode {node.cls.__name__}>", "exec")
    exec(code, source.env)  # noqa: S102
    return source.env["decode"]  # type: ignore[no-any-return]


def decode_node_compiled(node: Node, ns: str) -> Callable[[etree._Element], Any]:
    """The compiled decoder of `node` for namespace `ns` (made once, then cached)."""
    decoder = node.decoders.get(ns)
    if decoder is None:
        decoder = node.decoders[ns] = _compile(node, ns)
    return decoder
