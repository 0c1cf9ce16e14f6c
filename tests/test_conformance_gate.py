"""A checked build writes the accessibility statement (which passes the gate like every page),
openacr.yaml and earl.jsonld; a waived finding is a dated non-conformity in all three. Needs
Chromium."""

from __future__ import annotations

import base64
import datetime as dt
import json

import yaml

from guidekit.build import build
from guidekit.conformance import EARL_FILE, OPENACR_FILE
from guidekit.gate.waivers import Waiver

from .conftest import guide, run_guidekit, write_site

PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
WAIVER = Waiver(
    rule="guidekit:image-alt",
    file="zh-Hans/door.md",
    owner="王芳",
    reason="摄影组下周补上图片说明",
    expires=dt.date.today() + dt.timedelta(days=30),
)


def test_a_checked_build_publishes_the_statement_and_the_reports_with_the_waiver_in_all_three(
    tmp_path, monkeypatch
):
    contact = '[contact]\nemail = "wza@example.gov.cn"\nphone = "12345"\n'
    source = write_site(
        tmp_path / "guides",
        {
            "guidekit.toml": "gallery = false\nways_in = false\n" + contact,
            "zh-Hans/door.md": guide(
                "办事大厅门口：\n\n![](../images/door.png)\n", title="找到办事大厅"
            ),
            "images/door.png": PIXEL,
            "conformance.toml": '[[review]]\ncriterion = "1.3.1"\nresult = "supports"\nreviewer = '
            '"李明"\ndate = 2026-11-20\n',
        },
    )
    out = tmp_path / "site"
    result = build(source, out, jobs=2, waivers=[WAIVER])
    blocking = [finding for finding in result.findings if finding.blocking]
    assert result.published and {finding.rule for finding in blocking} == {
        "guidekit:image-alt"
    }  # waived, not blocking
    statements = sorted(
        path.relative_to(out).as_posix() for path in out.rglob("accessibility/*.html")
    )
    assert (
        len(statements) == 6 and result.gate["browser_pages"] == result.pages == 12
    )  # the gate checked them all (the guide's short version too)

    statement = (out / "accessibility" / "zh-Hans.html").read_text("utf-8")
    today = dt.date.today().isoformat()
    assert (
        "摄影组下周补上图片说明" in statement
        and f"{today} 记录" in statement
        and WAIVER.expires.isoformat() in statement
    )
    assert "1.1.1 非文本内容" in statement and 'href="mailto:wza@example.gov.cn"' in statement

    report = yaml.safe_load((out / OPENACR_FILE).read_text("utf-8"))
    criteria = {
        entry["num"]: entry["components"][0]["adherence"]
        for chapter in report["chapters"].values()
        for entry in chapter["criteria"]
    }
    assert (
        criteria["1.1.1"]["level"] == "partially-supports"
        and "摄影组下周补上图片说明" in criteria["1.1.1"]["notes"]
    )
    assert (
        criteria["1.3.1"]["level"] == "supports" and criteria["3.3.7"]["level"] == "not-evaluated"
    )

    graph = json.loads((out / EARL_FILE).read_text("utf-8"))["@graph"]
    assertions = [node for node in graph if node.get("@type") == "earl:Assertion"]
    assert all(node["earl:mode"]["@id"] in {"earl:automatic", "earl:manual"} for node in assertions)
    failed = {
        (node["earl:subject"]["@id"], node["earl:mode"]["@id"])
        for node in assertions
        if node["earl:result"]["earl:outcome"]["@id"] == "earl:failed"
    }
    assert failed == {
        ("../zh-Hans/door.html", "earl:automatic"),
        ("../silver/zh-Hans/door.html", "earl:automatic"),
        ("../", "earl:manual"),
    }
    subjects = {node["dct:source"] for node in graph if "dct:source" in node}
    assert subjects == {path.relative_to(out).as_posix() for path in out.rglob("*.html")}

    # the report command gives the same bytes for the same site, reviews and waivers; the gate's
    # cache answers for every page, so no browser starts
    (tmp_path / "waivers.toml").write_text(
        f'[[waiver]]\nrule = "{WAIVER.rule}"\nfile = "{WAIVER.file}"\nowner = "{WAIVER.owner}"\n'
        f'reason = "{WAIVER.reason}"\nexpires = {WAIVER.expires.isoformat()}\n',
        "utf-8",
    )
    monkeypatch.setenv("GUIDEKIT_CHROMIUM", str(tmp_path / "no-browser-here"))

    def report(into: str):
        return run_guidekit(
            "report",
            "conformance",
            out,
            "--source",
            source,
            "--out",
            tmp_path / into,
            "--waivers",
            tmp_path / "waivers.toml",
        )

    outcome = report("report")
    assert outcome.exit_code == 0, outcome.stderr
    written = sorted(
        path.relative_to(tmp_path / "report").as_posix()
        for path in (tmp_path / "report").rglob("*")
        if path.is_file()
    )
    assert written == sorted(statements + [OPENACR_FILE, EARL_FILE])
    assert all(
        (tmp_path / "report" / path).read_bytes() == (out / path).read_bytes() for path in written
    )

    # the same site as a build on 2026-11-10 left it, reported on today: dated by that build, the
    # review of 2026-11-20 was refused as recorded after the report, and the statement named a day
    # on which this check did not run (an outside audit)
    openacr = out / OPENACR_FILE
    openacr.write_text(openacr.read_text("utf-8").replace(f"'{today}'", "'2026-11-10'"), "utf-8")
    later = report("later")
    assert later.exit_code == 0, later.stdout + later.stderr
    method = (tmp_path / "later" / "accessibility" / "zh-Hans.html").read_text("utf-8")
    assert f"<p>{today}，在 Chromium 浏览器里检查了这个网站的全部 12 个页面" in method
