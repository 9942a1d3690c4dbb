"""Golden tables for each recognizer, written from the grammar of report
language with places and bodies from other provinces and cities (never
copied from a gold file)."""

import pytest

from kg.extract.pipeline import find_mentions
from kg.ingest import document_from_text

CONGRESS_HEADER = "株洲市人民代表大会常务委员会工作报告\n2022年1月10日在株洲市第十六届人民代表大会第一次会议上\n王小明\n"
GOV_HEADER = "2025年四川省政府工作报告\n——2025年1月20日在四川省第十四届人民代表大会第三次会议上\n省长 张大海\n"


def mentions(body: str, header: str = CONGRESS_HEADER):
    doc = document_from_text("t.txt", header + body)
    start = len(header)
    return [(m.type, m.name) for m in find_mentions(doc) if m.start >= start]


CASES = [
    # regulations: titles of every kind, classified; bare law names
    ("制定《株洲市城市绿化条例》。", [("Regulation", "株洲市城市绿化条例"), ("Place", "株洲市")]),
    ("开展道路交通安全法执法检查。", [("Regulation", "中华人民共和国道路交通安全法")]),
    ("落实好乡村振兴促进法和省乡村振兴促进条例。", [("Regulation", "中华人民共和国乡村振兴促进法"), ("Regulation", "四川省乡村振兴促进条例")], GOV_HEADER),
    ("审议通过《关于加强生态环境保护的决议》。", [("Regulation", "关于加强生态环境保护的决议")]),
    # a place a regulation's title opens with is a place of the report
    ("制定邛崃山保护条例。", [("Place", "邛崃市"), ("Regulation", "邛崃山保护条例")], GOV_HEADER),
    ("《人民之友》杂志报道了我们的工作。", []),
    # places: gazetteer, short forms near home, towns and villages by grammar
    ("赴醴陵市浦口镇调研。", [("Place", "醴陵市"), ("Place", "浦口镇")]),
    ("茶陵县严塘镇湾里村建成示范点。", [("Place", "茶陵县"), ("Place", "严塘镇"), ("Place", "湾里村")]),
    ("我市经济稳步增长。", [("Place", "株洲市")]),
    # organizations: abbreviations expand against the report's locality
    ("市人大常委会听取报告。", [("Organization", "株洲市人民代表大会常务委员会")]),
    ("坚决贯彻市委决策部署。", [("Organization", "中共株洲市委")]),
    ("省政府出台意见。", [("Organization", "湖南省人民政府")]),
    ("市财政局加强预算管理。", [("Organization", "株洲市财政局")]),
    ("组建省交通投资集团。", [("Organization", "湖南省交通投资集团")]),
    ("推进部省合建工作，力争西南石油大学进入一流学科建设行列。", [("Organization", "西南石油大学")], GOV_HEADER),
    ("县市区人大常委会加强联系。", []),
    # a township named by an ordinary word is a kind of town outside the report's counties
    ("聚焦县城周边、中心镇和中心村，推动产业发展。", []),
    ("支持湖南华菱钢铁集团有限公司发展。", [("Place", "湖南省"), ("Organization", "湖南华菱钢铁集团有限公司")]),
    # people: title + name, captions
    ("全国人大常委会副委员长王晨在株洲调研。", [("Organization", "全国人民代表大会常务委员会"), ("Person", "王晨"), ("Place", "株洲市")]),
    ("刘平作工作报告 本报记者 陈明摄", [("Person", "陈明")]),
    ("王小明院士团队荣获国家科学技术进步奖。新增两院院士3人。", [("Person", "王小明")]),
    # meetings: 届/次 patterns normalized, party plenaries, conferences
    ("市十六届人大二次会议审议通过。", [("Meeting", "株洲市第十六届人民代表大会第二次会议")]),
    ("深入学习党的二十届三中全会精神。", [("Organization", "中国共产党"), ("Meeting", "党的二十届三中全会")]),
    ("召开全市优化营商环境推进会。", [("Meeting", "全市优化营商环境推进会")]),
    # policies: quoted slogans with their head noun, named systems
    ("深化“放管服”改革，全面推行林长制。", [("Policy", "放管服改革"), ("Policy", "林长制")]),
    ("落实“六稳”“六保”任务。", [("Policy", "六稳"), ("Policy", "六保")]),
    # central bodies and enterprises by their short names; listed enterprises
    ("支持中国移动、国家电网在株洲布局。", [("Organization", "中国移动通信集团有限公司"), ("Organization", "国家电网有限公司"), ("Place", "株洲市")]),
    ("推动远大科技、三一重工等一批龙头企业扩产。", [("Organization", "远大科技"), ("Organization", "三一重工")]),
    # no body's name begins inside a word or at a suffix (紧密|型), with a count or a generic start
    ("推进紧密型城市医疗集团建设。", [], GOV_HEADER),
    ("实施5批次12组集团层面战略性重组。", [], GOV_HEADER),
    ("推动新一轮高水平医院建设，推进智慧医院试点。", [], GOV_HEADER),
    ("湘潭大学兴湘学院株洲校区开工建设。", [("Place", "湘潭市"), ("Organization", "湘潭大学"), ("Organization", "湘潭大学兴湘学院"), ("Organization", "湘潭大学兴湘学院株洲校区"), ("Place", "株洲市")]),
    # projects: listed before 等项目, subjects of 建成/通车, infrastructure by suffix
    ("长株潭城际铁路、醴娄高速等项目加快推进。", [("Project", "长株潭城际铁路"), ("Project", "醴娄高速")]),
    ("神农湖公园全面建成开放。", [("Project", "神农湖公园")]),
    ("株洲云龙机场旅客吞吐量增长。", [("Place", "株洲市"), ("Project", "株洲云龙机场")]),
    ("力促湘黔高铁建成投用。", [("Project", "湘黔高铁")]),
    # an adverb opens no project's name, wherever the clause begins (力争|西渝高铁)
    ("交通网络更加完善，力争西渝高铁建成通车。", [("Project", "西渝高铁")], GOV_HEADER),
    ("争取更多项目纳入支持范围，力争岷江航电枢纽工程、金沙江送电四川工程等重大项目开工。",
     [("Project", "岷江航电枢纽工程"), ("Project", "金沙江送电四川工程"), ("Place", "四川省")], GOV_HEADER),
    # a head before the head (城际|铁路) is no word of the name's stem
    ("力促宜泸渝城际铁路等建成投运。", [("Project", "宜泸渝城际铁路")], GOV_HEADER),
    # a township right after its county, written without 镇
    ("建成洪雅柳江抽水蓄能电站。", [("Place", "洪雅县"), ("Project", "洪雅柳江抽水蓄能电站"), ("Place", "柳江镇")], GOV_HEADER),
    # elliptical lists: the shared head restored on each item, industries too
    # places that build a thing share no name with it; a place's list shares one
    ("支持成都、绵阳、宜宾建设国家物流枢纽城市。", [("Place", "成都市"), ("Place", "绵阳市"), ("Place", "宜宾市")], GOV_HEADER),
    ("支持成都、绵阳、宜宾国家物流枢纽建设。", [("Place", "成都市"), ("Project", "成都国家物流枢纽"), ("Place", "绵阳市"),
                                          ("Project", "绵阳国家物流枢纽"), ("Place", "宜宾市"), ("Project", "宜宾国家物流枢纽")], GOV_HEADER),
    # no head inside a word of a 等 phrase (桥|梁)
    ("发挥工会、共青团、妇联等人民团体桥梁纽带作用。", [("Organization", "中国共产主义青年团")], GOV_HEADER),
    # two names joined by 与; a quoted part keeps its opening quote
    ("推进成渝中线高铁与西部陆海新通道建设。", [("Project", "成渝中线高铁"), ("Project", "西部陆海新通道")], GOV_HEADER),
    ("建成“一环八射”高速公路网。", [("Project", "一环八射高速公路网")], GOV_HEADER),
    ("延伸竹木、茶叶等产业链。", [("Project", "竹木产业链"), ("Project", "茶叶产业链")]),
    # 新 and a verb (newly done) open no name: 新|认定|省级企业技术中心 is a kind of centre
    ("新认定省级企业技术中心45家。", [], GOV_HEADER),
    # 以及 splits items as 及 does
    ("推进白鹤滩电站二期、宜宾电厂三期以及在建抽水蓄能电站等项目。",
     [("Project", "白鹤滩电站二期"), ("Place", "宜宾市"), ("Project", "宜宾电厂三期")], GOV_HEADER),
    # works listed share no head with the last one (…灌区|现代化改造)
    ("推进高标准农田建设、盐碱地综合利用、大中型灌区现代化改造。", [], GOV_HEADER),
    # what the last item shares with the others begins at a word (大运河|国家文化公园)
    ("建好长江、大运河国家文化公园。", [("Project", "长江国家文化公园"), ("Project", "大运河国家文化公园")], GOV_HEADER),
    # a last item that is a clause shares its head with no one (…乐山打造重要节点城市)
    ("支持绵阳、德阳、乐山打造重要节点城市。", [("Place", "绵阳市"), ("Place", "德阳市"), ("Place", "乐山市")], GOV_HEADER),
    # a 等 word shares its first kind only (水电站|和抽水蓄能项目); 等地 lists places
    ("加快白鹤滩、乌东德等水电站和抽水蓄能项目建设。", [("Project", "白鹤滩水电站"), ("Project", "乌东德水电站")], GOV_HEADER),
    ("推动绵阳、德阳等地零碳园区建设。", [("Place", "绵阳市"), ("Place", "德阳市")], GOV_HEADER),
    # items with heads of their own, figures and pronouns share no head
    ("成渝中线高铁四川段、成都东站建成运营。",
     [("Project", "成渝中线高铁四川段"), ("Place", "四川省"), ("Place", "成都市"), ("Project", "成都东站")], GOV_HEADER),
    ("新增铁路运营里程600公里、其中高铁300公里。", [], GOV_HEADER),
    # a verb cut in two by jieba's words (续|建成|都) opens no item; a place jieba reads as a verb (自贡) ends one
    ("续建成都至自贡、宜宾至西昌等铁路。", [("Place", "成都市"), ("Project", "成都至自贡铁路"), ("Place", "自贡市"),
                                        ("Place", "宜宾市"), ("Project", "宜宾至西昌铁路"), ("Place", "西昌市")], GOV_HEADER),
    # places listed before 等城市建设 are places; a verb opens no first item (深化|落实…中心)
    ("加快成都、绵阳、宜宾等城市建设。", [("Place", "成都市"), ("Place", "绵阳市"), ("Place", "宜宾市")], GOV_HEADER),
    ("深化落实国家医学中心、高水平研究型医院等支持政策。", [], GOV_HEADER),
    # a section written after a line's name is part of it; 阶段 is no section
    ("绵遂高速内江段建成通车。", [("Project", "绵遂高速内江段"), ("Place", "内江市")], GOV_HEADER),
    ("推进成渝高铁前期阶段工作。", [("Project", "成渝高铁")], GOV_HEADER),
    ("新建扩建龙泉水库等水源型水库20座。", [("Project", "龙泉水库")], GOV_HEADER),
    # a count before a project's head is no name (两个|项目)
    ("实施城市更新两个项目。", [], GOV_HEADER),
    # a pronoun opens no name (其中|小型水库, 我们|持续深化改革)
    ("新建水库30座，其中小型水库建成20座。", [], GOV_HEADER),
    ("我们持续深化改革。", [], GOV_HEADER),
    # a name jieba knows as a proper noun is a name (京广铁路: ns)
    ("京广铁路运能提升。", [("Project", "京广铁路")], GOV_HEADER),
    ("壮大竹木、茶叶、中药材等重点产业链。", [("Project", "竹木产业链"), ("Project", "茶叶产业链"), ("Project", "中药材产业链")]),
    # lists and catalogues are documents a verb cuts or adjusts (缩减, 调整优化)
    ("推动缩减外商投资准入负面清单。", [("Regulation", "外商投资准入负面清单")], GOV_HEADER),
    ("研究调整优化进口关税商品目录。", [("Regulation", "进口关税商品目录")], GOV_HEADER),
    # plans and measures named without 《》
    ("制定实施20条稳就业硬措施。", [("Regulation", "20条稳就业硬措施")]),
    # zones
    ("株洲高新区新增企业。", [("Place", "株洲市"), ("Place", "株洲高新区")]),
    # an autonomous prefecture or county by its place's name and its kind (凉山州, 北川县)
    ("推动凉山州、甘孜州发展，支持北川县建设。", [("Place", "凉山彝族自治州"), ("Place", "甘孜藏族自治州"), ("Place", "北川羌族自治县")], GOV_HEADER),
    # counties whose short forms are common words, in a list counted as counties
    ("射洪、三台等5个县区入选全国示范。", [("Place", "射洪市"), ("Place", "三台县")], GOV_HEADER),
    # a bare name a city shares with a district inside it is the city's
    ("广安、达州入选全国文明城市。", [("Place", "广安市"), ("Place", "达州市")], GOV_HEADER),
    # a short form that is also a common word, as a clause's subject before its verb
    ("全年经济稳中向好，自贡获批建设国家物流枢纽。", [("Place", "自贡市")], GOV_HEADER),
    # 区 opening a word (区域) after a short form is no district's suffix
    ("提升泸州区域中心城市能级。", [("Place", "泸州市")], GOV_HEADER),
    ("宜宾临港经济技术开发区新增企业。", [("Place", "宜宾市"), ("Place", "宜宾临港经济技术开发区")]),
    ("支持绵阳、德阳经济开发区建设。", [("Place", "绵阳市"), ("Place", "绵阳经济开发区"), ("Place", "德阳市"), ("Place", "德阳经济开发区")]),
    # reports reviewed
    ("听取和审议市政府关于审计工作报告、国有资产管理情况报告。", [("Organization", "株洲市人民政府"), ("Report", "审计工作报告"), ("Report", "国有资产管理情况报告")]),
]


