from kg.model import Mention
from kg.extract.resolve import entity_iri, resolve


def m(start, text, type_, name, **kw):
    return Mention(start=start, end=start + len(text), text=text, type=type_, name=name, sentence=0, **kw)


def test_aliases_merge_into_one_entity():
    ents = resolve([
        m(0, "市人大常委会", "Organization", "株洲市人民代表大会常务委员会"),
        m(10, "常委会", "Organization", "株洲市人民代表大会常务委员会"),
        m(20, "株洲市人民代表大会常务委员会", "Organization", "株洲市人民代表大会常务委员会"),
    ])
    assert len(ents) == 1
    assert ents[0].name == "株洲市人民代表大会常务委员会"
    assert ents[0].aliases == ("市人大常委会", "常委会")


def test_places_merge_by_code():
    ents = resolve([m(0, "株洲", "Place", "株洲市", code="430200"), m(5, "株洲市", "Place", "株洲市", code="430200")])
    assert [(e.iri, e.name, e.aliases) for e in ents] == [(entity_iri("Place", "株洲市", "430200"), "株洲市", ("株洲",))]


def test_slogan_folds_into_headed_policy():
    ents = resolve([m(0, "“两型”", "Policy", "两型"), m(9, "“两型”社会", "Policy", "两型社会")])
    assert len(ents) == 2  # 社会 is not a policy head: two things
    ents = resolve([m(0, "“放管服”", "Policy", "放管服"), m(9, "“放管服”改革", "Policy", "放管服改革")])
    assert [(e.name, e.aliases) for e in ents] == [("放管服改革", ("放管服",))]


def test_iris_are_stable_and_valid():
    a = entity_iri("Regulation", "《株洲市城市绿化条例》")
    assert a == entity_iri("Regulation", "株洲市城市绿化条例")
    assert " " not in a and "《" not in a
    assert entity_iri("Place", "株洲市", "430200").endswith("/place/430200")
