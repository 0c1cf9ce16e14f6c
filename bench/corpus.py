"""A reproducible corpus of service guides for benchmarks: the same seed gives the same files.

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
    "What to bring",
    "How to apply",
    "Where to go",
    "How long it takes",
    "Cost",
    "Watch out",
    "Questions",
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


def generate(root: Path, count: int, seed: int = 2026, *, facets: bool = False) -> Corpus:
    """``facets``: titles from real services and their department, topic and life event (for the
    search and ways-in benchmark); without, the corpus the build benchmarks have always used."""
    rng = random.Random(seed)
    facet_rng = random.Random(seed + 1)  # the other choices stay what they were without facets
    source, docs = root / "guides", root / "mkdocs" / "docs"
    names = [
        (("zh-Hans" if rng.random() < 0.7 else "en"), f"guide-{index:05d}")
        for index in range(count)
    ]
    for lang, name in names:
        service = facet_rng.choice(_SERVICES) if facets else None
        district = facet_rng.choice(_DISTRICTS)
        title, front, body = _guide(rng, lang, name, names, service, district)
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
    names: list[tuple[str, str]],
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
        f"fees: {'不收费' if zh else 'Free'}\nmaterials:\n  - name: {'居民身份证' if zh else 'ID card'}\n  "
        f"  form: original\n    copies: 1\n"
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
            header = "| 项目 | 时间 | 地点 |" if zh else "| Item | Time | Place |"
            rows = "\n".join(
                f"| {rng.choice(sentences)[:8]} | {rng.randint(1, 9)} | {rng.randint(100, 999)} |"
                for _ in range(3)
            )
            parts.append(f"{header}\n|---|---|---|\n{rows}\n")
        target_lang, target = rng.choice([entry for entry in names if entry[0] == lang])
        parts.append(f"{'另见' if zh else 'See also'}：[{target}]({target}.md)\n")
    parts.append(
        "::: help\n"
        + ("打 12345 找人帮忙。" if zh else "Call 12345 to talk to a person.")
        + "\n:::\n"
    )
    return title, front, "\n".join(parts)


def _plain(body: str) -> str:
    """The same Markdown for MkDocs: component fences dropped, their content kept."""
    return "\n".join(line for line in body.split("\n") if not line.startswith(":::")) + "\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
