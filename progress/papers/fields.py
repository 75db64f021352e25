"""Word fields the papers share (no Django here: the script that writes the report's default
template uses them too)."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def page_number_field(run) -> None:
    """Append to `run` the PAGE field, which Word and LibreOffice fill with the page number."""
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
