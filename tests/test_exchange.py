"""guidekit import and export: 实施清单 records (JSON, CSV, XLSX) to guides through the real build
and gate, and back out again with no field lost; bad rows located; existing guides kept."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

from guidekit.exchange.convert import front_matter
from guidekit.exchange.layout import Mapping
from guidekit.exchange.read import Read, read_records

from .conftest import run_guidekit

SAMPLES = Path(__file__).parent.parent / "samples"
SAMPLE_JSON, SAMPLE_XLSX = SAMPLES / "实施清单.json", SAMPLES / "实施清单.xlsx"
TODAY = dt.date(2026, 11, 28)


def plain(read: Read) -> list[dict[str, object]]:
    """The records as values only (no locations), tables included."""
    return [
        {
            **{name: cell.value for name, cell in record.main.cells.items()},
            **{
                table: [{name: cell.value for name, cell in row.cells.items()} for row in rows]
                for table, rows in record.tables.items()
            },
        }
        for record in read.records
    ]


def guides_of(read: Read) -> list[dict[str, object] | None]:
    return [front_matter(record, "zh-Hans", "{title}", TODAY, TODAY)[0] for record in read.records]


def test_the_sample_workbook_holds_the_sample_records():
    """samples/实施清单.xlsx is samples/make_xlsx.py's output from the JSON: both give the same
    guides, and there are at least 20 of them, none refused."""
    from_json = read_records(SAMPLE_JSON, Mapping())
    from_xlsx = read_records(SAMPLE_XLSX, Mapping())
    assert from_json.problems == [] and from_xlsx.problems == []
    assert from_json.ignored == {} and from_xlsx.ignored == {}
    assert len(from_json.records) >= 20
    guides = guides_of(from_json)
    assert None not in guides
    assert guides == guides_of(from_xlsx)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The done-when of issue 22: the sample workbook imported into a fresh folder."""
    source = tmp_path_factory.mktemp("x") / "guides"
    outcome = run_guidekit("import", SAMPLE_XLSX, "--source", source)
    return source, outcome


def test_the_sample_workbook_imports_lints_and_builds_through_the_gate(imported, tmp_path):
    source, outcome = imported
    assert outcome.exit_code == 0, outcome.stderr
    guides = sorted((source / "zh-Hans").glob("*.md"))
    assert len(guides) == len(json.loads(SAMPLE_JSON.read_text("utf-8")))
    assert "新建 22 篇" in outcome.stderr and "表格里没有出错的地方" in outcome.stderr
    # the linter shows, per guide, the officialese and run-on sentences to rewrite
    assert "lint:officialese" in outcome.stdout and "lint:very-long-sentence" in outcome.stdout
    assert "没有必须修改的问题" in outcome.stderr
    built = run_guidekit("build", source, "--out", tmp_path / "site", "--format", "json")
    assert built.exit_code == 0, [f for f in built.report["findings"] if f["severity"] == "error"]
    assert built.report["published"] and built.report["checked"]
    assert (tmp_path / "site" / "zh-Hans" / "juminshenfenzheng-huanling.html").is_file()


def test_export_gives_back_every_field_of_every_record_as_json(imported, tmp_path):
    source, _ = imported
    out = tmp_path / "back.json"
    assert run_guidekit("export", source, "--out", out).exit_code == 0
    original = {r["实施编码"]: r for r in json.loads(SAMPLE_JSON.read_text("utf-8"))}
    back = {r["实施编码"]: r for r in json.loads(out.read_text("utf-8"))}
    assert back.keys() == original.keys()
    for code, record in original.items():
        assert back[code] == record, code


def test_export_gives_back_every_field_of_every_record_as_xlsx(imported, tmp_path):
    source, _ = imported
    out = tmp_path / "back.xlsx"
    assert run_guidekit("export", source, "--out", out).exit_code == 0
    original = sorted(plain(read_records(SAMPLE_XLSX, Mapping())), key=lambda r: r["实施编码"])
    back = sorted(plain(read_records(out, Mapping())), key=lambda r: r["实施编码"])
    assert back == original


def test_export_without_out_writes_json_to_standard_output(imported):
    source, _ = imported
    outcome = run_guidekit("export", source)
    assert outcome.exit_code == 0
    assert len(json.loads(outcome.stdout)) == len(json.loads(SAMPLE_JSON.read_text("utf-8")))


RECORD = {
    "事项名称": "居住证申领",
    "基本编码": "000117008000",
    "实施编码": "0001170080003301",
    "实施主体": "青川市公安局",
    "办件类型": "承诺件",
    "承诺办结时限": 10,
    "承诺办结时限单位": "工作日",
    "是否收费": "否",
    "收费标准": "不收费",
    "咨询电话": "0571-88220110",
    "申请材料": [{"材料名称": "居民身份证", "材料类型": "原件", "纸质材料份数": 1}],
}


