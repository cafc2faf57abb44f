#!/usr/bin/env python3
"""Writes the inputs of bench/import.sh into DIR: a Word file of the report
template with 30 pictures (PNG charts of 1200×600 pixels over a noisy
background, some 300 KB each, each with its caption) and a 40-page PDF of the template (LibreOffice's export of a long
report: repeated sections, indicator tables, grey boxes and text).

    python3 bench/make_import_inputs.py DIR
"""
import io
import struct
import subprocess
import sys
import zlib
from pathlib import Path

from docx import Document
from docx.shared import Cm, Pt


def png(w, h, seed):
    """A bar chart over a noisy background, as a screenshot compresses:
    some 300 KB a picture."""
    import random
    rnd = random.Random(seed)
    rows = []
    for y in range(h):
        row = bytearray(b"\x00")
        for x in range(w):
            bar = (x * 12) // w
            filled = (h - y) < ((bar * 37 + seed * 11) % 100 + 20) * h // 130
            n = rnd.randrange(24)
            row += bytes((30 + n, 80 + n, 120 + n)) if filled else bytes((231 + n, 231 + n, 231 + n))
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) + chunk(b"IEND", b""))


def grey(cell):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), "D9D9D9")
    cell._tc.get_or_add_tcPr().append(shd)


def head(doc, year, theme):
    for line in [f"Kvalitetsarbete/Förbättringsarbete {year}", f"del 1 och del 2: {theme}"]:
        r = doc.add_paragraph().add_run(line)
        r.bold, r.font.size = True, Pt(16)
    t = doc.add_table(rows=2, cols=2)
    t.style = "Table Grid"
    t.cell(0, 0).text, t.cell(0, 1).text = "Mottagningens namn", "Bänkby VC"
    t.cell(1, 0).text, t.cell(1, 1).text = "Verksamhetschef", "Berit Bänk"


def pictures(out):
    doc = Document()
    head(doc, 2024, "Läkemedelsgenomgång för äldre")
    doc.add_paragraph("Resultat").runs[0].bold = True
    for i in range(30):
        doc.add_picture(io.BytesIO(png(1200, 600, i)), width=Cm(15))
        doc.add_paragraph(f"Diagram {i + 1}: Antal genomgångar per månad, mätning {i + 1}")
    doc.save(out)


def long_report(out_docx):
    doc = Document()
    head(doc, 2025, "Utveckling av vårdprocess för patienter med stress- och smärtrelaterad ohälsa")
    text = ("Vi har under året arbetat med att utveckla rutinerna för patienter med stress- och smärtrelaterad "
            "ohälsa. Arbetet har skett i små steg, med uppföljning varje månad och återkoppling till hela "
            "personalgruppen. ") * 4
    for s in range(32):
        doc.add_paragraph(f"Kartläggning {s + 1}. Vad vill ni åstadkomma och varför?").runs[0].bold = True
        box = doc.add_table(rows=1, cols=1)
        box.style = "Table Grid"
        box.cell(0, 0).text = "Ett förbättringsarbete börjar med att studera verksamhetens patientrelaterade resultat."
        grey(box.cell(0, 0))
        for _ in range(3):
            doc.add_paragraph(text)
        t = doc.add_table(rows=4, cols=7)
        t.style = "Table Grid"
        for j, h in enumerate(["", "Indikatornamn", "Nuläge", "Datum", "Mål", "Källa", "Datum för mål"]):
            t.cell(0, j).text = h
        for r in range(1, 4):
            for j, v in enumerate([f"Indikator {r}", f"Antal patienter i grupp {s}-{r}", "31", "211231", "25",
                                   "Rehabstöd", "221231"]):
                t.cell(r, j).text = v
    doc.save(out_docx)


def main(d):
    d = Path(d)
    d.mkdir(parents=True, exist_ok=True)
    pictures(d / "bilder-30.docx")
    long_report(d / "lang-rapport.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(d), str(d / "lang-rapport.docx")],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pages = subprocess.run(["pdfinfo", str(d / "lang-rapport.pdf")], capture_output=True, text=True).stdout
    print(f"wrote {d}: " + " ".join(l for l in pages.splitlines() if l.startswith("Pages")))


main(sys.argv[1])
