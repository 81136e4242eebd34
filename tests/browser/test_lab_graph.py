"""The lab's network graph, guided tour, generalisation controls, accessibility and hooks."""

from __future__ import annotations

import pytest
from labpage import idle, open_lab

from actlab import lesson

pytestmark = pytest.mark.browser

LESSON_PARAMS = [2.4, -2.4, -2.4, 7.4, 4.0, 2.0, -2.0]


# -------------------------------------------------------------------- graph
def test_graph_draws_every_neuron_and_weight(page):
    open_lab(page, page.lab_url)
    assert page.locator("#graph .node").count() == 4  # x, two sigmoids, y
    assert page.locator("#graph .link").count() == 4
    strokes = page.eval_on_selector_all(
        "#graph .link", "ls => ls.map(l => l.getAttribute('stroke'))"
    )
    weights = page.eval_on_selector_all("#graph .hit", "ls => ls.map(l => +l.dataset.w)")
    assert weights == [2.4, -2.4, 4.0, 2.0]
    assert [s == "#1c64d2" for s in strokes] == [w > 0 for w in weights]
    widths = page.eval_on_selector_all(
        "#graph .link", "ls => ls.map(l => +l.getAttribute('stroke-width'))"
    )
    assert widths[2] == max(widths) and widths[0] == widths[1] < widths[2]  # |4| is the largest
    paths = page.eval_on_selector_all(
        "#graph .node path.thumb", "ps => ps.map(p => p.getAttribute('d'))"
    )
    assert len(paths) == 4 and all(p.startswith("M") and p.count("L") == 40 for p in paths)


def test_opens_on_the_lessons_network(page):
    open_lab(page, page.lab_url)
    assert page.evaluate("window.actlab.state.params") == LESSON_PARAMS
    x = page.evaluate("window.actlab.view.x")
    out = page.evaluate("window.actlab.view.output")
    assert out == pytest.approx(list(lesson.handbuilt_network()(x)), abs=1e-12)


def test_clicking_a_link_edits_its_weight_and_redraws_thumbnails(page):
    open_lab(page, page.lab_url)
    before = page.eval_on_selector_all(
        "#graph path.thumb", "ps => ps.map(p => p.getAttribute('d'))"
    )
    page.locator("#graph .hit[data-k='0']").dispatch_event("click")
    assert page.locator("#graph-editor .param").count() == 1
    assert "input x" in page.get_attribute("#graph-editor input[type=number]", "aria-label")
    page.fill("#graph-editor input[type=number]", "-1")
    idle(page)
    assert page.evaluate("window.actlab.network.hidden[0].weights[0][0]") == -1
    after = page.eval_on_selector_all("#graph path.thumb", "ps => ps.map(p => p.getAttribute('d'))")
    assert after[1] != before[1] and after[0] == before[0]  # neuron 1 and the output change
    assert after[3] != before[3]
    assert page.get_attribute("#graph .link >> nth=0", "stroke") == "#e8590c"


def test_keyboard_selects_a_neuron_and_edits_its_bias(page):
    open_lab(page, page.lab_url)
    page.locator("#graph .node[data-col='1'][data-i='1']").focus()
    page.keyboard.press("Enter")
    labels = page.eval_on_selector_all(
        "#graph-editor input[type=number]", "es => es.map(e => e.getAttribute('aria-label'))"
    )
    assert labels == ["bias of layer 1, neuron 2", "weight from input x to layer 1, neuron 2"]
    page.fill("#graph-editor .param[data-k='3'] input[type=number]", "5")
    idle(page)
    assert page.evaluate("window.actlab.network.hidden[0].bias[1]") == 5