def write_json(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text(json.dumps(records, ensure_ascii=False), "utf-8")
    return path


def refused_import(tmp_path: Path, records: list[dict[str, object]]) -> str:
    """What ``guidekit import`` says of a 清单.json holding ``records``, some of which it refuses."""
    outcome = run_guidekit(
        "import", write_json(tmp_path / "清单.json", records), "--source", tmp_path / "g"
    )
    assert outcome.exit_code == 1 and "Traceback" not in outcome.stderr
    return outcome.stderr


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_a_bad_row_is_located_by_file_sheet_row_and_column_and_the_others_import(tmp_path):
    data = workbook(
        tmp_path / "清单.xlsx",
        {
            "实施清单": [
                ["事项名称", "实施编码", "承诺办结时限", "承诺办结时限单位"],
                ["居住证申领", "A1", 10, "工作日"],
                ["结婚登记", "A2", 20, None],
                [None, "A3", 5, "工作日"],
                ["残疾人证核发", "A4", 20, "工作日"],
            ],
            "申请材料": [
                ["实施编码", "材料名称", "纸质材料份数"],
                ["A1", "居民身份证", 1],
                ["A4", "户口簿", "很多"],
                ["A9", "照片", 1],
            ],
        },
    )
    outcome = run_guidekit("import", data, "--source", tmp_path / "guides")
    assert outcome.exit_code == 1
    errors = outcome.stderr
    assert "清单.xlsx，工作表“实施清单”，第 3 行，“承诺办结时限”列：“20”缺少单位" in errors
    assert (
        "清单.xlsx，工作表“实施清单”，第 4 行（实施编码 A3），“事项名称”列：这一行没有“事项名称”"
        in errors
    )
    assert "清单.xlsx，工作表“申请材料”，第 3 行，“纸质材料份数”列：应该是份数" in errors
    assert (
        "清单.xlsx，工作表“申请材料”，第 4 行，“实施编码”列：“申请材料”里的这一行写的实施编码 A9"
        in errors
    )
    assert "Traceback" not in errors
    assert [path.name for path in (tmp_path / "guides" / "zh-Hans").iterdir()] == [
        "juzhuzheng-shenling.md"
    ]
    # 结婚登记, the row with no 事项名称 and 残疾人证核发 (its 申请材料), and the row of A9
    assert (
        "新建 1 篇" in errors and "有错没有导入的：3 个事项、各表（申请材料等）里的 1 行" in errors
    )


def test_a_bad_json_record_is_located_by_record_item_and_key(tmp_path):
    bad = {**RECORD, "实施编码": "B2", "申请材料": [{"材料名称": "户口簿", "纸质材料份数": "很多"}]}
    data = write_json(tmp_path / "清单.json", [RECORD, bad])
    outcome = run_guidekit("import", data, "--source", tmp_path / "guides")
    assert outcome.exit_code == 1
    assert "清单.json，第 2 条记录，“申请材料”第 1 项，“纸质材料份数”：应该是份数" in outcome.stderr
    assert len(list((tmp_path / "guides" / "zh-Hans").iterdir())) == 1


def test_csv_tables_sit_in_files_beside_the_records(tmp_path):
    (tmp_path / "清单.csv").write_text(
        "事项名称,实施编码,承诺办结时限,办理地点,办理时间\n"
        "居住证申领,C1,10个工作日,东城派出所,工作日 9:00—17:00\n",
        "utf-8",
    )
    # spreadsheets save Chinese CSV as GBK
    (tmp_path / "清单-申请材料.csv").write_bytes(
        "实施编码,材料名称,纸质材料份数\nC1,居民身份证,1\nC1,照片,零\n".encode("gb18030")
    )
    outcome = run_guidekit("import", tmp_path / "清单.csv", "--source", tmp_path / "guides")
    # the file the editor opens to correct it, not a sheet 清单.csv does not have
    assert "清单-申请材料.csv，第 3 行，“纸质材料份数”列" in outcome.stderr
    (tmp_path / "清单-申请材料.csv").write_text("实施编码,材料名称\nC1,居民身份证\n", "utf-8")
    outcome = run_guidekit("import", tmp_path / "清单.csv", "--source", tmp_path / "guides")
    assert outcome.exit_code == 0, outcome.stderr
    text = (tmp_path / "guides" / "zh-Hans" / "juzhuzheng-shenling.md").read_text("utf-8")
    assert "name: 居民身份证" in text and "promised_time_limit: 10个工作日" in text
    assert "places:\n- name: 东城派出所\n  hours: 工作日 9:00—17:00\n" in text


def test_a_csv_cell_of_several_lines_keeps_its_lines(tmp_path):
    """Excel writes a cell typed with Alt+Enter as a quoted value over several lines: reading the
    file line by line glued them, so 受理条件's two conditions became one run-on item."""
    (tmp_path / "清单.csv").write_bytes(
        "事项名称,实施编码,受理条件,办理地点\r\n"
        '居住证申领,C1,"在本市居住半年以上\r\n有合法稳定就业",东城派出所\r\n'
        "结婚登记,C2,,婚姻登记处\r\n".encode("gb18030")
    )
    outcome = run_guidekit("import", tmp_path / "清单.csv", "--source", tmp_path / "guides")
    assert outcome.exit_code == 0, outcome.stderr
    text = (tmp_path / "guides" / "zh-Hans" / "juzhuzheng-shenling.md").read_text("utf-8")
    assert yaml.safe_load(text.split("---")[1])["eligibility"] == [
        "在本市居住半年以上",
        "有合法稳定就业",
    ]
    assert len(list((tmp_path / "guides" / "zh-Hans").iterdir())) == 2


def test_a_csv_quote_left_open_is_refused_at_its_line_not_read_as_one_cell(tmp_path):
    """An unclosed quote made every later row part of one cell: 结婚登记 and 出生登记 vanished
    into 居住证申领's 受理条件 and the import said it made one guide, with no problem."""
    (tmp_path / "清单.csv").write_text(
        "事项名称,实施编码,受理条件\n"
        '居住证申领,C1,"在本市居住半年以上\n'
        "结婚登记,C2,年满法定婚龄\n"
        "出生登记,C3,新生儿\n",
        "utf-8",
    )
    outcome = run_guidekit("import", tmp_path / "清单.csv", "--source", tmp_path / "guides")
    assert outcome.exit_code == 1, outcome.stderr
    assert "清单.csv 第 2 行" in outcome.stderr and "引号" in outcome.stderr, outcome.stderr
    assert not (tmp_path / "guides").exists()


def test_a_table_that_cannot_be_read_says_why_in_the_sites_language(tmp_path):
    (tmp_path / "清单.csv").write_text("事项名称,实施编码\n居住证申领,C1\n", "utf-8")
    (tmp_path / "清单-申请材料.csv").mkdir()
    outcome = run_guidekit("import", tmp_path / "清单.csv", "--source", tmp_path / "guides")
    assert outcome.exit_code == 1
    # the file that cannot be read, not the records' file beside it
    assert "读不了 清单-申请材料.csv：这是一个文件夹，不是文件" in outcome.stderr, outcome.stderr


def test_an_existing_guide_is_skipped_and_update_changes_only_the_fields_that_changed(tmp_path):
    source = tmp_path / "guides"
    data = write_json(tmp_path / "清单.json", [RECORD])
    assert run_guidekit("import", data, "--source", source).exit_code == 0
    path = source / "zh-Hans" / "juzhuzheng-shenling.md"
    edited = (
        path.read_text("utf-8").replace("lang: zh-Hans\n", "lang: zh-Hans\n# 编辑的注释\n")
        + "\n编辑写的正文。\n"
    )
    path.write_text(edited, "utf-8")

    again = run_guidekit("import", data, "--source", source)
    assert again.exit_code == 0
    assert "跳过实施编码 0001170080003301" in again.stderr and "--update" in again.stderr
    assert path.read_text("utf-8") == edited

    changed = {
        **RECORD,
        "承诺办结时限": 5,
        "常见问题": [{"问题": "居住证有效期多长？", "解答": "一年。"}],
    }
    updated = run_guidekit(
        "import", write_json(tmp_path / "新.json", [changed]), "--source", source, "--update"
    )
    assert updated.exit_code == 0, updated.stderr
    assert "承诺办结时限、常见问题（正文没有改动）" in updated.stderr
    text = path.read_text("utf-8")
    assert text.endswith("\n编辑写的正文。\n") and "# 编辑的注释\n" in text
    assert "promised_time_limit:\n  value: 5\n" in text and "answer: 一年。" in text
    unchanged_lines = [line for line in edited.splitlines() if "value: 10" not in line]
    assert all(line in text.splitlines() for line in unchanged_lines)

    same = run_guidekit(
        "import", write_json(tmp_path / "新.json", [changed]), "--source", source, "--update"
    )
    assert "和表格一致，没有改动" in same.stderr


def test_a_mapping_file_names_local_columns(tmp_path):
    local = {
        ("事项" if key == "事项名称" else "承诺期限" if key == "承诺办结时限" else key): value
        for key, value in RECORD.items()
    }
    data = write_json(tmp_path / "本地.json", [{**local, "内部序号": 7}])
    mapping = tmp_path / "对照表.yml"
    mapping.write_text("事项: 事项名称\n承诺期限: 承诺办结时限\n", "utf-8")
    outcome = run_guidekit("import", data, "--source", tmp_path / "guides", "--mapping", mapping)
    assert outcome.exit_code == 0, outcome.stderr
    assert (
        "没有导入：内部序号" in outcome.stderr
    )  # the unknown column is named, not dropped silently
    text = (tmp_path / "guides" / "zh-Hans" / "juzhuzheng-shenling.md").read_text("utf-8")
    assert "title: 居住证申领" in text and "value: 10" in text

    mapping.write_text("事项: 事项名称\n承诺期限: 承诺时间\n", "utf-8")
    wrong = run_guidekit("import", data, "--source", tmp_path / "other", "--mapping", mapping)
    assert wrong.exit_code == 1
    assert "对照表 " in wrong.stderr and "第 2 行：“承诺时间”不是 guidekit 认识的" in wrong.stderr
    assert not (tmp_path / "other").exists()
    mapping.write_bytes(
        "事项: 事项名称\n承诺期限: 承诺办结时限\n".encode("gb18030")
    )  # Notepad's ANSI
    outcome = run_guidekit("import", data, "--source", tmp_path / "gbk", "--mapping", mapping)
    assert outcome.exit_code == 0, outcome.stderr
    # a full-width colon, and a list where one name goes (its YAML node was printed as it was)
    for text, line in (
        ("事项：事项名称\n", 1),
        ("承诺期限: 承诺办结时限\n事项:\n  - 事项名称\n", 2),
    ):
        mapping.write_text(text, "utf-8")
        wrong = run_guidekit("import", data, "--source", tmp_path / "other", "--mapping", mapping)
        assert f"第 {line} 行：应该每行写一个“本地列名: 全国要素名”，冒号用英文冒号" in wrong.stderr
        assert "Node" not in wrong.stderr, wrong.stderr


def test_a_file_that_is_no_record_list_gets_a_sentence(tmp_path):
    (tmp_path / "x.json").write_text('{"a": 1', "utf-8")
    outcome = run_guidekit("import", tmp_path / "x.json", "--source", tmp_path / "guides")
    assert outcome.exit_code == 1 and "x.json 第 1 行不是正确的 JSON" in outcome.stderr
    # brackets thousands deep were an internal error (RecursionError), found by a fuzzing run
    (tmp_path / "deep.json").write_text("[" * 5000 + "]" * 5000, "utf-8")
    outcome = run_guidekit("import", tmp_path / "deep.json", "--source", tmp_path / "guides")
    assert outcome.exit_code == 1 and "deep.json 里的 JSON 嵌套太深" in outcome.stderr
    assert "内部出错" not in outcome.stderr
    shutil.copy(SAMPLE_JSON, tmp_path / "x.txt")
    outcome = run_guidekit("import", tmp_path / "x.txt", "--source", tmp_path / "guides")
    assert outcome.exit_code == 1 and "不是 .json、.csv 或 .xlsx 文件" in outcome.stderr
    outcome = run_guidekit("import", tmp_path / "无.xlsx", "--source", tmp_path / "guides")
    assert (
        outcome.exit_code == 2 and "没有" in outcome.stderr and "无.xlsx 这个文件" in outcome.stderr
    )


def test_a_table_that_is_no_implementation_list_is_refused_with_a_sentence(tmp_path):
    (tmp_path / "x.csv").write_text("name,phone\n张三,12345\n", "utf-8")
    outcome = run_guidekit("import", tmp_path / "x.csv", "--source", tmp_path / "guides")
    assert outcome.exit_code == 1, outcome.stderr
    assert "x.csv 的前 5 行里没有实施清单的列名" in outcome.stderr and "--mapping" in outcome.stderr
    assert not (tmp_path / "guides").exists()
    (tmp_path / "x.xlsx").write_text("not a workbook", "utf-8")
    outcome = run_guidekit("import", tmp_path / "x.xlsx", "--source", tmp_path / "guides")
    assert outcome.exit_code == 1 and "x.xlsx 不是 Excel 工作簿" in outcome.stderr, outcome.stderr
    assert "zip" not in outcome.stderr


def test_messages_are_in_the_sites_language(tmp_path):
    source = tmp_path / "guides"
    source.mkdir()
    (source / "guidekit.toml").write_text('default_lang = "en"\n', "utf-8")
    bad = {**RECORD, "申请材料": [{"材料名称": "户口簿", "纸质材料份数": "很多"}]}
    outcome = run_guidekit("import", write_json(tmp_path / "清单.json", [bad]), "--source", source)
    assert outcome.exit_code == 1
    assert (
        "清单.json, record 1, '申请材料' item 1, '纸质材料份数': it should be a number of copies"
        in outcome.stderr
    )


def test_a_code_a_spreadsheet_turned_into_a_number_is_refused_not_imported_wrong(tmp_path):
    """Excel keeps 15 digits of a number and no leading zeros: 00011701500033010021 typed into a
    number cell came in as 实施编码 11701500033010020, and a CSV saved again by Excel holds
    1.17015E+19; both were written into guides as if right."""
    data = workbook(
        tmp_path / "清单.xlsx",
        {
            "实施清单": [
                ["事项名称", "实施编码", "基本编码", "承诺办结时限"],
                ["社保卡申领", 11701500033010021, "000117001000", "5个工作日"],
                ["医保报销", "00011701500033010022", 1.17015e19, "5个工作日"],
                ["公积金提取", "00011701500033010023", "000117003000", "即办"],
                ["居住证申领", 4401, None, "10个工作日"],  # a short number keeps every digit
            ],
            "申请材料": [
                ["实施编码", "材料名称"],
                [11701500033010023, "居民身份证"],
                ["00011701500033010023", "户口簿"],
            ],
        },
    )
    outcome = run_guidekit("import", data, "--source", tmp_path / "guides")
    assert outcome.exit_code == 1
    errors = outcome.stderr
    assert "工作表“实施清单”，第 2 行，“实施编码”列：实施编码存成了数字" in errors, errors
    assert "工作表“实施清单”，第 3 行，“基本编码”列：基本编码存成了数字" in errors
    assert "工作表“申请材料”，第 2 行，“实施编码”列：实施编码存成了数字" in errors
    assert "设成“文本”格式" in errors and "Traceback" not in errors
    guides = tmp_path / "guides" / "zh-Hans"
    assert sorted(path.name for path in guides.iterdir()) == [
        "gongjijin-tiqu.md",
        "juzhuzheng-shenling.md",
    ]
    assert "name: 户口簿" in (guides / "gongjijin-tiqu.md").read_text("utf-8")
    assert "居民身份证" not in (guides / "gongjijin-tiqu.md").read_text("utf-8")
    (tmp_path / "清单.csv").write_text("事项名称,实施编码\n婚姻登记,1.17015E+19\n", "utf-8")
    outcome = run_guidekit("import", tmp_path / "清单.csv", "--source", tmp_path / "csv")
    assert "清单.csv，第 2 行，“实施编码”列：实施编码存成了数字" in outcome.stderr, outcome.stderr
    # a JSON integer keeps every digit
    data = write_json(tmp_path / "清单.json", [{**RECORD, "实施编码": 11701500033010021}])
    outcome = run_guidekit("import", data, "--source", tmp_path / "json")
    assert outcome.exit_code == 0, outcome.stderr
    text = (tmp_path / "json" / "zh-Hans" / "juzhuzheng-shenling.md").read_text("utf-8")
    assert "implementation: '11701500033010021'" in text


def test_the_html_of_a_platforms_rich_text_cells_becomes_plain_lines(tmp_path):
    """Platforms keep 受理条件, 环节说明 and answers as rich text and export its HTML: the tags and
    &nbsp; reached the page as text a reader sees (<p>在本市居住<b>半年</b>以上；</p>)."""
    record = {
        **RECORD,
        "受理条件": "<p>在本市居住<b>半年</b>以上；</p><br/>有合法稳定就业&nbsp;",
        "办理流程": [
            {"环节名称": "受理", "环节说明": "<div>窗口收件&amp;核对</div><div>当场出具回执</div>"}
        ],
        "常见问题": [
            {"问题": "要几张照片？", "解答": "<span style='color:red'>年收入&lt;5万元的</span>免费"}
        ],
    }
    data = write_json(tmp_path / "清单.json", [record])
    outcome = run_guidekit("import", data, "--source", tmp_path / "guides")
    assert outcome.exit_code == 0, outcome.stderr
    text = (tmp_path / "guides" / "zh-Hans" / "juzhuzheng-shenling.md").read_text("utf-8")
    meta = yaml.safe_load(text.split("---")[1])
    assert meta["eligibility"] == ["在本市居住半年以上；", "有合法稳定就业"]
    assert meta["steps"] == [{"title": "受理", "detail": "窗口收件&核对\n当场出具回执"}]
    assert meta["faq"][0]["answer"] == "年收入<5万元的免费"


def test_json_as_platform_apis_answer_and_as_windows_saves_it_is_read(tmp_path):
    """A platform's API nests its records ({"code": 0, "data": {"list": [...]}}), a converter from
    XML writes a table of one row as an object, and a Windows editor saves JSON as GBK: all were
    refused or left out, the last as "少了逗号或引号"."""
    nested = {"code": 0, "msg": "成功", "errors": [], "data": {"total": 1, "list": [RECORD]}}
    data = tmp_path / "接口.json"
    data.write_bytes(json.dumps(nested, ensure_ascii=False).encode("gb18030"))
    outcome = run_guidekit("import", data, "--source", tmp_path / "guides")
    assert outcome.exit_code == 0, outcome.stderr
    assert (tmp_path / "guides" / "zh-Hans" / "juzhuzheng-shenling.md").is_file()
    text = (tmp_path / "guides" / "zh-Hans" / "juzhuzheng-shenling.md").read_text("utf-8")
    assert "name: 居民身份证" in text
    # converted from XML, a table of one row is that row, not a list
    one = {**RECORD, "实施编码": "B2", "申请材料": {"材料名称": "户口簿", "纸质材料份数": 1}}
    outcome = run_guidekit("import", write_json(data, [one]), "--source", tmp_path / "xml")
    assert outcome.exit_code == 0 and "没有导入：申请材料" not in outcome.stderr, outcome.stderr
    assert "name: 户口簿" in next((tmp_path / "xml" / "zh-Hans").iterdir()).read_text("utf-8")
    data.write_bytes(b"\xff\xfe\x00[")
    outcome = run_guidekit("import", data, "--source", tmp_path / "guides")
    assert "接口.json 既不是 UTF-8 也不是 GBK 编码" in outcome.stderr, outcome.stderr


def test_a_yes_or_no_cell_is_read_as_platforms_write_it_and_a_wrong_one_asks_for_yes_or_no(
    tmp_path,
):
    """办结时限是否含法定节假日 is answered 不含; a wrong answer was told "应该是 true 或 false（不加
    引号）", YAML's words, about a spreadsheet cell."""
    records = [
        {**RECORD, "办结时限是否含法定节假日": "不含"},
        {**RECORD, "实施编码": "B2", "事项名称": "结婚登记", "是否支持预约办理": "看情况"},
    ]
    outcome = run_guidekit(
        "import", write_json(tmp_path / "清单.json", records), "--source", tmp_path / "guides"
    )
    assert "第 2 条记录，“是否支持预约办理”：应该写 是 或 否。" in outcome.stderr, outcome.stderr
    assert "true" not in outcome.stderr
    text = (tmp_path / "guides" / "zh-Hans" / "juzhuzheng-shenling.md").read_text("utf-8")
    assert "holidays_counted: 不含" in text


def test_a_column_marked_required_or_with_a_note_is_its_element(tmp_path):
    """Provincial templates head columns *事项名称 and 实施主体（必填）: no column was read, and every
    row was refused for having no 事项名称."""
    (tmp_path / "清单.csv").write_text(
        "*事项名称,＊实施编码,实施主体（必填）,承诺办结时限 (单位：工作日)\n"
        "居住证申领,C1,青川市公安局,10个工作日\n",
        "utf-8",
    )
    outcome = run_guidekit("import", tmp_path / "清单.csv", "--source", tmp_path / "guides")
    assert outcome.exit_code == 0, outcome.stderr
    text = (tmp_path / "guides" / "zh-Hans" / "juzhuzheng-shenling.md").read_text("utf-8")
    assert "owner: 青川市公安局" in text and "promised_time_limit: 10个工作日" in text


def imported_meta(path: Path) -> dict[str, object]:
    return yaml.safe_load(path.read_text("utf-8").split("---")[1])


def test_a_table_written_as_text_in_the_record_is_read_as_its_rows(tmp_path):
    """County exports write 办理流程 as one cell, "1、申请；2、受理；3、领证。", and 申请材料 as a
    cell of lines: read from a sheet, both were dropped with no word (the column is an element),
    and from JSON they were listed as columns guidekit does not know."""
    (tmp_path / "清单.csv").write_bytes(
        "事项名称,实施编码,受理条件,办理流程,申请材料,特别程序\r\n"
        '居住证申领,C1,"1、在本县居住半年以上；2、有合法稳定住所。",'
        '1、申请人到窗口提交材料；2、窗口受理审核；３、领证。,"居民身份证\r\n居住证明",无\r\n'
        "结婚登记,C2,,办理流程如下：现场办理,居民户口簿,\r\n".encode("gb18030")
    )
    # a record's rows in the table's own file are the table; its text column only summarises them
    (tmp_path / "清单-申请材料.csv").write_text(
        "实施编码,材料名称,纸质材料份数\nC2,居民户口簿,1\nC2,照片,2\n", "utf-8"
    )
    outcome = run_guidekit("import", tmp_path / "清单.csv", "--source", tmp_path / "guides")
    assert outcome.exit_code == 0, outcome.stderr
    assert "没有导入：" not in outcome.stderr, outcome.stderr
    meta = imported_meta(tmp_path / "guides" / "zh-Hans" / "juzhuzheng-shenling.md")
    assert meta["steps"] == [
        {"title": "申请人到窗口提交材料"},
        {"title": "窗口受理审核"},
        {"title": "领证。"},
    ]
    assert meta["materials"] == [{"name": "居民身份证"}, {"name": "居住证明"}]
    assert meta["eligibility"] == ["在本县居住半年以上", "有合法稳定住所。"]
    assert "special_procedures" not in meta
    meta = imported_meta(tmp_path / "guides" / "zh-Hans" / "jiehundengji.md")
    assert meta["steps"] == [{"title": "办理流程如下：现场办理"}]
    assert meta["materials"] == [
        {"name": "居民户口簿", "copies": "1"},
        {"name": "照片", "copies": "2"},
    ]
    # a question needs its answer: such a text is told at its cell, and the rest imports
    record = {
        **RECORD,
        "办理流程": "1、网上申报\n2、窗口核验<br>3、发照",
        "常见问题": "要照片吗？要。",
    }
    outcome = run_guidekit(
        "import", write_json(tmp_path / "清单.json", [record]), "--source", tmp_path / "json"
    )
    assert outcome.exit_code == 1 and "没有导入：" not in outcome.stderr, outcome.stderr
    assert (
        "清单.json，第 1 条记录，“常见问题”：“常见问题”写成了一段文字，分不出每一项的“问题”和“解答”"
        in outcome.stderr
    )
    assert "新建 1 篇" in outcome.stderr
    meta = imported_meta(tmp_path / "json" / "zh-Hans" / "juzhuzheng-shenling.md")
    assert [step["title"] for step in meta["steps"]] == ["网上申报", "窗口核验", "发照"]
    assert "faq" not in meta


def test_a_fee_of_nothing_is_exported_as_free(tmp_path):
    """County exports write 是否收费 否 with 收费标准 0元 (or 0.00元, ０元): export wrote such a guide
    back as 是否收费 是, a charged item on the platform, and its page said 0元, not 不收费."""
    amounts = ["0元", "0.00 元", "０元", "￥0", "零元", "0"]
    records = [
        {**RECORD, "事项名称": f"事项{n}", "实施编码": f"F{n}", "收费标准": amount}
        for n, amount in enumerate(amounts)
    ]
    source = tmp_path / "guides"
    outcome = run_guidekit(
        "import", write_json(tmp_path / "清单.json", records), "--source", source
    )
    assert outcome.exit_code == 0, outcome.stderr
    outcome = run_guidekit("export", source)
    exported = {record["实施编码"]: record for record in json.loads(outcome.stdout)}
    assert [exported[f"F{n}"]["是否收费"] for n in range(len(amounts))] == ["否"] * len(amounts)
    assert [exported[f"F{n}"]["收费标准"] for n in range(len(amounts))] == amounts
    charged = {**RECORD, "是否收费": "是", "收费标准": "10元/证", "实施编码": "F9"}
    run_guidekit("import", write_json(tmp_path / "收费.json", [charged]), "--source", source)
    outcome = run_guidekit("export", source)
    assert {r["实施编码"]: r["是否收费"] for r in json.loads(outcome.stdout)}["F9"] == "是"


def test_an_empty_cell_a_row_needs_is_said_in_the_editors_words(tmp_path):
    """A 申请材料 row with its 纸质材料份数 but no 材料名称, or a question without its 解答, was
    told "Field required", pydantic's English, in a Chinese message; a fee without its 收费标准
    was also told at a cell of the records' file, which has no such column."""
    (tmp_path / "清单.csv").write_text("事项名称,实施编码\n居住证申领,C1\n结婚登记,C2\n", "utf-8")
    (tmp_path / "清单-申请材料.csv").write_text("实施编码,材料名称,纸质材料份数\nC1,,1\n", "utf-8")
    (tmp_path / "清单-常见问题.csv").write_text("实施编码,问题,解答\nC2,要照片吗？,\n", "utf-8")
    # fees is text or a table: the text's refusal of the table named a 收费标准 cell of 清单.csv
    (tmp_path / "清单-收费项目.csv").write_text(
        "实施编码,收费项目名称,收费标准\nC1,工本费,\n", "utf-8"
    )
    outcome = run_guidekit("import", tmp_path / "清单.csv", "--source", tmp_path / "guides")
    assert outcome.exit_code == 1
    assert "清单-收费项目.csv，第 2 行，“收费标准”列：这里要写“收费标准”" in outcome.stderr
    assert "清单.csv，第 2 行" not in outcome.stderr and "应该是" not in outcome.stderr
    assert "Field" not in outcome.stderr, outcome.stderr
    assert (
        "清单-申请材料.csv，第 2 行，“材料名称”列：这里要写“材料名称”，不能空着。"
        "这个事项没有导入，改好后重新导入。" in outcome.stderr
    ), outcome.stderr
    assert "清单-常见问题.csv，第 2 行，“解答”列：这里要写“解答”，不能空着。" in outcome.stderr


def test_a_charge_with_no_amount_is_told_at_its_cell_and_the_guide_imports(tmp_path):
    """是否收费 是 with no 收费标准 and no 收费项目 rows imported with no fees at all, and export
    left 是否收费 out: that the item charges was lost both ways, with no word."""
    (tmp_path / "清单.csv").write_text(
        "事项名称,实施编码,是否收费,收费标准\n居住证申领,C1,是,\n结婚登记,C2,是,\n", "utf-8"
    )
    (tmp_path / "清单-收费项目.csv").write_text(
        "实施编码,收费项目名称,收费标准\nC2,工本费,9元/证\n", "utf-8"
    )
    source = tmp_path / "guides"
    outcome = run_guidekit("import", tmp_path / "清单.csv", "--source", source)
    assert outcome.exit_code == 1, outcome.stderr
    assert (
        "清单.csv，第 2 行，“是否收费”列：是否收费写的是“是”，可是没有写收费标准" in outcome.stderr
    ), outcome.stderr
    assert "清单.csv，第 3 行" not in outcome.stderr  # its fees are in 收费项目
    assert "新建 2 篇" in outcome.stderr and "1 篇导入了，但有要核对的地方" in outcome.stderr
    assert "有错没有导入" not in outcome.stderr
    assert "fees" not in imported_meta(source / "zh-Hans" / "juzhuzheng-shenling.md")


def test_a_record_that_says_free_and_describes_a_charge_is_told_at_its_cell(tmp_path):
    """是否收费 否 with 收费标准 按照…标准收取 imported without comment and was exported as 是否收费
    是: the two cells contradict each other, and one of them is wrong on the platform."""
    records = [
        {**RECORD, "收费标准": "按照省物价局核定标准收取，每证10元"},
        {**RECORD, "实施编码": "B2", "事项名称": "结婚登记", "是否收费": "是"},
        {**RECORD, "实施编码": "B3", "事项名称": "出生登记", "收费标准": "0元"},
        {
            **{key: value for key, value in RECORD.items() if key != "收费标准"},
            **{"实施编码": "B4", "事项名称": "户口迁移"},
            "收费项目": [{"收费项目名称": "工本费", "收费标准": "9元/证"}],
        },
    ]
    source = tmp_path / "guides"
    data = write_json(tmp_path / "清单.json", records)
    outcome = run_guidekit("import", data, "--source", source)
    assert outcome.exit_code == 1, outcome.stderr
    errors = outcome.stderr
    assert (
        "清单.json，第 1 条记录，“是否收费”：是否收费写的是“否”，"
        "收费标准写的却是“按照省物价局核定标准收取，每证10元”" in errors
    ), errors
    assert "第 2 条记录，“是否收费”：是否收费写的是“是”，收费标准写的却是“不收费”" in errors
    assert "第 3 条记录" not in errors
    assert "第 4 条记录，“是否收费”：是否收费写的是“否”，收费标准写的却是“9元/证”" in errors
    assert "新建 4 篇" in errors and "3 篇导入了，但有要核对的地方" in errors
    meta = imported_meta(source / "zh-Hans" / "juzhuzheng-shenling.md")
    assert meta["fees"] == "按照省物价局核定标准收取，每证10元"
    # messages in the site's language
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "guidekit.toml").write_text('default_lang = "en"\n', "utf-8")
    outcome = run_guidekit("import", data, "--source", tmp_path / "en")
    assert "清单.json, record 1, '是否收费': 是否收费 says 否" in outcome.stderr, outcome.stderr


