"""The factuur as PDF: the same factuur template as the page, rendered by xhtml2pdf."""

import io

from django.http import HttpResponse
from django.template.loader import render_to_string

from core.exceptions import ApplicationError
from declaraties.selectors import Factuur


def factuur_pdf(factuur: Factuur) -> bytes:
    html = render_to_string("declaraties/factuur_pdf.html", {"factuur": factuur})
    from xhtml2pdf import pisa  # heavy import: only when a PDF is asked for

    uitvoer = io.BytesIO()
    resultaat = pisa.CreatePDF(html, dest=uitvoer, encoding="utf-8")
    if resultaat.err:
        raise ApplicationError("De factuur kon niet als PDF worden gemaakt.")
    return uitvoer.getvalue()


def factuur_download(factuur: Factuur) -> HttpResponse:
    response = HttpResponse(factuur_pdf(factuur), content_type="application/pdf")
    naam = f"factuur-{factuur.factuurnummer or 'concept'}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response
