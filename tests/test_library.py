"""The library face a notebook uses: kg.extract and kg.open."""

from __future__ import annotations

import networkx as nx
import pytest

import kg
from kg.errors import InputError


def test_extract_gives_offsets_into_the_text_passed_in(sample_path):
    text = "下载\r\n打印\r\n" + sample_path.read_text(encoding="utf-8")
    report = kg.extract(text, name="hengyang-2021.txt")
    assert report.text is text
    assert len(report.entities) == 167 and len(report.relations) == 82
    for entity in report.entities:
        for m in entity.mentions:
            assert text[m.start:m.end] == m.text
    enacted = {(r.subject, r.object) for r in report.relations if r.predicate == "enacted"}
    assert ("衡阳市人民代表大会常务委员会", "衡阳市扬尘污染防治条例") in enacted
    for r in report.relations:
        assert text[r.evidence_start:r.evidence_end] == r.evidence


def test_extract_file_reads_as_kg_build_does(sample_path, tmp_path):
    path = tmp_path / "gb.txt"
    path.write_bytes(sample_path.read_text(encoding="utf-8").encode("gb18030"))
    names = sorted((e.type, e.name) for e in kg.extract_file(path).entities)
    assert names == sorted((e.type, e.name) for e in kg.extract_file(sample_path).entities)


def test_extract_takes_text_not_bytes():
    with pytest.raises(InputError, match="text as a str"):
        kg.extract(b"bytes")


def test_open_gives_rows_a_dataframe_and_the_network(built):
    graph = kg.open(built[0])
    rows = graph.query("SELECT ?law ?name WHERE { ?body kgo:inspects ?law . ?law rdfs:label ?name } ORDER BY ?name")
    assert rows.columns == ("law", "name")
    assert rows[0] == {"law": "https://w3id.org/govreport-kg/id/regulation/中华人民共和国国徽法", "name": "中华人民共和国国徽法"}
    frame = rows.to_dataframe()
    assert list(frame.columns) == ["law", "name"] and len(frame) == len(rows) == 10
    assert graph.query("ASK { ?d a kgo:Document }") is True
    network = graph.to_networkx()
    assert isinstance(network, nx.MultiDiGraph)
    assert (network.number_of_nodes(), network.number_of_edges()) == (166, 82)


def test_open_a_graph_file_and_a_folder_without_a_graph(built, tmp_path):
    assert len(kg.open(built[0] / "graph.ttl").query("SELECT ?s WHERE { ?s a kgo:Document }")) == 1
    with pytest.raises(InputError, match="holds no graph"):
        kg.open(tmp_path)


def test_the_page_script_is_the_pinned_vis_network():
    from importlib.resources import files
    from importlib.util import find_spec
    from pathlib import Path

    shipped = files("kg.web").joinpath("static/vis-network.min.js").read_bytes()
    pyvis = Path(next(iter(find_spec("pyvis").submodule_search_locations)))
    assert shipped == (pyvis / "lib" / "vis-9.1.2" / "vis-network.min.js").read_bytes()
    assert b"@version 9.1.2" in shipped[:400]
