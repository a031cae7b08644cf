"""Print-quality exports (issue 15): pages whose labels are text and symbols are paths, with
the fonts embedded in the PDF, a snapshot at the pixel size asked for, and pages at any DPI."""

import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from petrograd1917.geodata.calendar import parse_time as at
from PySide6.QtGui import QImage

NAMES = ("Smolny Institute", "Peter and Paul Fortress", "Cruiser Aurora", "Finland station")
SVG = "{http://www.w3.org/2000/svg}"


def test_svg_page_labels_are_text_not_pictures(tmp_path, petrograd, qapp):
    from petrograd1917.viewer.render import save_snapshot

    out = tmp_path / "map.svg"
    save_snapshot(petrograd, out, at("1917-10-25T21:40"))
    root = ET.parse(out).getroot()
    texts = {"".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")}
    assert set(NAMES) <= texts
    assert "25 October 1917" in texts and "Control" in texts     # date and legend too
    assert not list(root.iter(f"{SVG}image")), "a bitmap in the SVG"
    assert out.stat().st_size < 2_000_000


@pytest.mark.skipif(shutil.which("pdftotext") is None,
                    reason="poppler-utils not installed (scripts/setup.sh --test)")
@pytest.mark.parametrize("paper,portrait", [("A4", False), ("A3", True)])
def test_pdf_page_has_the_site_names_as_text_in_embedded_fonts(tmp_path, petrograd, qapp,
                                                              paper, portrait):
    from petrograd1917.viewer.print_page import PageSpec
    from petrograd1917.viewer.render import save_snapshot

    out = tmp_path / "map.pdf"
    save_snapshot(petrograd, out, at("1917-10-25T21:40"), page=PageSpec(paper, not portrait))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    for name in NAMES:
        assert name in text
    assert "Military Revolutionary Committee" in text     # the legend
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts   # embedded
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    assert images == [], "a bitmap in the PDF"
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True,
                          check=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size"))
    w, h = (float(v) for v in size.split()[2:5:2])
    expected = (842, 1191) if paper == "A3" else (842, 595)     # points
    assert (round(w), round(h)) == expected


def test_page_png_at_the_dpi_asked_for(tmp_path, petrograd, qapp):
    from petrograd1917.viewer.print_page import PageSpec
    from petrograd1917.viewer.render import save_snapshot

    out = tmp_path / "slide.png"
    save_snapshot(petrograd, out, at("1917-10-25T21:40"), page=PageSpec("slide", dpi=150))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (2000, 1125)      # 13.33 × 7.5 in at 150 dpi


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)])
def test_snapshot_presets_give_their_pixel_size(tmp_path, petrograd, qapp, size):
    from petrograd1917.viewer.render import save_snapshot

    out = tmp_path / "snap.png"
    save_snapshot(petrograd, out, at("1917-10-25T21:40"), size)
    assert QImage(str(out)).size().toTuple() == size
