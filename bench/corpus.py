"""A reproducible corpus of service guides for benchmarks: the same seed gives the same files.

Two kinds: ``plain`` guides, written the way the authoring guide asks (few lint findings), and
``officialese`` ones, written the way real 实施清单 records are (long run-on sentences,
须/应当/予以, nested 《…》 citations, "无" for fees, Chinese numerals, 一、（一） headings, ●
bullets, time limits without units): the linter finds about 180 problems in each.

Each guide is written twice: for guidekit (front matter + components) and for MkDocs (the same
Markdown, components reduced to their content, front matter reduced to a title), so both tools
do the same work.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

_ZH_SENTENCES = [
    "带上身份证，到任一服务网点办理。",
    "工作人员会核对您的信息。",
    "办理不收费。",
    "大部分网点可以当场办好。",
    "不会用手机的，可以请家人帮忙。",
    "也可以打电话预约，不用排队。",
    "材料不齐的，工作人员会一次告诉您缺什么。",
    "办好后会发短信通知您。",
    "上午人多，下午去排队时间短。",
    "老年人可以走绿色通道。",
    "外地户口的人也可以办。",
    "网上申请的，卡会寄到家里。",
    "如果信息有误，可以当场改正。",
    "请保管好回执，领取时要用。",
]
_EN_SENTENCES = [
    "Bring your ID card to any service centre.",
    "Staff will check your details.",
    "It is free.",
    "Most centres can do it while you wait.",
    "Ask a family member to help if you do not use a smartphone.",
    "You can book by phone so you do not have to queue.",
    "Staff will tell you at once if anything is missing.",
    "You will get a text message when it is ready.",
    "Mornings are busy; afternoons are quieter.",
    "Older people can use the priority counter.",
    "Keep your receipt: you need it to collect.",
]
_ZH_HEADINGS = [
    "谁可以办",
    "要带什么",
    "怎么办",
    "去哪里办",
    "要多久",
    "收费吗",
    "要注意什么",
    "常见问题",
]
_EN_HEADINGS = [
    "Who can apply",
    "Things to bring",
    "How to apply",
    "Where to go",
    "How long it takes",
    "Cost",
    "Watch out",
    "Questions",
]


# What real 实施清单 records are made of: matters, departments, laws (nested citations included),
# and clauses written the way those records write them.
_MATTERS = [
    "居住证签注",
    "城乡居民基本养老保险参保登记",
    "社保卡补领",
    "基本医疗保险关系转移接续",
    "住房公积金提取",
    "出生医学证明补发",
    "残疾人证核发",
    "最低生活保障审批",
    "临时救助金给付",
    "个体工商户设立登记",
    "道路运输经营许可",
    "不动产转移登记",
    "老年人优待证办理",
    "失业保险金申领",
    "高龄津贴发放",
]
_DEPARTMENTS = [
    "市人力资源和社会保障局",
    "市医疗保障局",
    "市公安局出入境管理支队",
    "市住房公积金管理中心",
    "市民政局",
    "市市场监督管理局",
    "区行政审批局",
    "县自然资源和规划局",
]
_LAWS = [
    "《中华人民共和国行政许可法》",
    "《中华人民共和国社会保险法》",
    "《居住证暂行条例》",
    "《社会救助暂行办法》",
    "《住房公积金管理条例》",
    "《不动产登记暂行条例》",
    "《省人民政府关于贯彻落实〈社会救助暂行办法〉的实施意见》",
    "《关于印发《城乡居民基本养老保险经办规程》的通知》",
]
_CHINESE_NUMERALS = ["五", "十", "十五", "二十", "三十", "六十", "九十", "一百"]
_CLAUSES = [
    "申请人应当携带上述相关材料前往{dept}政务服务窗口提交申请，窗口工作人员应当对申请材料进行核实，"
    "对申请材料齐全、符合法定形式的，应当予以受理并出具受理通知书；对申请材料不齐全或者不符合法定形式的，"
    "应当当场或者在{cn}日内一次性告知申请人需要补正的全部内容，逾期不告知的，自收到申请材料之日起即为受理。",
    "依据{law}第{cn}条、{law2}第{n}条之规定，符合条件的申请人须于每年{month}月{day}日前向户籍地{dept}"
    "提出申请，经审核符合条件的，准予{matter}，不符合条件的，不予{matter}并书面说明理由，"
    "申请人对决定不服的，可以依法申请行政复议或者提起行政诉讼。",
    "申请人如需委托他人代为办理的，须提交经办人有效身份证件原件及复印件、授权委托书原件，"
    "委托书应当载明委托事项、权限及期限，并由委托人签字确认，经办人亦须到场签字，"
    "届时工作人员将对上述材料予以核实，务必确保所提交材料真实有效，严禁提供虚假材料，"
    "否则一律不予受理并依照相关规定予以处理。",
    "办理时限：法定期限{cn}个工作日，承诺时限{n}个工作日（不含公示、专家评审、现场勘验等特别程序所需时间），"
    "自受理之日起计算，特殊情况经批准可延长{cn2}个工作日。",
    "本事项已实现网办，申请人可登录{dept}门户网站或通过“{matter}”APP进行网上申报，"
    "须使用CA证书或通过PKI认证，并按要求上传相关材料的扫描件，原件于领取结果时一并核验。",
    "鉴于{matter}涉及社保、医保及公积金等多项业务，原则上由人社局统一受理，"
    "相关部门应当在{cn}日内出具核查意见，逾期未出具的视为同意。",
    "本指南自{year}年{month}月{day}日起施行，{year2}-0{month}-{day:02d}印发的原指南同时废止，"
    "咨询电话１２３４５，工作时间为{n}:00至{n2}:30，翌日上午悉数办结。",
]
_OFFICIAL_HEADINGS = [
    "受理条件",
    "申请材料",
    "办理流程",
    "办理时限",
    "收费标准",
    "办理地点",
    "设定依据",
    "咨询方式",
]
# With ``facets``: what a province's catalogue has, so search and the ways in have real words to
# index and group: (zh title, en title, department, topic, life event) of common services.
_SERVICES = [
    ("办理居住证", "Residence permit", "公安局", "户籍", "搬家"),
    ("补办居民身份证", "Replace an ID card", "公安局", "户籍", "证件丢失"),
    ("申领社会保障卡", "Social security card", "人社局", "社会保障", "就业"),
    ("申请领取养老金", "Claim a pension", "人社局", "社会保障", "退休"),
    ("办理失业登记", "Register as unemployed", "人社局", "就业", "失业"),
    ("申领失业保险金", "Unemployment benefit", "人社局", "社会保障", "失业"),
    ("办理出生医学证明", "Birth certificate", "卫健委", "医疗卫生", "生育"),
    ("申请生育津贴", "Maternity allowance", "医保局", "医疗保障", "生育"),
    ("办理医保转移", "Move your medical insurance", "医保局", "医疗保障", "搬家"),
    ("报销门诊费用", "Claim outpatient costs", "医保局", "医疗保障", "看病"),
    ("申请公租房", "Apply for public rental housing", "住建局", "住房", "搬家"),
    ("提取住房公积金", "Withdraw housing fund", "公积金中心", "住房", "买房"),
    ("办理不动产登记", "Register property", "自然资源局", "住房", "买房"),
    ("申请义务教育入学", "School enrolment", "教育局", "教育", "上学"),
    ("申请助学金", "Student grant", "教育局", "教育", "上学"),
    ("办理营业执照", "Business licence", "市场监管局", "开办企业", "开店"),
    ("申报个人所得税", "File income tax", "税务局", "税务", "就业"),
    ("申请低保", "Minimum living allowance", "民政局", "社会救助", "生活困难"),
    ("办理结婚登记", "Register a marriage", "民政局", "婚姻", "结婚"),
    ("申领驾驶证", "Driving licence", "公安局", "交通出行", "开车"),
    ("办理机动车年检", "Vehicle inspection", "公安局", "交通出行", "开车"),
    ("申请老年人优待证", "Senior citizen card", "民政局", "养老", "退休"),
    ("申请残疾人两项补贴", "Disability allowances", "残联", "社会救助", "生活困难"),
    ("办理护照", "Passport", "出入境管理局", "出入境", "出国"),
    ("申请法律援助", "Legal aid", "司法局", "法律服务", "纠纷"),
]
_DISTRICTS = ["东城区", "西城区", "南山区", "北湖区", "高新区", "开发区", "青川县", "石门县"]


@dataclass(frozen=True)
class Corpus:
    guidekit_source: Path  # SOURCE for `guidekit build`
    mkdocs_config: Path  # mkdocs.yml for `mkdocs build`
    guides: int


KINDS = ("plain", "officialese")


def generate(
    root: Path, count: int, seed: int = 2026, kind: str = "plain", *, facets: bool = False
) -> Corpus:
    """``kind``: plain guides, or officialese ones written as 实施清单 records are. ``facets``
    (plain only): titles from real services and their department, topic and life event (for the
    search and ways-in benchmark); without, the corpus the build benchmarks have always used."""
    if kind not in KINDS:
        raise ValueError(f"unknown corpus kind {kind!r}; known: {', '.join(KINDS)}")
    rng = random.Random(seed)
    facet_rng = random.Random(seed + 1)  # the other choices stay what they were without facets
    source, docs = root / "guides", root / "mkdocs" / "docs"
    if kind == "plain":
        names = [
            (("zh-Hans" if rng.random() < 0.7 else "en"), f"guide-{index:05d}")
            for index in range(count)
        ]
    else:  # 实施清单 are Chinese
        names = [("zh-Hans", f"guide-{index:05d}") for index in range(count)]
    by_lang: dict[str, list[tuple[str, str]]] = {}
    for entry in names:
        by_lang.setdefault(entry[0], []).append(entry)
    offices: dict[tuple[object, str], int] = {}
    for lang, name in names:
        service = facet_rng.choice(_SERVICES) if facets else None
        district = facet_rng.choice(_DISTRICTS)
        # a service offered at several offices of one district: each guide's title says which (two
        # guides of one title are refused, as readers cannot tell their links apart)
        offices[service, district] = offices.get((service, district), 0) + 1
        if offices[service, district] > 1:
            district += f"第 {offices[service, district]} 服务点"
        if kind == "plain":
            title, front, body = _guide(rng, lang, name, by_lang[lang], service, district)
        else:
            title, front, body = _official_guide(rng, lang, name, by_lang[lang])
        _write(source / lang / f"{name}.md", front + body)
        _write(docs / lang / f"{name}.md", f"# {title}\n\n" + _plain(body))
    _write(docs / "index.md", "# Service guides\n")
    config = root / "mkdocs" / "mkdocs.yml"
    _write(config, "site_name: Service guides\ntheme: mkdocs\n")
    return Corpus(source, config, count)


def _guide(
    rng: random.Random,
    lang: str,
    name: str,
    same_lang: list[tuple[str, str]],
    service: tuple[str, str, str, str, str] | None = None,
    district: str = "",
) -> tuple[str, str, str]:
    zh = lang == "zh-Hans"
    sentences, headings = (_ZH_SENTENCES, _ZH_HEADINGS) if zh else (_EN_SENTENCES, _EN_HEADINGS)
    join = "" if zh else " "
    title = f"办理事项 {name[-5:]}" if zh else f"Apply for service {name[-5:]}"
    facets = ""
    if service:
        zh_title, en_title, owner, topic, event = service
        title = f"{zh_title}（{district}）" if zh else f"{en_title} ({name[-5:]})"
        facets = f"owner: {owner}\ntopics: [{topic}]\nlife_events: [{event}]\n" if zh else ""
    front = (
        f"---\ntitle: {title}\n{facets}summary: "
        f"{json.dumps(rng.choice(sentences), ensure_ascii=False)}\nlang: {lang}\n"
        f"time_limit: {rng.randint(1, 20)} {'个工作日' if zh else 'working days'}\nvisits: "
        f"{rng.randint(0, 2)}\n"
        f"fees: {'不收费' if zh else 'Free'}\n"
        f"materials:\n  - name: {'居民身份证' if zh else 'ID card'}\n"
        "    form: original\n    copies: 1\n"
        f'consult:\n  phone: "12345"\n---\n\n'
    )
    parts = [join.join(rng.sample(sentences, 3)) + "\n"]
    for heading in rng.sample(headings, rng.randint(3, 6)):
        parts.append(f"## {heading}\n")
        parts.append(join.join(rng.sample(sentences, rng.randint(2, 4))) + "\n")
        kind = rng.random()
        if kind < 0.25:
            parts.append(
                "\n".join(f"- {rng.choice(sentences)}" for _ in range(rng.randint(2, 5))) + "\n"
            )
        elif kind < 0.4:
            parts.append(
                "::: steps\n"
                + "\n".join(f"{i}. {rng.choice(sentences)}" for i in range(1, rng.randint(3, 6)))
                + "\n:::\n"
            )
        elif kind < 0.55:
            parts.append(f"::: warning\n{rng.choice(sentences)}\n:::\n")
        elif kind < 0.7:
            question = "可以请别人代办吗？" if zh else "Can someone apply for me?"
            parts.append(f"::: details {question}\n{rng.choice(sentences)}\n:::\n")
        elif kind < 0.8:
            header = ["项目", "时间", "地点"] if zh else ["Item", "Time", "Place"]
            rows = [
                [rng.choice(sentences)[:8], str(rng.randint(1, 9)), str(rng.randint(100, 999))]
                for _ in range(3)
            ]
            parts.append(_table(header, rows))
        _, target = rng.choice(same_lang)
        parts.append(f"{'另见' if zh else 'See also'}：[{target}]({target}.md)\n")
    parts.append(
        "::: help\n"
        + ("打 12345 找人帮忙。" if zh else "Call 12345 to talk to a person.")
        + "\n:::\n"
    )
    return title, front, "\n".join(parts)


def _official_guide(
    rng: random.Random, lang: str, name: str, same_lang: list[tuple[str, str]]
) -> tuple[str, str, str]:
    matter, dept = rng.choice(_MATTERS), rng.choice(_DEPARTMENTS)
    title = f"关于{matter}的办事指南 {name[-5:]}"

    def clause() -> str:
        return rng.choice(_CLAUSES).format(
            dept=dept,
            matter=matter,
            law=rng.choice(_LAWS),
            law2=rng.choice(_LAWS),
            cn=rng.choice(_CHINESE_NUMERALS),
            cn2=rng.choice(_CHINESE_NUMERALS),
            n=rng.randint(1, 20),
            n2=rng.randint(13, 18),
            year=rng.randint(2018, 2025),
            year2=rng.randint(2010, 2017),
            month=rng.randint(1, 9),
            day=rng.randint(10, 28),
        )

    time_limit = rng.choice(['"20"', f"法定{rng.choice(_CHINESE_NUMERALS)}个工作日，承诺5", "即办"])
    front = (
        f"---\ntitle: {title}\nsummary: {json.dumps(clause(), ensure_ascii=False)}\n"
        f"lang: {lang}\nowner: {dept}\naudience:\n  - 符合条件的自然人、法人或其他组织\n"
        "materials:\n  - name: 申请人有效身份证件\n    form: 原件及复印件\n    copies: 一份\n"
        f"  - name: 《{matter}申请表》\n    form: 原件\n    copies: 2\n"
        f"  - name: 相关证明材料\n    form: 复印件\n"
        f"    note: {json.dumps(clause(), ensure_ascii=False)}\n"
        f"steps:\n  - title: 受理\n    detail: {json.dumps(clause(), ensure_ascii=False)}\n"
        f"  - title: 审核\n    detail: {json.dumps(clause(), ensure_ascii=False)}\n"
        "  - title: 办结\n    detail: 审核通过的，予以办结并出具结果文书。\n"
        f"time_limit: {time_limit}\nvisits: 1\nfees: 无\n"
        'consult:\n  phone: "12345"\n'
        f"legal_basis:\n  - title: {rng.choice(_LAWS)}\n    number: 主席令第七号\n---\n\n"
    )
    parts = [clause() + "\n"]
    for index, heading in enumerate(rng.sample(_OFFICIAL_HEADINGS, rng.randint(3, 6))):
        parts.append(f"{'一二三四五六七八'[index]}、{heading}\n")
        for sub in range(rng.randint(1, 2)):
            parts.append(f"（{'一二三'[sub]}）{clause()}\n")
        if rng.random() < 0.4:
            parts.append(
                "\n".join(f"● {clause()[: rng.randint(20, 60)]}；" for _ in range(3)) + "\n"
            )
        if rng.random() < 0.2:
            rows = [
                [rng.choice(_MATTERS), f"{rng.choice(_CHINESE_NUMERALS)}个工作日", "无"]
                for _ in range(3)
            ]
            parts.append(_table(["事项", "时限", "收费"], rows))
        _, target = rng.choice(same_lang)
        parts.append(f"另见：[{target}]({target}.md)\n")
    return title, front, "\n".join(parts)


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = [header, *rows]
    cells = ["| " + " | ".join(line) + " |" for line in lines]
    return "\n".join([cells[0], "|" + "---|" * len(header), *cells[1:]]) + "\n"


def _plain(body: str) -> str:
    """The same Markdown for MkDocs: component fences dropped, their content kept."""
    return "\n".join(line for line in body.split("\n") if not line.startswith(":::")) + "\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
