"""Read-aloud in Chromium, with speechSynthesis replaced by a test double that records every
utterance: what is read (the whole guide: materials with their names, steps with their bodies, phone
numbers digit by digit), in which order and language, the controls (focus kept, state announced),
the sentence highlight, no layout shift, and a plain sentence where the device has no voice for the
page's language. One browser for the module."""

from __future__ import annotations

import asyncio

import pytest
from playwright.async_api import async_playwright

from guidekit.build import build
from guidekit.gate.browser import launch
from tests.conftest import guide, write_site

BODY = """\
先在网上预约。再带身份证去网点！

不懂就打 12333 问。押金 12350 元。

窗口办公时间：周一至周五 8:30—12:00，13:30-17:00。一般 3～5 个工作日办好，人民路 100-2 号也能办。新规定 2026-10-15 起施行。

也有英文版：[Social security card](https://example.gov.cn/qingchuan/en){lang=en}。

依据：[Decree No. 12 of 2017, e.g. Art. 5](https://example.gov.cn/decree){lang=en}。

::: details 忘记密码怎么办？
带身份证到网点重置，不收费。
:::

## 办理地点

青川市社保服务中心，人民路 100 号。

| 方式 | 多久拿到 |
| --- | --- |
| 窗口 | 当场 |
| 网上 | 5 个工作日 |

窗口一般要排队。早上人少一些。请先取号再等候。叫到号再去窗口。材料要按顺序放好。原件和复印件分开放。不懂可以问工作人员。办完记得拿回原件。离开前再看一遍材料。有问题可以打电话问。
"""
FIELDS = """\
materials:
  - {name: 居民身份证, form: original, copies: 1, source: 自己带}
  - {name: 户口簿, form: copy, copies: 1, source: 自己带}
steps:
  - {title: 预约, detail: 打电话或在网上预约时间。}
  - {title: 去网点, detail: 带上材料，到窗口交给工作人员。}
places:
  - {name: 青川市社保服务中心, address: 人民路 100 号, phone: 0571-88216300}
"""

# The double speaks nothing: an utterance "ends" when the test says so, so every state can be
# looked at.
SPEECH_DOUBLE = """
(() => {
  const voices = %s;
  const log = [];
  let current = null;
  const synth = {
    paused: false,
    getVoices: () => voices,
    speak(utterance) { current = utterance; log.push({ text: utterance.text, lang: utterance.lang, voice: utterance.voice && utterance.voice.name }); },
    pause() { log.push("pause"); },
    resume() { log.push("resume"); },
    cancel() { if (current) log.push("cancel"); current = null; },
    addEventListener() {},
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth });
  // real utterances accept only the browser's own voice objects
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ""; this.voice = null; } };
  window.__speech = { log, finish() { const u = current; current = null; u.onend(new Event("end")); } };
})();
"""
# Chrome and Firefox on Android: pause() ends the utterance (as cancel() does) and resume() does
# nothing (MDN browser-compat-data, SpeechSynthesis.pause).
ANDROID_PAUSE = """
(() => {
  const synth = window.speechSynthesis;
  synth.pause = () => { window.__speech.log.push("pause"); window.__speech.finish(); };
  synth.resume = () => { window.__speech.log.push("resume"); };
})();
"""
VOICES = (
    '[{"name": "net", "lang": "zh-CN", "localService": false}, {"name": "local", "lang": '
    '"zh-CN", "localService": true}, {"name": "en", "lang": "en-US", "localService": true}]'
)


# The highlighted sentence and whether it is in the window (all of it, or its top when it is taller
# than the window; a pixel's rounding aside); null once reading has ended
HIGHLIGHT_IN_WINDOW = """() => {
  const range = [...CSS.highlights.get("gk-reading")][0];
  if (!range) return null;
  const box = range.getBoundingClientRect();
  return [String(range), box.top >= -1 && (box.bottom <= innerHeight + 1 || box.height > innerHeight)];
}"""


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    root = write_site(
        tmp_path_factory.mktemp("read-aloud") / "guides", {"card.md": guide(BODY, fields=FIELDS)}
    )
    assert build(root, root.parent / "site", check=False).published
    return (root.parent / "site" / "silver" / "card.html").as_uri()