def test_a_required_column_missing_from_the_header_is_told_once_at_the_header(tmp_path):
    """A file with no 事项名称 column gave one "这一行没有“事项名称”" a row: 2,000 identical
    errors for a file of 2,000 rows, and none at the header where the column is missing."""
    rows = "".join(f"C{n},青川市公安局\n" for n in range(30))
    (tmp_path / "清单.csv").write_text("实施编码,实施主体\n" + rows, "utf-8")
    # with no records, the tables' rows name no item there is: not told a row each either
    materials = "".join(f"C{n},居民身份证\n" for n in range(30))
    (tmp_path / "清单-申请材料.csv").write_text("实施编码,材料名称\n" + materials, "utf-8")
    outcome = run_guidekit("import", tmp_path / "清单.csv", "--source", tmp_path / "guides")
    assert outcome.exit_code == 1
    errors = outcome.stderr
    assert "清单.csv，第 1 行：表头没有“事项名称”列，下面的 30 行都没有导入" in errors, errors
    assert "这一行没有" not in errors and "有错没有导入的：30 个事项。" in errors, errors
    # a table's rows with no 实施编码 column
    (tmp_path / "清单.csv").write_text("事项名称,实施编码\n居住证申领,C1\n", "utf-8")
    (tmp_path / "清单-申请材料.csv").write_text("材料名称\n居民身份证\n户口簿\n", "utf-8")
    outcome = run_guidekit("import", tmp_path / "清单.csv", "--source", tmp_path / "guides")
    errors = outcome.stderr
    assert (
        "清单-申请材料.csv，第 1 行：表头没有“实施编码”列，下面的 2 行不知道属于哪个事项" in errors
    )
    assert "这一行没有" not in errors and "新建 1 篇" in errors, errors
    assert "有错没有导入的：各表（申请材料等）里的 2 行。" in errors, errors
    # a workbook's header under a title row: told at the header's own row
    data = workbook(
        tmp_path / "清单.xlsx",
        {"实施清单": [["青川市实施清单"], ["事项名称", "实施主体"], ["居住证申领", "公安局"]]},
    )
    outcome = run_guidekit("import", data, "--source", tmp_path / "xlsx")
    assert "清单.xlsx，工作表“实施清单”，第 2 行：表头没有“实施编码”列" in outcome.stderr
    assert "有错没有导入的：1 个事项。" in outcome.stderr, outcome.stderr


