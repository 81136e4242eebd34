"""Piecewise-linear networks: exact breakpoints and pieces, checked against the forward pass."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actlab import ACTIVATIONS, Network, UnsupportedError
from actlab.collapse import PIECEWISE_LINEAR_FORMS, Pieces, linear_pieces
from actlab.collapse import pieces as pieces_module

PL_NAMES = list(PIECEWISE_LINEAR_FORMS)


def _random_net(rng: np.random.Generator, widths: list[int], acts: list[str]) -> Network:
    """Weights N(0, 2²) so that many neurons cross their kinks over a few units of x."""
    sizes = [1, *widths, 1]
    ws = [rng.normal(0, 2.0, (o, i)) for i, o in itertools.pairwise(sizes)]
    bs = [rng.normal(0, 2.0, o) for o in sizes[1:]]
    return Network(ws, bs, acts)


def _probe_points(pieces: Pieces) -> np.ndarray:
    """Every breakpoint, three points inside each finite piece, and points far beyond."""
    t = pieces.breakpoints
    if t.size == 0:
        return np.array([-100.0, -1.0, 0.0, 1.0, 100.0])
    inner = [t[:-1] + f * (t[1:] - t[:-1]) for f in (0.25, 0.5, 0.75)]
    beyond = [t[0] - d for d in (1e-3, 1.0, 100.0)] + [t[-1] + d for d in (1e-3, 1.0, 100.0)]
    return np.concatenate([t, *inner, beyond])


def _assert_matches_forward(net: Network, pieces: Pieces) -> None:
    x = _probe_points(pieces)
    y = net(x)
    scale = np.max(np.abs(pieces.slopes)) * np.max(np.abs(x)) + np.max(np.abs(pieces.intercepts))
    np.testing.assert_allclose(pieces(x), y, rtol=0, atol=1e-10 * (1 + scale), err_msg=repr(net))
    # at a breakpoint both neighbouring pieces give the same value: the function is continuous
    t = pieces.breakpoints
    left = pieces.slopes[:-1] * t + pieces.intercepts[:-1]
    right = pieces.slopes[1:] * t + pieces.intercepts[1:]
    np.testing.assert_allclose(left, right, rtol=0, atol=1e-10 * (1 + scale))


@pytest.mark.parametrize("activation", ["relu", "hard_sigmoid", "leaky_relu", "hard_tanh"])
@pytest.mark.parametrize("depth", [1, 2, 3], ids=lambda d: f"depth{d}")
def test_linear_pieces_match_forward(activation: str, depth: int, rng: np.random.Generator) -> None:
    for _ in range(15):
        widths = [int(w) for w in rng.integers(1, 9, size=depth)]
        net = _random_net(rng, widths, [activation] * depth)
        pieces = linear_pieces(net)
        _assert_matches_forward(net, pieces)
        assert np.all(np.diff(pieces.breakpoints) > 0)


def test_linear_pieces_mixed_deep_networks_match_forward(rng: np.random.Generator) -> None:
    counts = []
    for _ in range(30):
        depth = int(rng.integers(2, 7))
        acts = [str(a) for a in rng.choice(PL_NAMES, size=depth)]
        widths = [int(w) for w in rng.integers(2, 9, size=depth)]
        net = _random_net(rng, widths, acts)
        pieces = linear_pieces(net)
        _assert_matches_forward(net, pieces)
        counts.append(pieces.count)
    assert max(counts) > 10  # the networks really are cut into many pieces


def test_linear_pieces_torch_initialised_networks(rng: np.random.Generator) -> None:
    for seed in range(10):
        net = Network.init(8, 3, ["relu", "hard_sigmoid", "leaky_relu"], seed=seed)
        _assert_matches_forward(net, linear_pieces(net))


def test_linear_pieces_every_breakpoint_is_a_kink(rng: np.random.Generator) -> None:
    # after merging, neighbouring pieces differ: no breakpoint is left where nothing bends
    for _ in range(20):
        net = _random_net(rng, [6, 6], ["relu", "hard_sigmoid"])
        pieces = linear_pieces(net)
        assert np.all(np.diff(pieces.slopes) != 0)


def test_linear_pieces_hand_worked_relu() -> None:
    # y = relu(x) + relu(x − 1) − 1: slope 0 for x < 0, 1 on [0, 1], 2 beyond
    # intercepts: −1; 0·… x − 1 on [0, 1]; x + (x − 1) − 1 = 2x − 2 beyond
    net = Network.shallow(w=[1, 1], b=[0, -1], c=[1, 1], c0=-1, activation="relu")
    pieces = linear_pieces(net)
    assert pieces.breakpoints.tolist() == [0.0, 1.0]
    assert pieces.slopes.tolist() == [0.0, 1.0, 2.0]
    assert pieces.intercepts.tolist() == [-1.0, -1.0, -2.0]


def test_linear_pieces_merges_pieces_that_cancel() -> None:
    # relu(x) − relu(−x) = x: the kink at 0 cancels, one piece remains
    net = Network.shallow(w=[1, -1], b=[0, 0], c=[1, -1], c0=0, activation="relu")
    pieces = linear_pieces(net)
    assert pieces.count == 1
    assert (pieces.slopes[0], pieces.intercepts[0]) == (1.0, 0.0)


def test_linear_pieces_hard_sigmoid_ramp() -> None:
    # hard_sigmoid(x) = clip(x/6 + 1/2, 0, 1): kinks at x = −3 and 3
    net = Network.shallow(w=[1], b=[0], c=[1], c0=0, activation="hard_sigmoid")
    pieces = linear_pieces(net)
    assert pieces.breakpoints.tolist() == [-3.0, 3.0]
    assert pieces.slopes.tolist() == pytest.approx([0.0, 1 / 6, 0.0])
    assert pieces.intercepts.tolist() == pytest.approx([0.0, 0.5, 1.0])


def test_linear_pieces_duplicate_neurons_share_one_breakpoint() -> None:
    net = Network.shallow(w=[2, 2, 2], b=[-1, -1, -1], c=[1, 1, 1], c0=0, activation="relu")
    pieces = linear_pieces(net)
    assert pieces.breakpoints.tolist() == [0.5]


def test_linear_pieces_identity_network_is_one_piece() -> None:
    net = Network.init(4, 2, "identity", seed=0)
    pieces = linear_pieces(net)
    assert pieces.count == 1
    _assert_matches_forward(net, pieces)


_weight = st.one_of(
    st.just(0.0), st.floats(0.01, 10.0), st.floats(-10.0, -0.01), st.sampled_from([1.0, -1.0])
)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), width=st.integers(1, 12))
def test_linear_pieces_relu_depth_1_has_at_most_width_plus_1(
    data: st.DataObject, width: int
) -> None:
    w = data.draw(st.lists(_weight, min_size=width, max_size=width))
    b = data.draw(st.lists(_weight, min_size=width, max_size=width))
    c = data.draw(st.lists(_weight, min_size=width, max_size=width))
    net = Network.shallow(w=w, b=b, c=c, c0=data.draw(_weight), activation="relu")
    pieces = linear_pieces(net)
    assert pieces.count <= width + 1
    _assert_matches_forward(net, pieces)


def test_linear_pieces_relu_depth_1_many_seeds() -> None:
    for width in (1, 2, 5, 16, 64):
        for seed in range(20):
            net = Network.init(width, 1, "relu", seed=seed)
            assert linear_pieces(net).count <= width + 1


@pytest.mark.parametrize("name", PL_NAMES)
def test_piecewise_linear_forms_equal_the_activation_table(name: str) -> None:
    form = PIECEWISE_LINEAR_FORMS[name]
    z = np.linspace(-10, 10, 2001)
    region = np.searchsorted(np.asarray(form.kinks), z)
    expected = np.asarray(form.slopes)[region] * z + np.asarray(form.intercepts)[region]
    np.testing.assert_allclose(ACTIVATIONS[name](z), expected, rtol=0, atol=1e-15)


def test_piecewise_linear_forms_cover_the_table() -> None:
    table = {n for n, a in ACTIVATIONS.items() if a.piecewise_linear}
    assert table == set(PIECEWISE_LINEAR_FORMS)


def test_pieces_to_dict_uses_null_for_infinite_ends() -> None:
    net = Network.shallow(w=[1, 1], b=[0, -1], c=[1, 1], c0=-1, activation="relu")
    data = linear_pieces(net).to_dict()
    assert data["kind"] == "pieces"
    assert data["breakpoints"] == [0.0, 1.0]
    assert data["pieces"][0] == {"start": None, "stop": 0.0, "slope": 0.0, "intercept": -1.0}
    assert data["pieces"][-1]["stop"] is None
    assert len(data["pieces"]) == data["count"] == 3


@pytest.mark.parametrize(
    ("acts", "message"),
    [
        (["sigmoid"], r"covers the piecewise-linear activations .*; got layer 1: sigmoid"),
        (["relu", "square"], r"got layer 2: square"),
    ],
    ids=["sigmoid", "square"],
)
def test_linear_pieces_rejects_other_activations(acts: list[str], message: str) -> None:
    net = Network.init(2, len(acts), acts, seed=0)
    with pytest.raises(UnsupportedError, match=message):
        linear_pieces(net)


def test_linear_pieces_rejects_populations() -> None:
    with pytest.raises(UnsupportedError, match="single network"):
        linear_pieces(Network.init(2, 1, "relu", seed=[0, 1]))


def test_linear_pieces_refuses_too_many_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pieces_module, "MAX_PIECES", 3)
    net = Network.shallow(w=[1, 1, 1], b=[0, -1, -2], c=[1, 1, 1], c0=0, activation="relu")
    with pytest.raises(UnsupportedError, match="more than 3 linear pieces; too many to list"):
        linear_pieces(net)