def test_plus_and_minus_change_layers_and_neurons(page):
    open_lab(page, page.lab_url)
    page.click("#graph-depth-plus")
    page.wait_for_function("window.actlab.network.hidden.length === 2")
    idle(page)
    page.click("#graph-width-plus")
    # the new network arrives from the server: wait for it, not for a quiet moment
    page.wait_for_function("window.actlab.network.hidden[0].weights.length === 3")
    idle(page)
    assert page.evaluate("window.actlab.network.hidden.map(h => h.weights.length)") == [3, 3]
    assert page.locator("#graph .node").count() == 1 + 3 + 3 + 1
    assert page.inner_text("#graph-depth") == "2" and page.inner_text("#graph-width") == "3"
    page.click("#graph-depth-minus")
    page.wait_for_function("window.actlab.network.hidden.length === 1")
    idle(page)
    assert page.evaluate("window.actlab.network.hidden.length") == 1


def test_graph_of_4_layers_of_16_shows_no_wall_of_sliders(page):
    open_lab(page, page.lab_url, "#depth=4&width=16")
    assert page.locator("#graph .node").count() == 1 + 64 + 1
    assert page.locator("#graph .link").count() == 16 + 3 * 256 + 16
    assert page.locator("#graph-editor input[type=range]").count() == 0
    page.locator("#graph .node[data-col='3'][data-i='5']").focus()
    page.keyboard.press("Enter")
    assert page.locator("#graph-editor input[type=range]").count() == 17  # bias + 16 inputs
    thumbs = page.eval_on_selector_all(
        "#graph path.thumb", "ps => ps.filter(p => p.getAttribute('d')).length"
    )
    assert thumbs == 66


# --------------------------------------------------------------------- tour
def test_tour_steps_set_up_the_page(page):
    open_lab(page, page.lab_url)
    page.click("#tour-next")
    page.wait_for_selector("#collapse[data-kind=line]")
    idle(page)
    assert page.evaluate("window.actlab.state.activation") == ["identity"]
    assert page.evaluate("window.actlab.network.hidden[0].weights.length") == 3
    assert "can't bend" in page.inner_text("#tour-text") or "line" in page.inner_text("#tour-text")
    page.click("#tour-next")
    page.wait_for_function("window.actlab.state.tour === 2")
    idle(page)
    assert page.evaluate("window.actlab.state.params") == LESSON_PARAMS
    page.click("#tour-steps button >> nth=3")
    page.wait_for_function(
        "document.querySelector('#construct-message').textContent.includes('relu')"
    )
    idle(page)
    assert page.evaluate("window.actlab.state.points.length") >= 5
    assert page.evaluate("window.actlab.state.mode") == "construct"
    page.click("#tour-next")
    page.wait_for_function("window.actlab.network.hidden[0].activation === 'tanh'")
    assert page.inner_text("#tour-steps [aria-current=step]").startswith("5.")


def test_tour_speaks_chinese(page):
    open_lab(page, page.lab_url, "#lang=zh&tour=2")
    assert page.inner_text("#tour-text").startswith("第 2 步，共 5 步")
    assert "两个 sigmoid" in page.inner_text("#tour-steps")


# ------------------------------------------------------ teaching generalisation
def test_noise_and_test_share_draw_a_test_loss_curve(page):
    open_lab(page, page.lab_url, "#mode=train&width=4&noise=0.2&test_fraction=0.3&steps=100000")
    assert page.locator("#score .value.test").count() == 1
    page.click("#train-play")
    page.wait_for_function("window.actlab.chart.tests.filter(v => v !== null).length >= 3",
                           timeout=30_000)  # fmt: skip
    page.click("#train-pause")
    page.wait_for_function("!window.actlab.training")
    tests = page.evaluate("window.actlab.chart.tests")
    losses = page.evaluate("window.actlab.chart.losses")
    assert len(tests) == len(losses) and all(v is not None and v > 0 for v in tests)
    assert "test" in page.inner_text("#train-status")


def test_changing_the_noise_redraws_the_samples(page):
    open_lab(page, page.lab_url)
    assert page.evaluate("window.actlab.view.samples") is None
    page.fill("#noise", "0.5")
    page.press("#noise", "Enter")
    page.wait_for_function("window.actlab.view && window.actlab.view.samples !== null")
    assert page.evaluate("window.actlab.state.noise") == 0.5