async def _session(page_file: str) -> dict:
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            facts = {}
            page = await browser.new_page()
            await page.add_init_script(SPEECH_DOUBLE % VOICES)
            await page.goto(page_file)
            group = page.get_by_role("group", name="朗读")
            facts["tree"] = await group.aria_snapshot()
            await page.get_by_role("button", name="朗读本页").focus()
            await page.keyboard.press("Enter")
            facts["first"] = await page.evaluate("() => window.__speech.log.slice()")
            facts["highlighted"] = await page.evaluate(
                "() => [...document.querySelectorAll('.gk-reading')].map((e) => e.textContent)"
            )
            facts["sentence_highlight"] = await page.evaluate(
                "() => [...CSS.highlights.get('gk-reading')].map(String)"
            )
            await page.get_by_role("button", name="暂停").focus()
            await page.keyboard.press("Enter")
            facts["paused_tree"] = await group.aria_snapshot()
            facts["focus_after_pause"] = await page.evaluate(
                "() => document.activeElement.textContent"
            )
            await page.get_by_role("button", name="继续朗读").click()
            facts["log"] = await _read_to_the_end(page)
            facts["answer_opened"] = await page.evaluate(
                "() => document.querySelector('main details').open"
            )
            facts["highlight_after"] = await page.evaluate(
                "() => document.querySelectorAll('.gk-reading').length"
            )
            facts["finished_tree"] = await group.aria_snapshot()
            await page.reload()
            await page.get_by_role("button", name="朗读本页").click()
            await page.get_by_role("button", name="停止").focus()
            await page.keyboard.press("Enter")
            facts["stopped"] = await page.evaluate(
                "() => [window.__speech.log, document.querySelectorAll('.gk-reading').length]"
            )
            facts["focus_after_stop"] = await page.evaluate(
                "() => document.activeElement.textContent"
            )
            silent = await browser.new_page()
            await silent.add_init_script(
                SPEECH_DOUBLE % '[{"name": "en", "lang": "en-US", "localService": true}]'
            )
            await silent.goto(page_file)
            facts["without_voice"] = await silent.get_by_role("group", name="朗读").aria_snapshot()
            # an in-app browser without speech at all: no voice to add, another browser to open
            speechless = await browser.new_page()
            await speechless.add_init_script(
                "Object.defineProperty(window, 'speechSynthesis', { value: undefined });"
            )
            await speechless.goto(page_file)
            facts["without_speech"] = await speechless.get_by_role(
                "group", name="朗读"
            ).aria_snapshot()
            android = await browser.new_page()
            await android.add_init_script(SPEECH_DOUBLE % VOICES)
            await android.add_init_script(ANDROID_PAUSE)
            await android.goto(page_file)
            await android.get_by_role("button", name="朗读本页").click()
            await android.get_by_role("button", name="暂停").click()
            paused = await android.evaluate("() => window.__speech.log.slice()")
            await android.get_by_role("button", name="继续朗读").click()
            facts["android"] = (paused, await android.evaluate("() => window.__speech.log"))
            # a browser without Element.checkVisibility (Safari before 17.4, Chrome before 105)
            old = await browser.new_page()
            await old.add_init_script(SPEECH_DOUBLE % VOICES)
            await old.add_init_script("delete Element.prototype.checkVisibility;")
            errors = []
            old.on("pageerror", lambda error: errors.append(str(error)))
            await old.goto(page_file)
            await old.get_by_role("button", name="朗读本页").click()
            facts["old_browser"] = (await _read_to_the_end(old), errors)
            # 400 % zoom of a 1280 x 1024 screen: each sentence read is in the window, the last
            # paragraph's too, which is taller than the window
            zoomed = await browser.new_page(viewport={"width": 320, "height": 256})
            await zoomed.add_init_script(SPEECH_DOUBLE % VOICES)
            await zoomed.goto(page_file)
            await zoomed.get_by_role("button", name="朗读本页").click()
            facts["zoomed"] = []
            while where := await zoomed.evaluate(HIGHLIGHT_IN_WINDOW):
                facts["zoomed"].append(where)
                await zoomed.evaluate("() => window.__speech.finish()")
            # where the script has not run yet, the bar's place is already kept: showing it moves
            # nothing
            late = await browser.new_page()
            await late.route("**/guidekit.js", lambda route: route.abort())
            await late.goto(page_file)
            shown = await browser.new_page()
            await shown.add_init_script(SPEECH_DOUBLE % VOICES)
            await shown.goto(page_file)
            lead_top = "() => document.querySelector('.gk-lead').getBoundingClientRect().top"
            facts["lead_top"] = (await late.evaluate(lead_top), await shown.evaluate(lead_top))
            # the gate's walk through every sentence leaves the answers as they were
            facts["closed_after_walk"] = await shown.evaluate(
                "() => { window.__guidekitReadAlong(); return !document.querySelector('main details').open; }"
            )
        finally:
            await browser.close()
    return facts


