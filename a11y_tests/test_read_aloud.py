"""Read-aloud in Chromium, with speechSynthesis replaced by a test double that records every
utterance: what is read, in which order and language, the controls, the highlight, and the control
hidden where the browser has no voice for the page's language. One browser for the module."""

from __future__ import annotations

import asyncio

import pytest
from playwright.async_api import async_playwright

from guidekit.build import build
from guidekit.gate.browser import launch
from tests.conftest import guide, write_site

BODY = """\
先在网上预约。再带身份证去网点！

## 办理地点

青川市社保服务中心，人民路 100 号。
"""

# The double speaks nothing: an utterance "ends" when the test says so, so every state can be looked at.
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
VOICES = '[{"name": "net", "lang": "zh-CN", "localService": false}, {"name": "local", "lang": "zh-CN", "localService": true}, {"name": "en", "lang": "en-US", "localService": true}]'


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("read-aloud") / "guides", {"card.md": guide(BODY)})
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
            facts["highlighted"] = await page.evaluate("() => [...document.querySelectorAll('.gk-reading')].map((e) => e.textContent)")
            await page.get_by_role("button", name="暂停").click()
            facts["paused_tree"] = await group.aria_snapshot()
            await page.get_by_role("button", name="继续朗读").click()
            for _ in range(40):
                if await page.evaluate("() => !document.querySelector('[data-gk-speech=stop]').disabled"):
                    await page.evaluate("() => window.__speech.finish()")
                else:
                    break
            facts["log"] = await page.evaluate("() => window.__speech.log")
            facts["highlight_after"] = await page.evaluate("() => document.querySelectorAll('.gk-reading').length")
            await page.reload()
            await page.get_by_role("button", name="朗读本页").click()
            await page.get_by_role("button", name="停止").click()
            facts["stopped"] = await page.evaluate("() => [window.__speech.log, document.querySelectorAll('.gk-reading').length]")
            silent = await browser.new_page()
            await silent.add_init_script(SPEECH_DOUBLE % '[{"name": "en", "lang": "en-US", "localService": true}]')
            await silent.goto(page_file)
            facts["hidden_without_voice"] = await silent.evaluate("() => document.querySelector('[data-gk-read-aloud]').hidden")
            real = await browser.new_page()
            await real.goto(page_file)
            facts["real_voices"] = await real.evaluate("() => speechSynthesis.getVoices().filter((v) => v.lang.startsWith('zh')).length")
            facts["real_hidden"] = await real.evaluate("() => document.querySelector('[data-gk-read-aloud]').hidden")
        finally:
            await browser.close()
    return facts


@pytest.fixture(scope="module")
def session(page_file):
    return asyncio.run(_session(page_file))


def test_reading_starts_with_the_title_in_the_page_language_with_a_local_voice(session):
    assert session["first"] == [{"text": "申领社会保障卡", "lang": "zh-Hans", "voice": "local"}]
    assert session["highlighted"] == ["申领社会保障卡"]


def test_the_whole_guide_is_read_in_order_in_sentences(session):
    spoken = [entry["text"] for entry in session["log"] if isinstance(entry, dict)]
    assert spoken[:2] == ["申领社会保障卡", "带身份证到网点办理，不收费。"]
    assert spoken.index("先在网上预约。") + 1 == spoken.index("再带身份证去网点！")
    assert spoken.index("再带身份证去网点！") < spoken.index("办理地点") < spoken.index("青川市社保服务中心，人民路 100 号。")
    assert not any(text in ("朗读本页", "暂停", "停止") for text in spoken), "the controls are not read"
    assert session["highlight_after"] == 0, "the highlight goes when reading ends"


def test_pause_and_resume_reach_the_speech_engine(session):
    assert session["log"][1:3] == ["pause", "resume"]
    assert 'button "继续朗读"' in session["paused_tree"]


def test_the_controls_are_a_named_group_of_buttons(session):
    assert session["tree"].splitlines() == [
        '- group "朗读":',
        '  - button "朗读本页"',
        '  - button "暂停" [disabled]',
        '  - button "停止" [disabled]',
    ]


def test_stop_cancels_speech_and_the_highlight(session):
    log, highlighted = session["stopped"]
    assert log[-1] == "cancel" and highlighted == 0


def test_the_control_is_hidden_without_a_voice_for_the_page_language(session):
    assert session["hidden_without_voice"]
    assert session["real_hidden"] == (session["real_voices"] == 0)