def summary_line(stderr: str) -> str:
    """The import's closing line."""
    return next(
        line
        for line in stderr.splitlines()
        if line.startswith(("导入完成", "匯入完成", "Import done"))
    )


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "zh-Hans",
            "导入完成：新建 2 篇，更新 0 篇，没有改动 0 篇，跳过 0 篇。1 篇导入了，但有要核对的地方，"
            "见上面的提示。有错没有导入的：1 个事项、各表（申请材料等）里的 1 行。请按上面的提示改好，再导入。",
        ),
        (
            "zh-Hant",
            "匯入完成：新建 2 篇，更新 0 篇，沒有改動 0 篇，跳過 0 篇。1 篇匯入了，但有要核對的地方，"
            "見上面的提示。有錯沒有匯入的：1 個事項、各表（申請材料等）裡的 1 列。請按上面的提示改好，再匯入。",
        ),
        (
            "en",
            "Import done: 2 created, 0 updated, 0 unchanged, 0 skipped. 1 guide was imported with "
            "something to check: see the notes above. Not imported because of errors: 1 item, 1 row "
            "of the tables (申请材料 and the like). Correct them as shown above and import again.",
        ),
    ],
)
def test_the_closing_line_tells_imported_imported_to_check_and_not_imported_apart(
    tmp_path, lang, said
):
    """A record imported with a note (是否收费 是, no 收费标准) was counted in "2 处有错没有导入"
    beside "新建 3 篇": the editor read that two items were missing which were in the folder."""
    (tmp_path / "清单.csv").write_text(
        "事项名称,实施编码,是否收费\n居住证申领,C1,是\n结婚登记,C2,否\n,C3,否\n", "utf-8"
    )
    (tmp_path / "清单-申请材料.csv").write_text(
        "实施编码,材料名称\nC1,居民身份证\nC9,照片\n", "utf-8"
    )
    source = tmp_path / "guides"
    source.mkdir()
    (source / "guidekit.toml").write_text(f'default_lang = "{lang}"\n', "utf-8")
    outcome = run_guidekit("import", tmp_path / "清单.csv", "--source", source)
    assert outcome.exit_code == 1, outcome.stderr
    assert summary_line(outcome.stderr) == said, outcome.stderr
    assert len(list((source / "zh-Hans").iterdir())) == 2


