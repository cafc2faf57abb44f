#!/usr/bin/env python3
"""Gives the first N reports of a generated archive (gen_corpus.py) a
1 MB attachment each, for bench/clean.sh: a Word file (text, a comment, a
tracked change, author properties and a photo of some 900 kB) or a PDF
(twenty pages of text, document information and the same photo). Every
attachment differs (its report's number is in its text), so that no two
share a content hash and each is cleaned.

    python3 bench/clean_corpus.py DIR --kind docx|pdf [--reports 200]
"""
import io
import random
import sys
import zipfile
from pathlib import Path

from PIL import Image

args = sys.argv[1:]
root = Path(args[0])
kind = args[args.index("--kind") + 1]
n = int(args[args.index("--reports") + 1]) if "--reports" in args else 200
MARK = b"RAPPORT-000000"


def photo(size=900_000):
    """A JPEG of noise, which does not compress: about `size` bytes."""
    rnd = random.Random(1)
    side = 780
    im = Image.frombytes("RGB", (side, side), rnd.randbytes(side * side * 3))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=97)
    return buf.getvalue()


def base_docx():
    import docx
    d = docx.Document()
    d.core_properties.author = "Anna Andersson"
    d.add_paragraph(MARK.decode())
    for i in range(200):
        d.add_paragraph(f"Stycke {i}: Vi följde upp SIP varje månad och jämförde med regionens snitt.")
    d.add_picture(io.BytesIO(photo()))
    buf = io.BytesIO()
    d.save(buf)
    z = zipfile.ZipFile(buf)
    parts = {n: z.read(n) for n in z.namelist()}
    doc = parts["word/document.xml"].decode()
    doc = doc.replace("<w:t>Stycke 1:", '<w:ins w:id="1" w:author="Granskare"><w:r><w:t>insatt </w:t></w:r></w:ins>'
                      '<w:del w:id="2" w:author="Granskare"><w:r><w:delText>borttaget </w:delText></w:r></w:del><w:t>Stycke 1:', 1)
    parts["word/document.xml"] = doc.encode()
    return parts


def docx_bytes(parts, i):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name == "word/document.xml":
                data = data.replace(MARK, b"RAPPORT-%06d" % i)
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 31, 12, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def base_pdf():
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pageCompression=0)
    c.setAuthor("Anna Andersson")
    c.drawString(72, 800, MARK.decode())
    c.drawImage(ImageReader(io.BytesIO(photo())), 72, 200, 400, 400)
    for p in range(20):
        for line in range(40):
            c.drawString(72, 780 - line * 18, f"Sida {p}, rad {line}: vi följde upp SIP varje månad.")
        c.showPage()
    c.save()
    return buf.getvalue()


reports = sorted((root / "content").rglob("*.md"))[:n]
template = base_docx() if kind == "docx" else base_pdf()
for i, report in enumerate(reports):
    name = f"bilaga.{kind}"
    data = docx_bytes(template, i) if kind == "docx" else template.replace(MARK, b"RAPPORT-%06d" % i)
    (report.parent / f"{report.stem}-{name}").write_bytes(data)
    text = report.read_text(encoding="utf-8")
    head, sep, body = text[4:].partition("\n---\n")
    assert "attachments:" not in head, report
    report.write_text(f"---\n{head}\nattachments:\n  - {{ file: {report.stem}-{name}, title: Bilaga }}{sep}{body}", encoding="utf-8")
print(f"{len(reports)} reports with a {len(data) / 1e6:.2f} MB .{kind} attachment each in {root}")
