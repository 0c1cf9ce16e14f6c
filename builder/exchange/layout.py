"""The national 实施清单 layout: which element (column, JSON key) holds which front-matter field,
and how each element's cells are spelled in the platform's exports.

Element names follow the national 政务服务事项实施清单 elements and GB/T 39046-2020
(政务服务平台基础数据规范, table 4, 事项管理). Repeating elements (申请材料, 办理流程, …) are
tables: nested lists in JSON, sheets of their own keyed by 实施编码 in XLSX, files of their own in
CSV.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from ..source.yaml_loader import SAFE_LOADER

MAIN_SHEET = "实施清单"
KEY = "实施编码"  # ties a table's rows to their record
BASIC_CODE = "基本编码"
# A time limit is two elements, the number and its unit (法定办结时限, 法定办结时限单位)
LEGAL_LIMIT, PROMISED_LIMIT, UNIT = "法定办结时限", "承诺办结时限", "单位"


@dataclass(frozen=True)
class Kind:
    """How one element's cells read into a front-matter value and how the model's value is written
    back. Reading keeps the platform's words (承诺件, 是, 20 个工作日): the content model knows
    them and says in the editor's language what a cell should hold."""

    read: Callable[[object], object]
    write: Callable[[Any], object]
    joiner: str | None = None  # a list written into one spreadsheet cell, joined by this


