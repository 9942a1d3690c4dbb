"""Every saved question answers correctly on the bundled report's store."""

import pytest

from kg.graph.query import run_query, saved_queries
from kg.graph.store import open_store

# a row each question must return (column -> value), checked against the gold
EXPECTED = {
    "documents": {"file": "hengyang-2021.txt", "speaker": "段志刚", "date": "2021-01-19"},
    "entities-by-type": {"type": "LocalRegulation"},
    "laws-inspected": {"law": "中华人民共和国残疾人保障法", "modality": "achievement", "year": "2020"},
    "likely-typos": {"written": "衡峰区", "likely": "雁峰区"},
    "people-and-posts": {"person": "白玛赤林", "relation": "holdsPosition", "role": "副委员长", "organization": "全国人民代表大会常务委员会"},
    "places-with-codes": {"place": "衡南县", "code": "430422"},
    "plans-vs-achievements": {"relation": "drafts", "modality": "plan"},
    "regulations-by-body": {"body": "衡阳市人民代表大会常务委员会", "relation": "enacted", "regulation": "衡阳市扬尘污染防治条例"},
    "regulations-enacted-and-planned": {"modality": "plan", "relation": "drafts", "regulation": "衡阳市文明行为促进条例"},
    "relation-evidence": {"subject": "杨湖村", "relation": "locatedIn", "object": "谭子山镇"},
    "reports-reviewed": {"body": "衡阳市人民代表大会常务委员会", "report": "审计工作报告"},
    "stated-figures": {"measure": "出台地方性法规", "value": "4", "unit": "部", "year": "2020"},
}


@pytest.fixture(scope="module")
def store(built):
    return open_store(built[0] / "store")


def rows(store, text):
    result = run_query(store, text)
    names = [v.value for v in result.value.variables]
    return [{n: (row[n].value if row[n] is not None else "") for n in names} for row in result.value]


def test_at_least_ten_documented_questions():
    queries = saved_queries()
    assert len(queries) >= 10
    for q in queries.values():
        assert q.title and q.description, q.name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_saved_question_answers(store, name):
    answer = rows(store, saved_queries()[name].text)
    assert answer, f"{name} answered nothing"
    want = EXPECTED[name]
    assert any(all(r.get(k) == v for k, v in want.items()) for r in answer), (name, answer[:5])


def test_shared_entities_across_two_reports(tmp_path, sample_path):
    """Entities shared by reports: a national law named in two reports is one node."""
    from kg.build import build

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("甲市人民代表大会常务委员会工作报告\n开展野生动物保护法执法检查。", encoding="utf-8")
    b.write_text("乙县人民代表大会常务委员会工作报告\n开展野生动物保护法执法检查。", encoding="utf-8")
    build([a, b], tmp_path / "out", html=False)
    answer = rows(open_store(tmp_path / "out" / "store"), saved_queries()["shared-entities"].text)
    assert {"entity": "中华人民共和国野生动物保护法", "type": "Law", "documents": "2"} in answer