def test_batch_size_is_sent_to_training(page):
    open_lab(page, page.lab_url, "#mode=train&optimizer=sgd&batch_size=10")
    assert page.input_value("#batch-size") == "10"
    with page.expect_request("**/api/train/step") as info:
        page.click("#train-step")
    assert info.value.post_data_json["batch_size"] == 10


def test_construct_to_a_tolerance(page):
    open_lab(page, page.lab_url, "#mode=construct")
    page.check("input[name=construct-mode][value=tolerance]")
    page.fill("#construct-tolerance", "0.05")
    page.click("#construct-build")
    page.wait_for_function(
        "document.querySelector('#construct-message').textContent.includes('within 0.05')"
    )
    idle(page)
    assert page.evaluate("window.actlab.view.score.max_error") <= 0.05


# ------------------------------------------------------------- accessibility
NAMELESS = """() => [...document.querySelectorAll('input, select, button, [role=button]')]
  .filter(e => e.checkVisibility() && e.type !== 'hidden')
  .filter(e => !((e.labels && [...e.labels].some(l => l.textContent.trim()))
    || e.getAttribute('aria-label') || e.textContent.trim() || e.title))
  .map(e => e.id || e.outerHTML.slice(0, 80))"""


@pytest.mark.parametrize("mode", ["manual", "construct", "train"])
def test_every_control_has_a_name(page, mode):
    open_lab(page, page.lab_url, f"#mode={mode}")
    page.click("#points-list summary")
    page.click("#points-mark")
    assert page.evaluate(NAMELESS) == []


def test_score_and_status_are_live_regions(page):
    open_lab(page, page.lab_url)
    assert page.get_attribute("#score", "aria-live") == "polite"
    assert page.get_attribute("#train-status", "role") == "status"
    assert page.get_attribute("#train-error", "role") == "alert"


def test_points_by_keyboard(page):
    open_lab(page, page.lab_url)
    page.focus("#points-list summary")
    page.keyboard.press("Enter")
    page.focus("#points-list button.add")
    page.keyboard.press("Enter")
    page.wait_for_function("window.actlab.state.points.length === 1")
    page.fill("#points-list input[aria-label=x1]", "1.5")
    page.press("#points-list input[aria-label=x1]", "Enter")
    page.wait_for_function("window.actlab.state.points[0][0] === 1.5")
    page.focus("#points-list button.remove")
    page.keyboard.press("Enter")
    page.wait_for_function("window.actlab.state.points.length === 0")


def test_narrow_screen_keeps_the_plot_in_view(browser, lab_url):
    context = browser.new_context(viewport={"width": 400, "height": 800})
    page = context.new_page()
    open_lab(page, lab_url, "#mode=train")
    page.locator("#learning-rate").scroll_into_view_if_needed()
    page.fill("#learning-rate", "0.05")
    field = page.locator("#learning-rate").bounding_box()
    plot = page.locator("#plot").bounding_box()
    assert page.evaluate("window.scrollY") > 500  # the field is far below the plot's place
    assert plot["y"] >= 0 and plot["y"] + plot["height"] <= 800
    assert 0 <= field["y"] <= 800 and field["y"] >= plot["y"] + plot["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    context.close()


# -------------------------------------------------------------------- hooks
def test_panels_carry_stable_hooks(page):
    open_lab(page, page.lab_url)
    for name in ("graph", "plot", "score", "train", "construct", "collapse", "target"):
        assert page.locator(f"[data-panel={name}]").count() == 1, name


def test_fragment_target_and_lang_keep_their_meaning(page):
    open_lab(page, page.lab_url, "#target=sin&lang=zh")
    assert page.input_value("#preset") == "sin"
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    assert page.inner_text("h1") == "actlab 实验室"
