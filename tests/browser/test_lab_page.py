"""The lab in headless Chromium: targets, sliders, points, construct, training, URL, errors."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from labpage import canvas, click_plot, drag_slider, idle, open_lab

from actlab import Network

pytestmark = pytest.mark.browser


def test_page_opens_on_the_lesson_target(page):
    open_lab(page, page.lab_url)
    assert page.input_value("#preset") == "lesson"
    assert page.locator("#score .value").count() == 2
    assert page.locator("#params input[type=range]").count() == 7  # w, b, c for 2 neurons + c0
    assert "σ(" in page.inner_text("#formula")
    assert page.console_errors == []


def test_picking_a_preset_redraws_the_target(page):
    open_lab(page, page.lab_url)
    before = canvas(page)
    page.select_option("#preset", "sin")
    page.wait_for_function("document.querySelector('#target-formula').textContent.includes('sin')")
    idle(page)
    assert page.get_attribute("#x-min", "placeholder") == "−6.283"
    assert canvas(page) != before


def test_dragging_a_slider_moves_the_curve(page):
    open_lab(page, page.lab_url)
    output = page.evaluate("window.actlab.view.output")
    before = canvas(page)
    drag_slider(page, "#params .param[data-k='4'] input[type=range]", 60)  # c1
    idle(page)
    assert page.evaluate("window.actlab.view.output") != output
    assert canvas(page) != before
    assert page.evaluate("window.actlabPerf.redraws.length") >= 1


def test_typing_a_number_sets_the_weight(page):
    open_lab(page, page.lab_url)
    field = page.locator("#params .param[data-k='6'] input[type=number]")  # c0
    field.fill("1.5")
    idle(page)
    assert page.evaluate("window.actlab.network.output.bias[0]") == 1.5
    assert page.evaluate("window.actlab.view.output_bias") == 1.5


def test_points_then_construct_passes_through_them(page):
    open_lab(page, page.lab_url)
    for fx, fy in [(0.15, 0.7), (0.35, 0.3), (0.55, 0.5), (0.75, 0.2), (0.9, 0.6)]:
        click_plot(page, fx, fy)
    assert page.inner_text("#points-count") == "5 points"
    page.click(".tabs [data-mode=construct]")
    page.select_option("#construct-activation", "relu")
    page.click("#construct-build")
    page.wait_for_function(
        "document.querySelector('#construct-message').textContent.includes('relu')"
    )
    idle(page)
    page.check("input[name=fit][value=points]")
    idle(page)
    score = page.evaluate("window.actlab.view.score")
    assert score["on"] == "points" and score["n"] == 5
    assert score["max_error"] < 1e-9  # a relu network through the points is exact there


def test_dragging_a_point_moves_it(page):
    open_lab(page, page.lab_url)
    click_plot(page, 0.5, 0.5)
    first = page.evaluate("window.actlab.state.points[0]")
    box = page.locator("#plot").bounding_box()
    x, y = box["x"] + 0.5 * box["width"], box["y"] + 0.5 * box["height"]
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 40, y - 40, steps=5)
    page.mouse.up()
    moved = page.evaluate("window.actlab.state.points")
    assert len(moved) == 1 and moved[0][0] > first[0] and moved[0][1] > first[1]
    page.click("#plot", button="right", position={"x": 0.5 * box["width"] + 40,
                                                  "y": 0.5 * box["height"] - 40})  # fmt: skip
    assert page.evaluate("window.actlab.state.points.length") == 0


def test_training_lowers_the_loss(page):
    open_lab(page, page.lab_url, "#width=6&mode=train&learning_rate=0.05&steps=100000")
    page.click("#train-play")
    page.wait_for_function("window.actlab.chart.steps.length >= 15", timeout=30_000)
    page.click("#train-pause")
    page.wait_for_function("!window.actlab.training")
    losses = page.evaluate("window.actlab.chart.losses")
    assert losses[-1] < 0.7 * losses[0]
    assert "step" in page.inner_text("#train-status")
    assert page.evaluate("window.actlab.state.params") == page.evaluate(
        "[].concat(...[...actlab.network.hidden, actlab.network.output]"
        ".flatMap(l => [l.weights.flat(), l.bias]))"
    )


def test_step_and_reset(page):
    open_lab(page, page.lab_url, "#mode=train")
    start = page.evaluate("window.actlab.state.params")
    page.click("#train-step")
    page.wait_for_function("window.actlab.chart.steps.length === 1")
    assert page.evaluate("window.actlab.state.params") != start
    page.click("#train-reset")
    page.wait_for_function("window.actlab.chart.steps.length === 0")
    idle(page)
    assert page.evaluate("window.actlab.state.params") == start  # the same seed again


def test_url_round_trip_restores_everything(page, browser):
    open_lab(page, page.lab_url, "#target=gaussian&width=3&activation=tanh&seed=5")
    drag_slider(page, "#params .param[data-k='0'] input[type=range]", 40)
    click_plot(page, 0.3, 0.4)
    idle(page)
    page.wait_for_timeout(400)  # the URL is rewritten at most every 300 ms
    url = page.url
    state = page.evaluate("JSON.stringify(window.actlab.state)")
    pixels = canvas(page)
    query = parse_qs(url.split("#", 1)[1])
    assert query["seed"] == ["5"] and query["target"] == ["gaussian"] and "p" in query
    other = browser.new_page(viewport={"width": 1400, "height": 1000})
    open_lab(other, url)
    assert other.evaluate("JSON.stringify(window.actlab.state)") == state
    assert canvas(other) == pixels
    other.close()


def test_bad_link_values_fall_back_with_a_notice(page):
    open_lab(page, page.lab_url, "#width=999&depth=1")
    banner = page.inner_text("#global-error")
    assert "width" in banner and "[1, 64]" in banner
    assert page.evaluate("window.actlab.state.width") == 2


def test_a_bad_expression_shows_its_error_with_a_caret(page):
    open_lab(page, page.lab_url)
    page.fill("#expression", "sin(x")
    page.wait_for_selector("#expression-error:not([hidden]) pre.caret")
    text = page.inner_text("#expression-error")
    assert "close the call" in text and text.rstrip().endswith("^")
    assert page.evaluate("window.actlab.state.target") == "lesson"  # the last good target stays
    page.fill("#expression", "sin(3*x) + 0.3*x**2")
    page.wait_for_selector("#expression-error", state="hidden")
    assert page.evaluate("window.actlab.state.target") == "sin(3*x) + 0.3*x**2"


def test_identity_collapses_to_a_line_and_relu_to_pieces(page):
    open_lab(page, page.lab_url)
    page.select_option("#activations select", "identity")
    page.wait_for_selector("#collapse[data-kind=line]")
    assert "y =" in page.inner_text("#collapse") and page.locator("#collapse .floor").count() == 1
    page.select_option("#activations select", "relu")
    page.wait_for_selector("#collapse[data-kind=pieces]")
    assert page.locator("#collapse table.pieces tr").count() >= 2


def test_square_layers_collapse_to_a_polynomial(page):
    open_lab(page, page.lab_url, "#depth=2&activation=square,identity")
    page.wait_for_selector("#collapse[data-kind=polynomial]")


def test_language_toggle_translates_every_label(page):
    open_lab(page, page.lab_url)
    page.click("#lang-toggle")
    assert page.inner_text("h1") == "actlab 实验室"
    assert page.inner_text(".tabs [data-mode=train]") == "训练"
    assert "个点" in page.inner_text("#points-count")
    page.wait_for_timeout(400)
    assert "lang=zh" in page.url
    page.click("#lang-toggle")
    assert page.inner_text("h1") == "actlab lab"


def test_export_json_is_a_network_file(page):
    open_lab(page, page.lab_url)
    with page.expect_download() as info:
        page.click("#export-json")
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert Network.from_dict(data).formula().startswith("y = ")


def test_export_torch_shows_code(page):
    open_lab(page, page.lab_url)
    page.click("#export-torch")
    page.wait_for_selector("#torch-dialog[open]")
    assert "nn.Sequential(" in page.inner_text("#torch-code")


def test_csv_upload_marks_points_and_bad_rows_are_named(page):
    open_lab(page, page.lab_url)
    csv = {"name": "pts.csv", "mimeType": "text/csv", "buffer": b"x,y\n0,0\n2,4\n4,2\n"}
    page.set_input_files("#points-csv", files=[csv])
    page.wait_for_function("window.actlab.state.points.length === 3")
    assert page.evaluate("window.actlab.state.points") == [[0, 0], [2, 4], [4, 2]]
    bad = {"name": "bad.csv", "mimeType": "text/csv", "buffer": b"0,0\n1,oops\n"}
    page.set_input_files("#points-csv", files=[bad])
    page.wait_for_selector("#points-error:not([hidden])")
    assert "row 2" in page.inner_text("#points-error")
