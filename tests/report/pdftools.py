"""Reading a generated PDF the way a person or a court clerk would: its text (pdftotext), its
pages as pictures (pdftoppm), its fonts (pdffonts). poppler-utils: .ci/run installs it; a test
skips with a clear reason where it is missing. Also: lay out a list of flowables on Letter
paper, for testing one section on its own."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed; .ci/run installs it")
    return found


def _file(pdf: bytes | Path, workdir: Path) -> Path:
    if isinstance(pdf, Path):
        return pdf
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / f"doc-{len(list(workdir.glob('doc-*.pdf')))}.pdf"
    path.write_bytes(pdf)
    return path


def page_texts(pdf: bytes | Path, workdir: Path) -> list[str]:
    """Each page's text (pdftotext -layout), bidi marks removed, one string per page."""
    out = subprocess.run(
        [poppler("pdftotext"), "-layout", "-enc", "UTF-8", str(_file(pdf, workdir)), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = CONTROLS.sub("", out).split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def text_lines(pdf: bytes | Path, workdir: Path) -> list[str]:
    """Every non-blank line of the whole document, its whitespace collapsed."""
    return [
        " ".join(line.split())
        for page in page_texts(pdf, workdir)
        for line in page.splitlines()
        if line.strip()
    ]


def page_pngs(pdf: bytes | Path, workdir: Path, dpi: int = 80) -> list[Path]:
    """Every page rendered to PNG (pdftoppm), in page order."""
    path = _file(pdf, workdir)
    prefix = workdir / f"{path.stem}-page"
    subprocess.run(
        [poppler("pdftoppm"), "-png", "-r", str(dpi), str(path), str(prefix)], check=True
    )
    return sorted(
        workdir.glob(f"{path.stem}-page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])
    )


def font_rows(pdf: bytes | Path, workdir: Path) -> list[str]:
    """pdffonts' rows (name, type, encoding, emb, sub, uni, object)."""
    out = subprocess.run(
        [poppler("pdffonts"), str(_file(pdf, workdir))], capture_output=True, text=True, check=True
    ).stdout
    return out.splitlines()[2:]


def story_pdf(story: list[object]) -> bytes:
    """Lay out flowables on Letter paper in the report's fonts (one section tested alone)."""
    import io

    from reportlab.lib.pagesizes import letter
    from reportlab.platypus import SimpleDocTemplate

    from locker.report.fonts import register_fonts

    fonts = register_fonts()
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=letter, initialFontName=fonts.body).build(story)
    return out.getvalue()