async def _read_to_the_end(page) -> list:
    """Ends each utterance until reading stops; the double's log."""
    for _ in range(80):
        if await page.evaluate(
            "() => document.querySelector('[data-gk-speech=stop]').getAttribute('aria-disabled') === 'false'"
        ):
            await page.evaluate("() => window.__speech.finish()")
        else:
            break
    return await page.evaluate("() => window.__speech.log")


@pytest.fixture(scope="module")
def session(page_file):
    return asyncio.run(_session(page_file))


def test_reading_starts_with_the_title_in_the_page_language_with_a_local_voice(session):
    assert session["first"] == [{"text": "申领社会保障卡", "lang": "zh-Hans", "voice": "local"}]
    assert session["highlighted"] == ["申领社会保障卡"]
    assert session["sentence_highlight"] == ["申领社会保障卡"], (
        "the sentence itself is highlighted (CSS highlight: no layout change)"
    )


def test_the_whole_guide_is_read_in_order_in_sentences(session):
    spoken = [entry["text"] for entry in session["log"] if isinstance(entry, dict)]
    # the title twice: reading was paused in it, and resuming reads the sentence again
    assert spoken[:3] == ["申领社会保障卡", "申领社会保障卡", "带身份证到网点办理，不收费。"]
    assert spoken.index("先在网上预约。") + 1 == spoken.index("再带身份证去网点！")
    assert (
        spoken.index("再带身份证去网点！")
        < spoken.index("办理地点")
        < spoken.index("青川市社保服务中心，人民路 100 号。")
    )
    assert not any(text in ("朗读本页", "暂停", "停止") for text in spoken), (
        "the controls are not read"
    )
    assert session["highlight_after"] == 0, "the highlight goes when reading ends"


def test_a_phrase_marked_in_another_language_is_read_in_that_language_and_its_voice(session):
    """The English link's text was read by the Chinese voice, in one utterance with its sentence
    (and Chinese in an English page by the English voice): its lang attribute was ignored."""
    entries = [entry for entry in session["log"] if isinstance(entry, dict)]
    at = next(i for i, entry in enumerate(entries) if entry["text"].startswith("也有英文版"))
    assert entries[at : at + 2] == [
        {"text": "也有英文版：", "lang": "zh-Hans", "voice": "local"},
        {"text": "Social security card。", "lang": "en", "voice": "en"},
    ]


