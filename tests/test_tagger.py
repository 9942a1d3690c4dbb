"""The CRF tagger: labels from gold, spans from labels, training that
gives the same bytes twice, and the shipped model at work in the pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import main
from kg.extract.tagged_spans import in_title, opening_quote, split_pairs
from kg.extract.tagger import spans
from kg.extract.training import gold_forms, labels

DATA = Path(__file__).parent / "data"


def test_gold_forms_are_the_names_and_aliases_without_marks_longest_first():
    gold = {"entities": [{"type": "Regulation", "name": "《衡阳市扬尘污染防治条例》", "aliases": ["条例"]},
                         {"type": "Place", "name": "衡阳市", "aliases": ["衡"]}]}
    assert gold_forms(gold) == [("衡阳市扬尘污染防治条例", "Regulation"), ("衡阳市", "Place"), ("条例", "Regulation")]


def test_labels_mark_gold_forms_as_written_longest_first():
    forms = [("衡阳市扬尘污染防治条例", "Regulation"), ("衡阳市", "Place")]
    text = "制定《衡阳市扬尘污染防治条例》，衡阳市"
    assert labels(text, forms) == (
        ["O", "O", "O", "B-Regulation"] + ["I-Regulation"] * 10 + ["O", "O", "B-Place", "I-Place", "I-Place"]
    )


def test_labels_see_a_form_through_marks_inside_it():
    assert labels("实施“千万”工程", [("千万工程", "Policy")]) == ["O", "O", "O", "B-Policy", "I-Policy", "I-Policy", "I-Policy", "I-Policy"]


def test_spans_from_labels():
    assert spans(["O", "B-Project", "I-Project", "O", "I-Place", "B-Policy"]) == [(1, 3, "Project"), (4, 5, "Place"), (5, 6, "Policy")]


def test_a_span_of_two_names_joined_by_a_conjunction_is_split():
    text = "推进成渝中线高铁与西部陆海新通道建设"
    assert split_pairs(text, [(2, 16, "Project")]) == [(2, 8, "Project"), (9, 16, "Project")]
    # what follows 及 has no name of its own: one name (a reservoir and its canals)
    text = "建成岷江水库及配套灌溉工程"
    assert split_pairs(text, [(2, 13, "Project")]) == [(2, 13, "Project")]


def test_a_span_holding_a_closing_quote_opens_at_its_quote():
    text = "建成“一环八射”高速公路网"
    assert opening_quote(text, 3, 13) == 2
    assert opening_quote(text, 2, 13) == 2


def test_a_span_inside_a_book_title_is_a_work_not_a_project():
    text = "电影《江城往事》、话剧《飞天》热映，推进江城往事文化园建设"
    assert text[3:7] == "江城往事" and in_title(text, 3, 7)
    assert text[12:14] == "飞天" and in_title(text, 12, 14)
    assert text[20:25] == "江城往事文" and not in_title(text, 20, 26) and not in_title(text, 2, 8)


def test_a_tagged_name_opens_past_a_verb_it_cuts_in_two():
    from kg.extract.recognizers.grammar import object_start
    from kg.extract.segment import Segmentation

    text = "建好数字资源项目库"
    assert object_start(text, 1, 9, Segmentation(text).is_start) == 2
    text = "构建成渝现代水网体系"  # 建成 is no verb here: 成渝 is a word
    assert object_start(text, 2, 10, Segmentation(text).is_start) == 2


def test_a_name_that_opens_a_quote_ends_past_its_closing_quote():
    from kg.extract.tagged_spans import balanced_end

    text = "川渝黔“氢走廊”贯通运营"
    assert balanced_end(text, 0, 7) == 8 and balanced_end(text, 0, 8) == 8
    assert balanced_end("建设零工市场（驿站）", 2, 9) == 10


def copy_gold(tmp_path: Path, names: list[str]) -> Path:
    gold = tmp_path / "gold"
    gold.mkdir()
    for name in names:
        (gold / f"{name}.json").write_bytes((DATA / "gold" / f"{name}.json").read_bytes())
    return gold


def test_training_twice_gives_the_same_bytes(runner, tmp_path):
    gold = copy_gold(tmp_path, ["01_jiangsu_rdcwh_2021", "02_shandong_rdcwh_2022", "06_zhengzhou_zfgzbg_2023"])
    outputs = []
    for k in range(2):
        out = tmp_path / f"model{k}.crfsuite"
        result = runner.invoke(main, ["train", str(gold), str(DATA / "dev"), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert result.output.startswith("Trained on 3 reports (")
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and len(outputs[0]) > 1000


def test_training_without_texts_is_one_line(runner, tmp_path):
    gold = copy_gold(tmp_path, ["01_jiangsu_rdcwh_2021"])
    result = runner.invoke(main, ["train", str(gold), str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == "Error: no text for 01_jiangsu_rdcwh_2021.json (hint: give the folders that hold the reports' .txt files)\n"


def test_the_shipped_model_proposes_candidates_the_rules_do_not():
    from kg.extract.pipeline import default_pipeline
    from kg.ingest import document_from_text

    assert "recognize.tagger" in default_pipeline().names
    doc = document_from_text("r.txt", "加快建设沿江高铁合肥至武汉段、巢马城际铁路，建成投用引江济淮二期工程。")
    slots = default_pipeline().run(doc, until="settle")
    proposed = [c for c in slots["candidates"] if c.component == "recognize.tagger"]
    assert proposed, "the tagger proposed nothing"
    assert all(c.mention.type == "Project" and c.mention.rule == "tagger.crf" for c in proposed)
    for c in proposed:
        assert doc.text[c.mention.start:c.mention.end] == c.mention.text


def test_the_word_clusters_put_words_used_alike_together():
    from kg.extract.tagger import word_clusters

    table = word_clusters()
    assert len(table) > 4000
    assert table["加快"] == table["推进"] == table["力促"]  # verbs that take a project
    assert table["铁路"] == table["高铁"]  # heads of one kind
    assert table["加快"] != table["铁路"]


def test_each_character_reads_its_words_cluster_and_its_neighbours():
    from kg.extract.pipeline import default_pipeline
    from kg.extract.tagger import features, word_clusters
    from kg.ingest import document_from_text

    slots = default_pipeline().run(document_from_text("r.txt", "力促湘黔高铁建成。"), until="segment")
    ctx = slots["contexts"][0]
    rows = features(ctx, ())
    table = word_clusters()
    words = [t.text for t in ctx.tokens]
    assert words[0] == "力促" and "高铁" in words
    rail = ctx.sentence.text.index("高铁")
    assert f"cl={table['力促']}" in rows[0] and "cl-=^" in rows[0]
    assert f"cl={table['高铁']}" in rows[rail] and f"cl={table['高铁']}" in rows[rail + 1]


def test_items_of_a_list_beside_a_name_that_end_as_it_does():
    from kg.extract.siblings import list_siblings

    text = "力争开工甲乙高铁、丙丁高铁、戊己铁路等项目，建设庚辛国家示范基地、壬癸基地。"
    named = [(text.index("丙丁高铁"), text.index("丙丁高铁") + 4), (text.index("壬癸基地"), text.index("壬癸基地") + 4)]
    assert sorted(text[i:j] for i, j in list_siblings(text, named)) == ["甲乙高铁"]
