"""Two inputs in the lab (issue 16, item 4): a classifier trained live on a Playground data
set, drawn as a heatmap with its points; the same in Chinese; a network of three inputs
refused with a coded message. Each seen in headless Chromium."""

from __future__ import annotations

import json
from typing import Any

import pytest
from labpage import canvas, english_words, idle, open_lab

pytestmark = pytest.mark.browser

PIXELS = """() => {
  const c = document.querySelector('#plot');
  const g = c.getContext('2d');
  const at = (fx, fy) => Array.from(g.getImageData(Math.round(fx * c.width),
    Math.round(fy * c.height), 1, 1).data).join(',');
  return [at(0.15, 0.2), at(0.85, 0.2), at(0.15, 0.8), at(0.85, 0.8), at(0.5, 0.5)];
}"""


def choose(page: Any, name: str) -> None:
    page.select_option("#preset", name)
    page.wait_for_function("window.actlab.view && window.actlab.view.inputs === 2")
    idle(page)


def test_xor_trains_to_high_accuracy_on_a_heatmap(page):
    open_lab(page, page.lab_url, "#mode=train&width=6&activation=tanh&steps=100000")
    choose(page, "xor")
    net = page.evaluate("window.actlab.network")
    assert [len(r) for r in net["hidden"][0]["weights"]] == [2] * 6  # rebuilt with two inputs
    assert page.evaluate("document.body.dataset.inputs") == "2"
    assert page.locator("#train-points").is_visible()
    assert not page.locator("#points-mark").is_visible()
    page.click("#train-play")
    page.wait_for_function(
        "Number(document.querySelector('#score').dataset.accuracy) > 0.9", timeout=60_000
    )
    page.click("#train-pause")
    page.wait_for_function("!window.actlab.training")
    idle(page)
    assert float(page.get_attribute("#score", "data-accuracy")) > 0.9
    assert "%" in page.inner_text("#score")
    pixels = page.evaluate(PIXELS)
    assert len(set(pixels)) >= 2  # the map changes colour across the box
    thumbs = page.locator("#graph image.thumb")
    assert thumbs.count() == 2 + 6 + 1  # two inputs, six neurons, the output: heatmaps
    assert page.console_errors == []


def test_step_then_back_to_one_input(page):
    open_lab(page, page.lab_url, "#mode=train")
    choose(page, "circle")
    page.click("#train-step")
    page.wait_for_function("window.actlab.chart.steps.length === 1")
    idle(page)
    assert page.get_attribute("#score", "data-accuracy") is not None
    page.select_option("#preset", "sin")
    page.wait_for_function("window.actlab.view && window.actlab.view.inputs === 1")
    idle(page)
    net = page.evaluate("window.actlab.network")
    assert len(net["hidden"][0]["weights"][0]) == 1
    assert page.locator("#points-mark").is_visible()
    assert page.is_hidden("#network-error")


def test_expression_in_two_inputs_shows_mse(page):
    open_lab(page, page.lab_url)
    page.fill("#expression", "x1*x2")
    page.wait_for_function("window.actlab.view && window.actlab.view.inputs === 2", timeout=20_000)
    idle(page)
    assert page.get_attribute("#score", "data-mse") is not None
    assert len(set(page.evaluate(PIXELS))) >= 2


def test_chinese_two_input_controls_have_no_english(page):
    open_lab(page, page.lab_url, "#lang=zh&mode=train&test_fraction=0.2")
    choose(page, "spiral")
    page.click("#train-step")
    page.wait_for_function("window.actlab.chart.steps.length === 1")
    idle(page)
    found = english_words(page)
    page.click(".tabs [data-mode=construct]")
    found += english_words(page)
    assert found == []
    assert "准确率" in page.inner_text("#score")


