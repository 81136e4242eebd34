"""The lab's panels tell the truth: issue 16's fixes, each seen in headless Chromium."""

from __future__ import annotations

from typing import Any

import pytest
from labpage import click_plot, english_words, idle, open_lab

from actlab import Network

pytestmark = pytest.mark.browser

NETWORK = "window.actlab.network"


def formula_of(page: Any) -> str:
    return Network.from_dict(page.evaluate(NETWORK)).formula()


# ---------------------------------------------- 1. the formula follows training
def test_formula_follows_a_training_step(page):
    open_lab(page, page.lab_url, "#mode=train")
    before = page.inner_text("#formula")
    page.click("#train-step")
    page.wait_for_function("window.actlab.chart.steps.length === 1")
    idle(page)
    assert page.inner_text("#formula") == formula_of(page) != before


def test_formula_follows_play_and_pause(page):
    open_lab(page, page.lab_url, "#mode=train&width=3&steps=100000")
    page.click("#train-play")
    page.wait_for_function("window.actlab.chart.steps.length >= 3", timeout=30_000)
    page.click("#train-pause")
    page.wait_for_function("!window.actlab.training")
    idle(page)
    assert page.inner_text("#formula") == formula_of(page)


# ------------------------------------- 2. a change to what is fitted stops training
def test_changing_the_target_stops_training(page):
    open_lab(page, page.lab_url, "#mode=train&width=3&steps=100000")
    page.click("#train-play")
    page.wait_for_function("window.actlab.chart.steps.length >= 2", timeout=30_000)
    page.select_option("#preset", "sin")
    page.wait_for_function("!window.actlab.training", timeout=10_000)
    idle(page)
    assert "what is fitted changed" in page.inner_text("#train-status")
    # the score is the current network's on the new target, not the old one's
    fresh = page.evaluate(
        """async () => (await (await fetch('/api/evaluate', {
            method: 'POST', headers: {'Content-Type': 'application/json'},
            body: JSON.stringify({network: actlab.network, target: actlab.targetSpec()}),
        })).json())"""
    )
    view = page.evaluate("window.actlab.view")
    assert view["domain"] == fresh["domain"] and view["score"] == fresh["score"]
    steps = page.evaluate("window.actlab.chart.steps.length")
    page.wait_for_timeout(300)
    assert page.evaluate("window.actlab.chart.steps.length") == steps


def test_moving_points_stops_training_on_points(page):
    open_lab(page, page.lab_url, "#mode=train&width=3&steps=100000&fit=points"
                                 "&points=0,0;2,4;4,2")  # fmt: skip
    page.click("#train-play")
    page.wait_for_function("window.actlab.chart.steps.length >= 2", timeout=30_000)
    click_plot(page, 0.5, 0.5)
    page.wait_for_function("!window.actlab.training", timeout=10_000)
    assert "what is fitted changed" in page.inner_text("#train-status")


# ----------------------------------------- 3. an invalid field refuses to start
@pytest.mark.parametrize("button", ["#train-play", "#train-step"])
def test_an_invalid_learning_rate_refuses_to_train(page, button):
    open_lab(page, page.lab_url, "#mode=train")
    start = page.evaluate("window.actlab.state.params")
    page.fill("#learning-rate", "100")
    page.click(button)
    page.wait_for_selector("#train-error:not([hidden])")
    assert "learning_rate" in page.inner_text("#train-error")
    assert "[0, 10]" in page.inner_text("#train-error") or "(0, 10]" in page.inner_text(
        "#train-error"
    )
    assert "bad" in page.get_attribute("#learning-rate", "class")
    page.wait_for_timeout(300)
    assert page.evaluate("window.actlab.training") is False
    assert page.evaluate("window.actlab.chart.steps.length") == 0
    assert page.evaluate("window.actlab.state.params") == start
    assert page.evaluate("window.actlab.state.learning_rate") == 0.03


