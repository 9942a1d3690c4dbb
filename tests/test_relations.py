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


def test_listed_enterprises_settle_in_a_place():
    t = triples("推动远大科技、三一重工等一批龙头企业落户株洲。")
    assert ("远大科技", "locatedIn", "株洲市", "achievement") in t
    assert ("三一重工", "locatedIn", "株洲市", "achievement") in t


def test_a_name_that_starts_with_a_place_lies_in_it():
    t = triples("支持湘潭大学建设一流学科。")
    assert ("湘潭大学", "locatedIn", "湘潭市", "achievement") in t


def test_zone_lies_in_the_place_it_is_named_after():
    t = triples("株洲综保区新增企业。")
    assert ("株洲综保区", "locatedIn", "株洲市", "achievement") in t


def test_township_lies_in_the_county_named_beside_it():
    t = triples("修通醴陵市嘉树镇与王仙镇之间的公路。")
    assert ("嘉树镇", "locatedIn", "醴陵市", "achievement") in t
    assert ("王仙镇", "locatedIn", "醴陵市", "achievement") in t


def test_congress_and_its_standing_committee():
    gov = "2025年株洲市政府工作报告\n——2025年1月8日在株洲市第十六届人民代表大会第四次会议上\n市长 张三\n"
    t = triples("在市人大及其常委会监督支持下，我们推进各项工作。", header=gov)
    assert ("株洲市人民代表大会常务委员会", "partOf", "株洲市人民代表大会", "achievement") in t


def test_core_of_the_party_centre():
    t = triples("在以习近平同志为核心的党中央坚强领导下，全市经济稳步增长。")
    assert ("习近平", "holdsPosition", "中国共产党中央委员会", "achievement") in t


def test_passed_by_the_congress_named_after_it():
    gov = "2025年株洲市政府工作报告\n——2025年1月8日在株洲市第十六届人民代表大会第四次会议上\n市长 张三\n"
    t = triples("《株洲市城市绿化条例》等3件地方性法规提请人大审议通过。", header=gov)
    assert ("株洲市人民代表大会", "enacted", "株洲市城市绿化条例", "achievement") in t