def test_the_closing_line_of_an_import_with_nothing_wrong_says_so(tmp_path):
    data = write_json(tmp_path / "清单.json", [RECORD])
    source = tmp_path / "guides"
    outcome = run_guidekit("import", data, "--source", source)
    assert summary_line(outcome.stderr) == (
        "导入完成：新建 1 篇，更新 0 篇，没有改动 0 篇，跳过 0 篇。表格里没有出错的地方。"
    )
    # an item skipped is not imported: its notes, which say it was, are not told
    charged = {**RECORD, "是否收费": "是"}
    outcome = run_guidekit("import", write_json(data, [charged]), "--source", source)
    assert outcome.exit_code == 0, outcome.stderr
    assert "照常导入" not in outcome.stderr
    assert summary_line(outcome.stderr).endswith("跳过 1 篇。表格里没有出错的地方。")
    outcome = run_guidekit("import", data, "--source", source, "--update")
    assert summary_line(outcome.stderr) == (
        "导入完成：新建 0 篇，更新 0 篇，没有改动 1 篇，跳过 0 篇。"
        "1 篇导入了，但有要核对的地方，见上面的提示。"
    ), outcome.stderr


def test_an_item_not_imported_is_not_also_told_it_imported(tmp_path):
    """An item refused for a bad cell was also told "这个事项照常导入" of its 是否收费 and "这个事项的
    其他内容照常导入" of its 常见问题 text."""
    record = {**RECORD, "是否收费": "是", "收费标准": None, "常见问题": "要照片吗？要。"}
    bad = {**record, "实施编码": "B2", "事项名称": "结婚登记", "是否支持预约办理": "看情况"}
    outcome = run_guidekit(
        "import", write_json(tmp_path / "清单.json", [record, bad]), "--source", tmp_path / "g"
    )
    errors = outcome.stderr
    assert errors.count("第 1 条记录") == 2 and "第 2 条记录，“是否支持预约办理”" in errors, errors
    assert errors.count("第 2 条记录") == 1, errors