def test_a_three_input_network_is_refused_with_a_coded_message(page, tmp_path):
    open_lab(page, page.lab_url, "#lang=zh")
    before = page.evaluate("window.actlab.network")
    net = json.loads(json.dumps(before))
    net["hidden"][0]["weights"] = [[0.5, -0.5, 1.0] for _ in net["hidden"][0]["weights"]]
    path = tmp_path / "three.json"
    path.write_text(json.dumps(net))
    page.set_input_files("#import-json", str(path))
    page.wait_for_selector("#network-error:not([hidden])")
    text = page.inner_text("#network-error")
    assert "一个或两个输入" in text and "3" in text
    assert page.evaluate("window.actlab.network") == before
    assert english_words(page) == []


def test_a_link_opens_xor_in_chinese_and_round_trips(page):
    open_lab(page, page.lab_url, "#target=xor&lang=zh&noise=0.2&test_fraction=0.3")
    page.wait_for_function("window.actlab.view && window.actlab.view.inputs === 2")
    idle(page)
    assert page.input_value("#preset") == "xor"
    assert page.evaluate("document.body.dataset.inputs") == "2"
    assert "准确率" in page.inner_text("#score")
    assert english_words(page) == []
    state = page.evaluate("window.actlab.state")
    assert (state["target"], state["noise"], state["test_fraction"]) == ("xor", 0.2, 0.3)
    samples = page.evaluate("window.actlab.view.samples")
    assert len(samples["x_test"]) > 0
    page.wait_for_function("location.hash.includes('p=')")  # the network is written too
    link = page.evaluate("location.hash")
    assert "target=xor" in link and "noise=0.2" in link and "lang=zh" in link
    net = page.evaluate("window.actlab.network")
    open_lab(page, page.lab_url, link)
    page.wait_for_function("window.actlab.view && window.actlab.view.inputs === 2")
    idle(page)
    assert page.evaluate("window.actlab.network") == net  # same network, same data
    assert page.evaluate("window.actlab.view.samples") == samples
    assert page.is_hidden("#global-error")
    assert page.console_errors == []


def test_the_map_shows_training_test_or_both_points(page):
    open_lab(page, page.lab_url, "#target=circle&test_fraction=0.5")
    page.wait_for_function("window.actlab.view && window.actlab.view.inputs === 2")
    idle(page)
    assert page.locator("#show-points").is_visible()
    drawn = {}
    for which in ["both", "train", "test"]:
        page.select_option("#show-points", which)
        drawn[which] = canvas(page)
    assert len(set(drawn.values())) == 3
    page.click("#lang-toggle")
    assert page.inner_text("label:has(#show-points) > span") == "显示的数据点"
    assert page.console_errors == []


def test_linear_regions_and_boundary_drawn_over_the_map(page):
    open_lab(page, page.lab_url, "#target=xor&activation=relu&width=8&depth=2")
    page.wait_for_function("window.actlab.view && window.actlab.view.inputs === 2")
    idle(page)
    plain = canvas(page)
    page.check("#overlay-regions")
    page.wait_for_function("window.actlab.overlayView && window.actlab.overlayView.regions")
    idle(page)
    count = page.evaluate("window.actlab.overlayView.count")
    assert count > 1 and str(count) in page.inner_text("#overlay-note")
    with_regions = canvas(page)
    assert with_regions != plain
    page.uncheck("#overlay-regions")
    idle(page)
    assert canvas(page) == plain
    # a network without activations: its one straight boundary, and its equation
    open_lab(page, page.lab_url, "#target=xor&activation=identity&width=2&lang=zh")
    page.wait_for_function("window.actlab.view && window.actlab.view.inputs === 2")
    idle(page)
    plain = canvas(page)
    page.check("#overlay-boundary")
    page.wait_for_function("window.actlab.overlayView && window.actlab.overlayView.boundary")
    idle(page)
    assert len(page.evaluate("window.actlab.overlayView.boundary")) <= 1
    assert "= 0" in page.inner_text("#overlay-note")
    assert english_words(page) == []
    # smooth activations: nothing drawn, the reason said in Chinese
    open_lab(page, page.lab_url, "#target=xor&activation=tanh&lang=zh")
    idle(page)
    page.check("#overlay-regions")
    page.wait_for_function("document.querySelector('#overlay-note').textContent !== ''")
    assert "线性区域只适用于" in page.inner_text("#overlay-note")
    assert page.console_errors == []