def test_an_abbreviation_before_a_number_does_not_end_the_sentence(session):
    """An English reference was read as "Decree No." and "12 of 2017": two utterances, a pause
    where the sentence goes on."""
    spoken = [entry["text"] for entry in session["log"] if isinstance(entry, dict)]
    assert "Decree No. 12 of 2017, e.g. Art. 5。" in spoken, spoken


def test_a_closed_answer_is_read_after_its_question_and_shown_open(session):
    """A listener cannot open a <details>: an outside audit heard five questions and no answer."""
    spoken = [entry["text"] for entry in session["log"] if isinstance(entry, dict)]
    assert spoken.index("带身份证到网点重置，不收费。") == spoken.index("忘记密码怎么办？") + 1
    assert session["answer_opened"], "the answer read is shown to whoever follows the highlight"
    assert session["closed_after_walk"], "the gate's checks after the walk see the page as it was"


def test_a_browser_without_check_visibility_reads_the_same(session):
    """Older phones' browsers lack Element.checkVisibility: the script threw there, and pressing the
    button read nothing."""
    read, errors = session["old_browser"]
    assert errors == []
    assert read == [entry for entry in session["log"] if isinstance(entry, dict)][1:]


def test_every_material_is_read_with_its_name_and_every_step_with_its_body(session):
    spoken = [entry["text"] for entry in session["log"] if isinstance(entry, dict)]
    for name in ("居民身份证", "户口簿"):
        assert (
            spoken[spoken.index(name) + 1].endswith("1 份")
            and spoken[spoken.index(name) + 2] == "从哪里拿：自己带"
        )
    assert spoken.index("第 1 步，共 2 步：预约") + 1 == spoken.index("打电话或在网上预约时间。")
    assert spoken.index("第 2 步，共 2 步：去网点") + 1 == spoken.index(
        "带上材料，到窗口交给工作人员。"
    )
    assert "0 5 7 1, 8 8 2 1 6 3 0 0" in spoken, "a phone number is read digit by digit"
    # a hotline (12333, 12345: every public-service line is 123xx) is a number to dial, not twelve
    # thousand three hundred and thirty-three; an amount stays an amount
    assert "不懂就打 1 2 3 3 3 问。" in spoken and "押金 12350 元。" in spoken


def test_a_range_is_read_from_one_number_to_the_other(session):
    """Opening hours went to the voice as written, "8:30—12:00": a dash between numbers is silent in
    some voices and "minus" (减) in others. An address's "100-2 号" is not a range, and a date is
    said as a Chinese voice says dates."""
    spoken = [entry["text"] for entry in session["log"] if isinstance(entry, dict)]
    assert "窗口办公时间：周一至周五 8:30 至 12:00，13:30 至 17:00。" in spoken, spoken
    assert "一般 3 至 5 个工作日办好，人民路 100-2 号也能办。" in spoken, spoken
    # a date was a number to dial: "2 0 2 6, 1 0, 1 5"
    assert "新规定 2026年10月15日 起施行。" in spoken, spoken


def test_a_table_cell_is_read_after_its_column_header(session):
    """The cells were read bare, one after another ("窗口, 当场, 网上, 5 个工作日"): a listener
    could not tell which value belongs to what, where a screen reader names each cell's column."""
    spoken = [entry["text"] for entry in session["log"] if isinstance(entry, dict)]
    at = spoken.index("方式")
    assert spoken[at : at + 6] == [
        "方式",
        "多久拿到",
        "方式：窗口",
        "多久拿到：当场",
        "方式：网上",
        "多久拿到：5 个工作日",
    ]


def test_pause_stops_the_engine_resume_reads_the_sentence_again_and_focus_stays(session):
    assert session["log"][1:3] == [
        "cancel",
        {"text": "申领社会保障卡", "lang": "zh-Hans", "voice": "local"},
    ]
    assert session["paused_tree"].splitlines() == [
        '- group "朗读":',
        '  - button "继续朗读"',
        '  - button "暂停" [pressed]',
        '  - button "停止"',
        "  - status: 已暂停朗读",
    ]
    assert session["focus_after_pause"] == "暂停"