def test_a_json_record_without_its_name_is_told_once_by_its_number_and_code(tmp_path):
    records = [
        RECORD,
        {"实施编码": "0002", "实施主体": "民政局", "常见问题": "要照片吗？要。"},
        {"事项名称": "", "实施编码": "0003"},
        {"基本编码": "000117", "实施主体": "人社局"},
        {},
    ]
    errors = refused_import(tmp_path, records)
    assert (
        "清单.json，第 2 条记录（实施编码 0002），“事项名称”：这条记录没有“事项名称”，没有导入。"
        "请给它加上“事项名称”，再导入。" in errors
    ), errors
    assert "第 3 条记录（实施编码 0003），“事项名称”：这条记录没有“事项名称”" in errors
    assert (
        "第 4 条记录（基本编码 000117），“事项名称”：这条记录没有“事项名称”和“实施编码”，没有导入。"
        in errors
    )
    assert "清单.json，第 5 条记录，“事项名称”：这条记录没有“事项名称”和“实施编码”" in errors
    assert "这一行" not in errors and "照常导入" not in errors, errors
    for number in range(2, 6):
        assert errors.count(f"第 {number} 条记录") == 1, errors
    assert "有错没有导入的：4 个事项。" in errors
    # a spreadsheet row without its code is named by its item
    (tmp_path / "清单.csv").write_text("事项名称,实施编码\n居住证申领,C1\n结婚登记,\n", "utf-8")
    outcome = run_guidekit("import", tmp_path / "清单.csv", "--source", tmp_path / "csv")
    assert (
        "清单.csv，第 3 行（事项名称 结婚登记），“实施编码”列：这一行没有“实施编码”，没有导入。"
        "请在这一格填上实施编码，再导入。" in outcome.stderr
    ), outcome.stderr


