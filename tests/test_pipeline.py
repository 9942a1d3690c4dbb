"""The pipeline assembled from named components built from their data."""

from __future__ import annotations

import pytest

from kg.cli import main
from kg.extract.components import FACTORIES
from kg.extract.pipeline import Pipeline, default_config, extract
from kg.extract.settle import Candidate, settle
from kg.ingest import document_from_text
from kg.knowledge.base import Knowledge, Overlay
from kg.model import Mention

TINY_GAZETTEER = {
    "gazetteer/divisions.tsv": "# code\tname\tshort\tparent\tlevel\n"
    "990000\t瀚海省\t瀚海\t\t1\n990100\t星海市\t星海\t990000\t2\n990102\t云湖区\t云湖\t990100\t3\n",
    "gazetteer/townships.tsv": "",
    "gazetteer/zones.tsv": "",
}
TEXT = "星海市云湖区和衡阳市共同推进《衡阳市文明行为促进条例》实施。"


def names(extraction, type_="Place"):
    return sorted(e.name for e in extraction.entities if e.type == type_)


def test_a_pipeline_with_a_tiny_gazetteer_and_a_component_switched_off():
    tiny = Pipeline.from_config(knowledge=Knowledge(Overlay(TINY_GAZETTEER)), disable=["recognize.book-titles"])
    doc = document_from_text("r.txt", TEXT)
    assert "recognize.book-titles" not in tiny.names
    assert names(tiny(doc)) == ["云湖区", "星海市"]
    assert names(tiny(doc), "Regulation") == []
    # the package's pipeline in the same process keeps its own data and components
    assert names(extract(doc)) == ["衡阳市"]
    assert names(extract(doc), "Regulation") == ["衡阳市文明行为促进条例"]


def test_only_the_listed_components_run():
    pipeline = Pipeline.from_config(["locality", "segment", "recognize.places", "settle", "resolve"])
    doc = document_from_text("r.txt", TEXT)
    assert names(pipeline(doc)) == ["衡阳市"]
    assert pipeline(doc).relations == ()


def test_disabling_what_is_not_there_is_an_error():
    with pytest.raises(KeyError, match="recognize.nothing"):
        Pipeline.from_config(disable=["recognize.nothing"])


def test_every_component_in_the_config_is_registered_and_reads_what_came_before():
    available = {"document"}
    for name in default_config():
        factory = FACTORIES[name]
        assert set(factory.reads) <= available, name
        available |= set(factory.writes)


def test_settling_keeps_the_losers_with_their_reasons():
    body = Mention(0, 7, "衡阳市人民政府", "Organization", "衡阳市人民政府")
    place = Mention(0, 3, "衡阳市", "Place", "衡阳市")
    again = Mention(0, 3, "衡阳市", "Place", "衡阳市")
    slogan = Mention(5, 9, "政府工作", "Policy", "政府工作")
    result = settle([Candidate(body, "bodies", 1), Candidate(place, "places", 2),
                     Candidate(again, "typo-places", 3), Candidate(slogan, "phrases", 4)])
    assert [m.name for m in result.mentions] == ["衡阳市", "衡阳市人民政府"]
    assert [(r.candidate.component, r.reason) for r in result.rejected] == [
        ("phrases", "crosses 衡阳市人民政府 (bodies), kept first as longer or of an earlier component"),
        ("typo-places", "the same span and type was kept already"),
    ]


EXPLAINED = """\
国民经济和社会发展规划 in hengyang-2021.txt: 2 candidates in 1 sentence

sentence 41: 听取和审议国民经济和社会发展规划执行情况报告，广泛征求代表意见，推进科学编制“十四五”规划和二〇三五年远景目标纲要，促进全市经济社会行稳致远。
  kept  Report       国民经济和社会发展规划执行情况报告  [1765:1782]  recognize.reports (report.reviewed)
  lost  Regulation   国民经济和社会发展规划  [1765:1776]  recognize.named-phrases (regulation.named)
        inside 国民经济和社会发展规划执行情况报告 (recognize.reports), and only a national law or a marked name nests as a regulation
"""


def test_explain_shows_a_name_that_loses_to_a_longer_one(runner, sample_path):
    result = runner.invoke(main, ["explain", str(sample_path), "国民经济和社会发展规划"])
    assert result.exit_code == 0
    assert result.output == EXPLAINED


def test_explain_a_name_the_report_does_not_hold(runner, sample_path):
    result = runner.invoke(main, ["explain", str(sample_path), "不存在的名字"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: 不存在的名字 occurs nowhere in hengyang-2021.txt (hint: give the name as the report writes it, or a part of it)\n"
    )


def test_components_lists_what_each_reads_and_writes(runner):
    lines = runner.invoke(main, ["components"]).output.splitlines()
    assert len(lines) == len(default_config())
    assert lines[0].split() == ["locality", "document", "→", "locality"]
    assert lines[-5].split() == ["settle", "document,", "candidates", "→", "mentions,", "rejected"]
