"""A network drawn as SVG and PNG, and in the Word report (picture and links in words, names
replaced when pseudonymising)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from PIL import Image

from fieldkit.cli import main
from fieldkit.core.errors import BadInput, NotFound
from tests.networks.conftest import Net


def build(net: Net) -> None:
    p = net.project
    p.networks.add("Leren onder druk")
    p.networks.link("Leren onder druk", f"code:{net.peer}", "is cause of", f"code:{net.time}")
    p.networks.link("Leren onder druk", "note:Vraag aan Ilse <&> 🤔", "contradicts",
                    f"memo:{net.memo}")
    p.networks.link("Leren onder druk", f"segment:{net.coding}", "is property of",
                    f"code:{net.peer}")
    p.networks.layout("Leren onder druk")


def test_svg_and_png_draw_every_node_and_link(net: Net, tmp_path: Path) -> None:
    build(net)
    p = net.project
    svg = p.networks.export("Leren onder druk", tmp_path / "kaart.svg")
    root = etree.parse(str(svg)).getroot()  # well-formed, the note's < & > escaped
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    view = p.networks.show("Leren onder druk")
    assert "Collega helpt {2}" in texts and "Vraag aan Ilse <&> 🤔" in texts
    assert sorted(t for t in texts if t in {"is cause of", "contradicts", "is property of"}) \
        == ["contradicts", "is cause of", "is property of"]
    assert len(root.findall("{http://www.w3.org/2000/svg}line")) == len(view.links) == 3
    # an arrowhead for each one-way link, two for a link drawn both ways (contradicts)
    assert len(root.findall("{http://www.w3.org/2000/svg}polygon")) == 4
    dashed = [x for x in root.findall("{http://www.w3.org/2000/svg}line")
              if x.get("stroke-dasharray")]
    assert len(dashed) == 2  # contradicts (dashed), is property of (dotted)
    png = p.networks.export("Leren onder druk", tmp_path / "kaart.png")
    image = Image.open(png)
    assert image.size == (int(root.get("width")), int(root.get("height")))
    assert p.networks.export("Leren onder druk", tmp_path / "again.svg").read_bytes() == \
        svg.read_bytes()  # the same picture run after run
    for bad in ("kaart.pdf", "geen/map/kaart.svg"):
        with pytest.raises(BadInput):
            p.networks.export("Leren onder druk", tmp_path / bad)


def test_the_word_report_holds_each_network_with_its_links_in_words(
        net: Net, tmp_path: Path) -> None:
    build(net)
    p = net.project
    out = p.exports.docx(tmp_path / "rapport.docx", networks=["Leren onder druk"],
                         terms={"Ilse": "Collega B"})
    document = docx.Document(str(out))
    texts = [x.text for x in document.paragraphs]
    at = len(texts) - 1 - texts[::-1].index("Networks")  # the section (the contents too)
    assert texts[at + 1] == "Leren onder druk"
    assert "Collega helpt {2} — is cause of → Tijdsdruk {2}" in texts
    assert any(t.startswith("Vraag aan Collega B <&> 🤔 — contradicts ↔ ") for t in texts)
    assert not any("Ilse" in t for t in texts)
    with zipfile.ZipFile(out) as archive:
        pictures = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert pictures
        drawn = [Image.open(io.BytesIO(archive.read(n))).size for n in pictures]
    assert any(w > 200 for w, _h in drawn)
    with pytest.raises(NotFound):
        p.exports.docx(tmp_path / "geen.docx", networks=["Bestaat niet"])
    assert not (tmp_path / "geen.docx").exists()


def test_export_docx_network_from_the_command_line(net: Net, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    build(net)
    path = str(net.project.path)
    net.project.close()
    out = tmp_path / "cli.docx"
    assert main(["-p", path, "export", "docx", str(out), "--network", "Leren onder druk"]) == 0
    assert "Networks" in [x.text for x in docx.Document(str(out)).paragraphs]
    capsys.readouterr()
    assert main(["-p", path, "export", "docx", str(tmp_path / "x.docx"), "--network",
                 "Geen"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no network 'Geen'" in err
    assert not (tmp_path / "x.docx").exists()