def test_a_json_export_whose_records_all_lack_a_name_is_told_once(tmp_path):
    """No record holds 事项名称: a local key the mapping would name, told once and not per record
    (as a header missing its column is)."""
    records = [{"sxmc": f"事项{n}", "实施编码": f"C{n}"} for n in range(30)]
    outcome = run_guidekit(
        "import", write_json(tmp_path / "清单.json", records), "--source", tmp_path / "g"
    )
    assert outcome.exit_code == 1
    errors = outcome.stderr
    assert "清单.json：没有一条记录有“事项名称”，30 条记录都没有导入。" in errors, errors
    assert "--mapping" in errors and "条记录（" not in errors, errors
    assert "有错没有导入的：30 个事项。" in errors


def test_a_table_sheet_without_its_header_row_is_told_at_the_sheet(tmp_path):
    """A 申请材料 sheet whose rows start at row 1, with no header, was dropped with no word: the
    guides came without their materials and the import said 0 处有错."""
    data = workbook(
        tmp_path / "清单.xlsx",
        {
            "实施清单": [["事项名称", "实施编码"], ["居住证申领", "A1"], ["结婚登记", "A2"]],
            "申请材料": [["A1", "居民身份证", 1], ["A2", "户口簿", 1], [None, None, None]],
        },
    )
    outcome = run_guidekit("import", data, "--source", tmp_path / "guides")
    assert outcome.exit_code == 1, outcome.stderr
    errors = outcome.stderr
    assert (
        "清单.xlsx，工作表“申请材料”，第 1 行：这张表没有表头（前 5 行里没有 guidekit 认识的列名），"
        "它的 2 行都没有导入。请在最上面插入一行表头，写上每一列的名称，例如“实施编码”“材料名称”"
        in errors
    ), errors
    assert "再用 --update 导入" in errors
    assert "各表（申请材料等）里的 2 行" in summary_line(errors)
    # an empty table sheet says nothing
    data = workbook(
        tmp_path / "空.xlsx",
        {"实施清单": [["事项名称", "实施编码"], ["居住证申领", "A1"]], "申请材料": []},
    )
    outcome = run_guidekit("import", data, "--source", tmp_path / "empty")
    assert outcome.exit_code == 0, outcome.stderr
    # the records' own sheet: named, and the file not imported
    data = workbook(tmp_path / "主表.xlsx", {"实施清单": [["居住证申领", "A1"]]})
    outcome = run_guidekit("import", data, "--source", tmp_path / "main")
    assert outcome.exit_code == 1
    assert "主表.xlsx，工作表“实施清单”：前 5 行里没有实施清单的列名" in outcome.stderr
    assert "插入一行表头" in outcome.stderr, outcome.stderr
    # a CSV table file
    (tmp_path / "清单.csv").write_text("事项名称,实施编码\n居住证申领,C1\n", "utf-8")
    (tmp_path / "清单-办理流程.csv").write_text("C1,受理\n", "utf-8")
    outcome = run_guidekit("import", tmp_path / "清单.csv", "--source", tmp_path / "csv")
    assert "清单-办理流程.csv，第 1 行：这张表没有表头" in outcome.stderr, outcome.stderr
    assert "“实施编码”“环节名称”" in outcome.stderr