# Platforms keep 受理条件, 环节说明 and the like as rich text and export its HTML as it is
_MARKUP = re.compile(r"</?[A-Za-z][^<>]*>|&(?:#\d+|#[xX][0-9A-Fa-f]+|[A-Za-z]+\d*);")
_BLOCKS = frozenset(
    ["br", "p", "div", "li", "tr", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6"]
)


class _PlainText(HTMLParser):
    """An HTML fragment's text, a line for each paragraph, line break and list item."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _plain(text: str) -> str:
    if not _MARKUP.search(text):
        return text
    parser = _PlainText()
    parser.feed(text)
    parser.close()
    lines = ("".join(parser.parts)).replace("\xa0", " ").split("\n")
    return "\n".join(line for raw in lines if (line := " ".join(raw.split())))


def cell_text(value: object) -> object:
    """A cell as the front matter holds it: text trimmed and out of its HTML; numbers,
    true/false kept for the model."""
    if isinstance(value, float) and value.is_integer():
        return int(value)  # spreadsheets store whole numbers as floats
    return _plain(value).strip() if isinstance(value, str) else value


def _text(value: object) -> object:
    value = cell_text(value)
    # phone numbers and codes typed into a spreadsheet as numbers are text
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


_LINE_BREAK = re.compile(r"\s*\n\s*")
_CHOICE_SEPARATORS = re.compile(r"\s*[、，,；;／/\n]\s*")
# "1、" "2." "（3）" "四、" opening an item, at the start or after a line break, space or the
# punctuation that ended the item before; "9:00" is a time and "1.5倍" a number, not items
_NUMBER = re.compile(
    r"(?:^|(?<=[\s；;。，,]))[（(]?(\d{1,2}|[一二三四五六七八九十])(?:[)）]|[、.．](?!\d))\s*"
)
_CHINESE_NUMBERS = "一二三四五六七八九十"
_ITEM_END = "；;，,、 "


def _numbered(text: str) -> list[str] | None:
    """The items of a list numbered from 1 in its text, without their numbers; None when the text
    is no such list (the numbers must run 1, 2, 3 from its start and each item must say
    something, so "1、2级残疾人" stays one item)."""
    starts: list[re.Match[str]] = []
    for match in _NUMBER.finditer(text):
        number = match[1]
        value = int(number) if number.isdecimal() else _CHINESE_NUMBERS.index(number) + 1
        if value == len(starts) + 1 and (starts or match.start() == 0):
            starts.append(match)
    if len(starts) < 2:
        return None
    ends = [match.start() for match in starts[1:]] + [len(text)]
    found = [
        " ".join(text[start.end() : end].split()).rstrip(_ITEM_END)
        for start, end in zip(starts, ends, strict=True)
    ]
    return found if all(found) else None


def items(value: str) -> list[str]:
    """A list written in one cell: a numbered list's items, else a line each."""
    text = _plain(value).strip()
    return _numbered(text) or [line for line in _LINE_BREAK.split(text) if line]


def _choices(value: str) -> list[str]:
    return [text for text in _CHOICE_SEPARATORS.split(_plain(value).strip()) if text]


def _list(split: Callable[[str], list[str]]) -> Callable[[object], object]:
    """A list element's cell, as a list (JSON) or as text ``split`` into its items."""

    def read(value: object) -> object:
        if isinstance(value, list):
            return [text for item in value if (text := _text(item)) != ""]
        if not isinstance(value, str):
            return _text(value)
        return split(value)

    return read


def _same(value: object) -> object:
    return value


def _labelled(labels: dict[Any, str]) -> Callable[[Any], object]:
    return lambda value: labels.get(value, value)


TEXT = Kind(_text, _same)
LINES = Kind(_list(items), _same, "\n")
NUMBER = Kind(cell_text, _same)
YES_NO = Kind(cell_text, _labelled({True: "是", False: "否"}))
ITEM_KIND = Kind(_text, _labelled({"immediate": "即办件", "promised": "承诺件"}))
TIME_UNITS = {
    "working-days": "工作日",
    "calendar-days": "自然日",
    "hours": "小时",
    "months": "个月",
}
TIME_UNIT = Kind(_text, _labelled(TIME_UNITS))
RESULT_KIND = Kind(
    _text,
    _labelled(
        {
            "certificate": "证照",
            "licence": "许可证",
            "approval": "批准文书",
            "document": "文书",
            "other": "其他",
        }
    ),
)
_DELIVERY_LABELS = _labelled({"collect": "窗口领取", "post": "邮寄", "online": "网上送达"})
DELIVERY = Kind(_list(_choices), lambda values: [_DELIVERY_LABELS(value) for value in values], "、")
FORM = Kind(
    _text, _labelled({"original": "原件", "copy": "复印件", "original-and-copy": "原件和复印件"})
)
NECESSITY = Kind(_text, _labelled({"always": "必要", "conditional": "非必要"}))


def _legal_basis(value: list[dict[str, str]]) -> list[str]:
    """A law's title and number, as the platform writes them on one line: 《…》（文号）."""
    return [
        item["title"] + (f"（{item['number']}）" if item.get("number") else "") for item in value
    ]


LEGAL_BASIS = Kind(_list(items), _legal_basis, "\n")


@dataclass(frozen=True)
class Column:
    name: str  # the national element
    path: tuple[str, ...]  # where its value sits in the front matter (of the record or table row)
    kind: Kind = TEXT
    # a value the platform leaves empty: not written back (a step that is not optional)
    omitted: object = None


@dataclass(frozen=True)
class Table:
    name: str
    field: str  # the front-matter list its rows become
    columns: tuple[Column, ...]
    # an item of the table written as text is a row of its first column alone (a step's name);
    # False where a row says nothing without its second column (a question without its answer)
    from_text: bool = True


MAIN_COLUMNS = (
    Column("事项名称", ("title",)),
    Column(BASIC_CODE, ("item_codes", "basic")),
    Column(KEY, ("item_codes", "implementation")),
    Column("实施主体", ("owner",)),
    Column("服务对象", ("audience",), LINES),
    Column("办件类型", ("item_kind",), ITEM_KIND),
    Column(LEGAL_LIMIT, ("legal_time_limit", "value"), NUMBER),
    Column(LEGAL_LIMIT + UNIT, ("legal_time_limit", "unit"), TIME_UNIT),
    Column(PROMISED_LIMIT, ("promised_time_limit", "value"), NUMBER),
    Column(PROMISED_LIMIT + UNIT, ("promised_time_limit", "unit"), TIME_UNIT),
    Column("承诺办结时限说明", ("time_limit",)),
    Column("办结时限是否含法定节假日", ("holidays_counted",), YES_NO),
    Column("受理条件", ("eligibility",), LINES),
    Column("到办事现场次数", ("visits",), NUMBER),
    Column("收费标准", ("fees",)),
    Column("收费依据", ("fee_basis",), LINES),
    Column("收费减免", ("fee_reductions",)),
    Column("设定依据", ("legal_basis",), LEGAL_BASIS),
    Column("办理结果名称", ("result", "name")),
    Column("办理结果类型", ("result", "kind"), RESULT_KIND),
    Column("结果样本", ("result", "sample")),
    Column("送达方式", ("delivery",), DELIVERY),
    Column("是否支持预约办理", ("booking",), YES_NO),
    Column("是否支持物流快递", ("postal_delivery",), YES_NO),
    Column("是否支持网上支付", ("online_payment",), YES_NO),
    Column("网办地址", ("online", "url")),
    Column("网办入口名称", ("online", "label")),
    Column("咨询机构", ("consult", "name")),
    Column("咨询电话", ("consult", "phone")),
    Column("咨询时间", ("consult", "hours")),
    Column("帮办服务", ("consult", "volunteers")),
    Column("监督投诉机构", ("complaints", "name")),
    Column("监督投诉电话", ("complaints", "phone")),
    Column("监督投诉时间", ("complaints", "hours")),
)
# Elements the platform derives from others: written on export, read only where they say more.
IS_CHARGED = "是否收费"  # 否 with no 收费标准: 不收费
CHARGED_ANSWERS = {"是": True, "1": True, "否": False, "0": False}
IS_ONLINE = "是否网办"  # follows 网办地址
# One place written in the main sheet, as national exports do when there is only one.
PLACE, HOURS = "办理地点", "办理时间"
FREE = "不收费"

TABLES = (
    Table(
        "申请材料",
        "materials",
        (
            Column("材料名称", ("name",)),
            Column("材料类型", ("form",), FORM),
            Column("纸质材料份数", ("copies",), NUMBER),
            Column("材料必要性", ("required",), NECESSITY),
            Column("适用情形", ("condition",)),
            Column("来源渠道", ("source",)),
            Column("空白表格", ("blank_form",)),
            Column("示例样表", ("sample",)),
            Column("填报须知", ("instructions",)),
            Column("备注", ("note",)),
        ),
    ),
    Table(
        "办理流程",
        "steps",
        (
            Column("环节名称", ("title",)),
            Column("环节说明", ("detail",)),
            Column("是否可选环节", ("optional",), YES_NO, omitted=False),
        ),
    ),
    Table(
        "办理地点",
        "places",
        (
            Column("地点名称", ("name",)),
            Column("详细地址", ("address",)),
            Column(HOURS, ("hours",)),
            Column("节假日安排", ("holidays",)),
            Column("联系电话", ("phone",)),
            Column("交通指引", ("transport",)),
        ),
    ),
    Table(
        "收费项目",
        "fees",
        (Column("收费项目名称", ("item",)), Column("收费标准", ("amount",))),
        from_text=False,
    ),
    Table(
        "特别程序",
        "special_procedures",
        (
            Column("特别程序种类", ("name",)),
            Column("特别程序时限", ("time",)),
            Column("是否计入办结时限", ("counted",), YES_NO),
        ),
    ),
    Table(
        "常见问题",
        "faq",
        (Column("问题", ("question",)), Column("解答", ("answer",))),
        from_text=False,
    ),
)
TABLES_BY_NAME = {table.name: table for table in TABLES}
MAIN_NAMES = frozenset(
    [column.name for column in MAIN_COLUMNS] + [IS_CHARGED, IS_ONLINE, PLACE, HOURS]
)
TABLE_COLUMN_NAMES = frozenset(
    [KEY] + [column.name for table in TABLES for column in table.columns]
)
NAMES = MAIN_NAMES | TABLE_COLUMN_NAMES | set(TABLES_BY_NAME) | {MAIN_SHEET}

# Other names the national standards and the provincial platforms use for the same elements.
BUILT_IN_ALIASES = {
    "结果名称": "办理结果名称",
    "审批结果名称": "办理结果名称",
    "审批结果类型": "办理结果类型",
    "结果类型": "办理结果类型",
    "审批结果样本": "结果样本",
    "办理结果样本": "结果样本",
    "监督电话": "监督投诉电话",
    "投诉电话": "监督投诉电话",
    "是否必备材料": "材料必要性",
    "申请条件": "受理条件",
    "网上办理地址": "网办地址",
    "结果送达方式": "送达方式",
    "法定时限": "法定办结时限",
    "承诺时限": "承诺办结时限",
}


# Templates mark a column required (*事项名称) or add a note to it (实施主体（必填）)
_MARKS = re.compile(r"^[*＊\s]+|\s*[（(][^（）()]*[）)]\s*$")


@dataclass(frozen=True)
class Mapping:
    """Local names (columns, sheets, JSON keys) -> national element names."""

    names: dict[str, str] = field(default_factory=dict)

    def national(self, name: str) -> str:
        name = name.strip()
        found = self.names.get(name) or BUILT_IN_ALIASES.get(name)
        if found or name in NAMES:
            return found or name
        bare = _MARKS.sub("", name)
        found = self.names.get(bare) or BUILT_IN_ALIASES.get(bare)
        return found or (bare if bare in NAMES else name)


# Chinese spreadsheets save CSV as GBK by default, and Windows editors JSON and YAML too
ENCODINGS = ("utf-8-sig", "gb18030")


def decoded(data: bytes) -> str | None:
    """A file's text in the first of ENCODINGS that reads it; None when none does."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


class MappingError(ValueError):
    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key, self.details = key, args


def load_mapping(path: Path | None) -> Mapping:
    """The editor's mapping file: ``本地名称: 全国名称`` one a line (YAML)."""
    if path is None:
        return Mapping()
    try:
        text = decoded(path.read_bytes())
        if text is None:
            raise MappingError("file-encoding", file=path)
        root = yaml.compose(text, Loader=SAFE_LOADER)
    except OSError as error:
        raise MappingError("mapping-unreadable", file=path, reason=error) from None
    except yaml.MarkedYAMLError as error:
        line = (error.problem_mark.line + 1) if error.problem_mark else 1
        raise MappingError("mapping-not-yaml", file=path, line=line) from None
    if root is None:
        return Mapping()
    if not isinstance(root, yaml.MappingNode):
        raise MappingError("mapping-not-mapping", file=path, line=root.start_mark.line + 1)
    names = {}
    for key, value in root.value:
        if not isinstance(value, yaml.ScalarNode):  # a list or a mapping where one name goes
            raise MappingError("mapping-not-mapping", file=path, line=key.start_mark.line + 1)
        local, national = str(key.value).strip(), str(value.value).strip()
        if national not in NAMES:
            raise MappingError(
                "mapping-unknown-name",
                file=path,
                line=key.start_mark.line + 1,
                local=local,
                national=national,
            )
        names[local] = national
    return Mapping(names)