@pytest.mark.parametrize("body, expected, header", [c if len(c) == 3 else (*c, CONGRESS_HEADER) for c in CASES],
                         ids=[c[0][:12] for c in CASES])
def test_recognizers_golden(body, expected, header):
    assert mentions(body, header) == expected


def test_government_report_locality():
    assert mentions("省政府常务会议研究。", GOV_HEADER) == [("Organization", "四川省人民政府")]


def test_typo_place_is_flagged():
    doc = document_from_text("t.txt", CONGRESS_HEADER + "荷塘区、芦淞区、石峰区、天元区、渌口区积极探索，芦松区开展代表培训。")
    typos = [m for m in find_mentions(doc) if m.rule == "place.typo"]
    assert [(m.text, m.note) for m in typos] == [("芦松区", "likely 芦淞区")]


def test_mentions_point_at_original_characters(sample_path):
    from kg.ingest import load_document

    doc = load_document(sample_path)
    for m in find_mentions(doc):
        assert doc.text[m.start : m.end] == m.text


def test_every_subclass_a_rule_gives_is_in_the_ontology():
    from kg.knowledge.rules import table
    from kg.graph.vocabulary import top_type
    from kg.graph.rdf import KGO

    for name in ("heads", "quoted_heads"):
        for word, payload in table(name).items():
            type_, subclass = payload.split()[:2]
            if type_ != "None":
                assert top_type(KGO[subclass]) == type_, (name, word, subclass)
    for word, subclass in table("org_heads").items():
        assert top_type(KGO[subclass]) == "Organization", (word, subclass)
