"""Relation rules on small reports written for the purpose."""

from kg.ingest import document_from_text
from kg.pipeline import extract

HEADER = "株洲市人民代表大会常务委员会工作报告\n2022年1月10日在株洲市第十六届人民代表大会第一次会议上\n王小明\n"


def triples(body: str, header: str = HEADER):
    ex = extract(document_from_text("t.txt", header + "2021年的主要工作\n" + body + "\n2022年的主要任务\n制定《株洲市停车管理条例》。"))
    name = {e.iri: e.name for e in ex.entities}
    return {(name[r.subject], r.predicate, name[r.object], r.modality) for r in ex.relations}


def test_document_relations():
    t = triples("开展工作。")
    assert ("株洲市人民代表大会常务委员会工作报告", "deliveredBy", "王小明", "achievement") in t
    assert ("株洲市人民代表大会常务委员会工作报告", "presentedAt", "株洲市第十六届人民代表大会第一次会议", "achievement") in t
    assert ("株洲市人民代表大会常务委员会工作报告", "issuedBy", "株洲市人民代表大会常务委员会", "achievement") in t


def test_enacted_inspects_drafts_with_implicit_subject():
    t = triples("常委会制定《株洲市城市绿化条例》。开展食品安全法执法检查。")
    body = "株洲市人民代表大会常务委员会"
    assert (body, "enacted", "株洲市城市绿化条例", "achievement") in t
    assert (body, "inspects", "中华人民共和国食品安全法", "achievement") in t
    assert (body, "drafts", "株洲市停车管理条例", "plan") in t


def test_meeting_enacts():
    t = triples("市十六届人大一次会议审议通过《株洲市人民代表大会议事规则》。")
    assert ("株洲市第十六届人民代表大会第一次会议", "enacted", "株洲市人民代表大会议事规则", "achievement") in t


def test_reviews():
    t = triples("听取和审议预算执行情况报告、审计工作报告。")
    body = "株洲市人民代表大会常务委员会"
    assert (body, "reviews", "预算执行情况报告", "achievement") in t
    assert (body, "reviews", "审计工作报告", "achievement") in t


def test_located_in_chain():
    t = triples("赴茶陵县严塘镇湾里村调研。")
    assert ("严塘镇", "locatedIn", "茶陵县", "achievement") in t
    assert ("湾里村", "locatedIn", "严塘镇", "achievement") in t


def test_positions():
    t = triples("市委书记、市人大常委会主任李明出席会议。")
    assert ("李明", "holdsPosition", "中共株洲市委", "achievement") in t
    assert ("李明", "holdsPosition", "株洲市人民代表大会常务委员会", "achievement") in t