def test_columns_and_sheets_left_out_are_told_where_they_are(tmp_path):
    data = workbook(
        tmp_path / "清单.xlsx",
        {
            "实施清单": [["事项名称", "实施编码", "行使层级"], ["居住证申领", "A1", "市级"]],
            "Sheet2": [["实施编码", "x"], ["A1", 1]],
        },
    )
    outcome = run_guidekit("import", data, "--source", tmp_path / "guides")
    errors = outcome.stderr
    assert "清单.xlsx，工作表“实施清单”，第 1 行：这些列不是 guidekit 读取的实施清单要素" in errors
    assert "清单.xlsx，工作表“Sheet2”：这张表不是 guidekit 读取的实施清单表" in errors, errors


def test_a_json_code_that_is_not_text_is_refused_not_written_as_python(tmp_path):
    """A converter that wrote 实施编码 as {"value": "…"} had its record imported with the code
    {'value': '…'}, Python's text of the object, and the import said nothing."""
    records = [
        {**RECORD, "实施编码": {"value": "0001170080003301"}},
        {**RECORD, "实施编码": "A2", "基本编码": ["000117008000"]},
        {**RECORD, "实施编码": True},
        {**RECORD, "实施编码": "A4"},
    ]
    errors = refused_import(tmp_path, records)
    assert (
        "清单.json，第 1 条记录，“实施编码”：实施编码应该是一段文字，像平台导出的 "
        '"0001170080003301" 这样，这里却不是，没有导入。' in errors
    ), errors
    assert "第 2 条记录，“基本编码”：基本编码应该是一段文字" in errors, errors
    assert "第 3 条记录，“实施编码”：实施编码应该是一段文字" in errors, errors
    assert "有错没有导入的：3 个事项。" in errors, errors
    assert "'value'" not in errors and "True" not in errors, errors
    written = "".join(path.read_text("utf-8") for path in (tmp_path / "g").rglob("*.md"))
    assert "{'" not in written and "['" not in written, written
