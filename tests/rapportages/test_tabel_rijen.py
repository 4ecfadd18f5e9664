"""The dashboard table body tag: the same cells the template filters made."""

from django.template import Context, Template

from rapportages.selectors.tabellen import Kolom, Tabel
from rapportages.templatetags.rapportage_tabellen import tabel_rijen

KOLOMMEN = [
    Kolom("Aanbieder"),
    Kolom("Bedrag", "euro"),
    Kolom("Aantal", "getal"),
    Kolom("Uitval", "procent"),
    Kolom("Code"),
]
RIJEN = [
    ["Zorg <&> Co", 123456, 1234, 12.25, "9321"],
    ["Tweede", -5000, None, 0.0, "<b>"],
    ["Derde", 0, 0, 0, "9321"],
    ["Vierde", 0, 1, 1.0, 1],  # equal values of other types: formatted each
]

# The cells as the dashboard template wrote them with its filters.
TEMPLATE = Template(
    "{% load portaal %}{% for r in rijen %}<tr>"
    '<th scope="row">{{ r.0 }}</th>'
    '<td class="getal">{{ r.1|euro }}</td>'
    '<td class="getal">{{ r.2|default_if_none:"–" }}</td>'
    '<td class="getal">{{ r.3|floatformat:1 }}%</td>'
    "<td>{{ r.4 }}</td>"
    '<td><a href="/x/">Bekijk regels</a></td></tr>'
    "{% if not forloop.last %}\n{% endif %}{% endfor %}"
)


def test_tabel_rijen_writes_what_the_template_filters_wrote(settings):
    settings.USE_THOUSAND_SEPARATOR = True
    tabel = Tabel(
        id="t", titel="T", kolommen=KOLOMMEN, rijen=RIJEN, links=["/x/"] * len(RIJEN)
    )
    verwacht = TEMPLATE.render(Context({"rijen": RIJEN}))
    assert tabel_rijen(tabel) == verwacht
    assert "Zorg &lt;&amp;&gt; Co" in verwacht and "&lt;b&gt;" in verwacht
    assert "€ 1.234,56" in verwacht and "-€ 50,00" in verwacht


def test_tabel_rijen_without_links_has_no_link_column():
    tabel = Tabel(id="t", titel="T", kolommen=KOLOMMEN[:2], rijen=[["A", 100]])
    assert tabel_rijen(tabel) == (
        '<tr><th scope="row">A</th><td class="getal">€ 1,00</td></tr>'
    )


def test_tabel_rijen_escapes_links_and_repeats_a_row_header():
    tabel = Tabel(
        id="t",
        titel="T",
        kolommen=KOLOMMEN[:1],
        rijen=[["Zorg & Co"], ["Zorg & Co"]],
        links=["/x/?van=1&aanbieder=<2>", None],
    )
    assert tabel_rijen(tabel) == (
        '<tr><th scope="row">Zorg &amp; Co</th>'
        '<td><a href="/x/?van=1&amp;aanbieder=&lt;2&gt;">Bekijk regels</a></td></tr>\n'
        '<tr><th scope="row">Zorg &amp; Co</th><td></td></tr>'
    )