# ----------------------------------------- 4. header buttons readable on hover
CONTRAST = """(sel) => {
  const rgb = (s) => s.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const over = (top, under) => {
    const a = top[3] ?? 1;
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a));
  };
  const el = document.querySelector(sel);
  const header = rgb(getComputedStyle(document.querySelector('header')).backgroundColor);
  const bg = over(rgb(getComputedStyle(el).backgroundColor), header);
  const fg = over(rgb(getComputedStyle(el).color), bg);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


@pytest.mark.parametrize("button", ["#export-json", "#export-torch", "#copy-link", "#lang-toggle"])
def test_header_button_stays_readable_on_hover(page, button):
    open_lab(page, page.lab_url)
    page.hover(button)
    page.wait_for_timeout(50)
    assert page.evaluate(CONTRAST, button) >= 4.5


def test_link_copied_note_is_readable(page):
    open_lab(page, page.lab_url)
    page.click("#copy-link")
    page.wait_for_selector("#copy-note:not([hidden])")
    assert page.inner_text("#copy-note") == "Link copied"
    assert page.evaluate(CONTRAST, "#copy-note") >= 4.5


# ------------------------------------------------------- 5. Chinese everywhere
def test_chinese_mode_leaves_no_english_word(page):
    open_lab(page, page.lab_url, "#lang=zh&mode=train")
    page.fill("#expression", "foo(x)")
    page.wait_for_selector("#expression-error:not([hidden])")
    assert "未知函数 'foo'" in page.inner_text("#expression-error")
    page.fill("#expression", "2x")  # a message without the user's own words in it
    page.wait_for_function(
        "document.querySelector('#expression-error').textContent.includes('缺少')"
    )
    found = english_words(page)
    for mode in ("construct", "manual"):
        page.click(f".tabs [data-mode={mode}]")
        found += english_words(page)
    page.locator("#graph .node[data-col='1']").first.focus()
    page.keyboard.press("Enter")
    found += english_words(page)
    assert found == []


def test_chinese_link_banner_and_collapse_note(page):
    open_lab(page, page.lab_url, "#lang=zh&width=999")
    banner = page.inner_text("#global-error")
    assert "每层神经元数的取值 999 无效" in banner and "[1, 64]" in banner
    page.wait_for_selector("#collapse[data-kind=curve] .hint")
    assert "这个网络使用了 sigmoid" in page.inner_text("#collapse")
    assert english_words(page) == []


def test_switching_language_rewords_a_shown_error(page):
    open_lab(page, page.lab_url)
    page.fill("#expression", "2x")
    page.wait_for_selector("#expression-error:not([hidden])")
    assert "missing operator" in page.inner_text("#expression-error")
    page.click("#lang-toggle")
    assert "缺少运算符" in page.inner_text("#expression-error")
    assert page.inner_text("#activations label span") == "第 1 层 激活函数"
    assert page.locator("#preset option[value='']").inner_text() == "自定义表达式"


# -------------------------------------------------- 6. the y axis shows the output
def test_y_axis_holds_the_networks_output(page):
    open_lab(page, page.lab_url, "#target=abs(x)&x_min=5&x_max=6")
    output = page.evaluate("window.actlab.view.output")
    lo, hi = page.evaluate("window.actlab.plot.ranges().y")
    assert max(page.evaluate("window.actlab.view.target")) <= hi
    assert lo <= min(output) and max(output) <= hi


# ------------------------------------------------------------------ 7. smaller
def test_typing_a_weight_during_training_pauses_it(page):
    open_lab(page, page.lab_url, "#mode=train&steps=100000")
    page.click("#train-play")
    page.wait_for_function("window.actlab.chart.steps.length >= 2", timeout=30_000)
    page.click(".tabs [data-mode=manual]")
    page.fill("#params .param[data-k='6'] input[type=number]", "1.25")
    page.wait_for_function("!window.actlab.training", timeout=10_000)
    idle(page)
    assert page.evaluate("window.actlab.network.output.bias[0]") == 1.25
    page.click(".tabs [data-mode=train]")
    assert "you edited a weight" in page.inner_text("#train-status")


def test_link_parameters_of_the_wrong_length_are_reported(page):
    open_lab(page, page.lab_url, "#p=1,2,3")
    assert "3 numbers given, but this network needs 7" in page.inner_text("#global-error")


def test_a_big_network_gets_a_compact_link(page, browser):
    open_lab(page, page.lab_url, "#depth=4&width=64")
    page.wait_for_timeout(400)
    full = page.url
    page.click("#copy-link")
    page.wait_for_selector("#copy-note:not([hidden])")
    short = page.evaluate("window.actlab.copied")
    assert "pz=" in short and "&p=" not in short and len(short) < len(full) / 3
    params = page.evaluate("window.actlab.state.params")
    other = browser.new_page(viewport={"width": 1400, "height": 1000})
    open_lab(other, short)
    restored = other.evaluate("window.actlab.state.params")
    other.close()
    assert len(restored) == len(params) == 12673
    assert all(abs(a - b) <= 1e-6 * max(abs(b), 1e-30) for a, b in zip(restored, params))


def test_a_tap_removes_a_point_on_a_touch_screen(browser, lab_url):
    context = browser.new_context(viewport={"width": 900, "height": 1000}, has_touch=True)
    page = context.new_page()
    open_lab(page, lab_url)
    box = page.locator("#plot").bounding_box()
    x, y = box["x"] + 0.5 * box["width"], box["y"] + 0.5 * box["height"]
    page.touchscreen.tap(x, y)
    page.wait_for_function("window.actlab.state.points.length === 1")
    page.touchscreen.tap(x, y)
    page.wait_for_function("window.actlab.state.points.length === 0")
    context.close()


def test_focus_stays_on_the_training_buttons(page):
    open_lab(page, page.lab_url, "#mode=train&steps=100000")
    page.focus("#train-play")
    page.keyboard.press("Enter")
    page.wait_for_function("window.actlab.training")
    assert page.evaluate("document.activeElement.id") == "train-pause"
    page.keyboard.press("Enter")
    page.wait_for_function("!window.actlab.training")
    assert page.evaluate("document.activeElement.id") == "train-play"


def test_one_point_is_singular(page):
    open_lab(page, page.lab_url)
    click_plot(page, 0.5, 0.5)
    assert page.inner_text("#points-count") == "1 point"


def test_numbers_use_one_kind_of_minus(page):
    open_lab(page, page.lab_url)
    shown = page.evaluate("import('/static/js/i18n.js').then(m => [m.fmt(-1.5e-7), m.fmt(2e-5)])")
    assert shown == ["−1.500e−7", "2.000e−5"]