def test_pause_holds_and_resume_goes_on_where_pause_ends_the_utterance_as_on_android(session):
    """On Android the engine's pause() ends the utterance: the next sentence was read at once while
    the controls said "paused", and "continue" did nothing."""
    paused, resumed = session["android"]
    spoken = [entry["text"] for entry in paused if isinstance(entry, dict)]
    assert spoken == ["申领社会保障卡"], "nothing more is read while paused"
    again = [entry["text"] for entry in resumed[len(paused) :] if isinstance(entry, dict)]
    assert again[:1] == ["申领社会保障卡"], "resuming reads the paused sentence again"


def test_the_controls_are_a_named_group_of_buttons_with_a_status(session):
    assert session["tree"].splitlines() == [
        '- group "朗读":',
        '  - button "朗读本页"',
        '  - button "暂停" [disabled]',
        '  - button "停止" [disabled]',
        "  - status",
    ]
    assert session["finished_tree"].splitlines()[-1] == "  - status: 已读完本页"


def test_stop_cancels_speech_and_the_highlight_and_keeps_focus(session):
    log, highlighted = session["stopped"]
    assert log[-1] == "cancel" and highlighted == 0
    assert session["focus_after_stop"] == "停止", (
        "an aria-disabled button keeps its focus (a disabled one drops it to the body)"
    )


def test_without_a_voice_for_the_page_language_the_bar_says_so(session):
    assert session["without_voice"].splitlines() == [
        '- group "朗读":',
        "  - paragraph: "
        "这台设备没有这种语言的朗读声音，不能朗读本页。可以在手机或电脑的“语音”设置里添加。",
        "  - status",
    ]


def test_a_browser_without_speech_says_to_open_the_page_in_another(session):
    assert session["without_speech"].splitlines() == [
        '- group "朗读":',
        "  - paragraph: "
        "这个浏览器不能朗读本页。如果是在微信等应用里打开的，"
        "可以点右上角的“…”，选“在浏览器中打开”后再朗读。",
        "  - status",
    ]


def test_showing_the_bar_never_shifts_the_page(session):
    late, shown = session["lead_top"]
    assert late == shown


def test_at_400_percent_zoom_the_sentence_read_is_in_the_window(session):
    """An outside audit found sentences of a silver guide read while they were below a 320 x 256
    window: their block was taller than the window, and scrolling the block into view left it."""
    read = [text for text, _ in session["zoomed"]]
    assert "有问题可以打电话问。" in read and len(read) > 30
    assert [text for text, shown in session["zoomed"] if not shown] == []


def test_the_soft_hyphens_of_a_silver_english_page_are_not_given_to_the_voice(tmp_path):
    """Silver pages break long English words with soft hyphens (U+00AD); what read-aloud gives the
    voice had them too, where a voice may say them (an outside audit)."""
    body = "Bring your certificate. Applications are processed independently.\n"
    root = write_site(
        tmp_path / "guides",
        {
            "en/card.md": guide(
                body, lang="en", title="Cards", summary="Bring your ID to a service point."
            )
        },
    )
    assert build(root, tmp_path / "site", check=False).published

    async def reading_list() -> tuple[str, list[dict]]:
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            try:
                page = await browser.new_page()
                await page.goto((tmp_path / "site/silver/en/card.html").as_uri())
                return await page.inner_text("main"), await page.evaluate(
                    "() => window.__guidekitReadingList()"
                )
            finally:
                await browser.close()

    shown, items = asyncio.run(reading_list())
    assert "\u00ad" in shown  # the page's own text keeps them, for its line breaks
    spoken = [item["spoken"] for item in items]
    assert "Applications are processed independently." in spoken, spoken
    assert not [text for text in spoken if "\u00ad" in text]
