"""Every sentence of the report, in English and Chinese.

Templates use ``str.format`` fields; the numbers come from the run that
writes the report, never from this file.
"""

from __future__ import annotations

LANGS = ("en", "zh")

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Why neural networks need activation functions",
        "subtitle": "Every number and picture on this page was computed when it was written (seed {seed}).",
        "toc": "Contents",
        "verdict": "Verdict",
        "holds": "supported",
        "refuted": "refuted",
        "partly": "partly true",
        "claim": "The lesson's claim",
        "formula": "Formula",
        "table_more": "… {n} more rows in {file}",
        "footer": "Made by actlab {version} in {seconds:.1f} s · numpy {numpy} · Python {python}.",
        # 1 target
        "target.title": "1. The target",
        "target.p1": (
            "The lesson asks a network to learn one function of one variable: zero for negative x, "
            "then rising as 2x up to x = 2, falling as −x + 6 up to x = 4, and flat at 2 after "
            "that. It is continuous and made of straight pieces that meet at three kinks, "
            "x = {kinks}."
        ),
        "target.p2": "We fit it on {points} evenly spaced points over [{start:g}, {stop:g}].",
        # 2 linear
        "linear.title": "2. Without activations, a network is a line",
        "linear.p1": (
            "Take a 1-3-1 network with no activation: each hidden neuron computes z_i = w_i·x + b_i "
            "and the output adds them up, y = w4·z1 + w5·z2 + w6·z3 + b4. Expanding gives"
        ),
        "linear.p2": (
            "— a single line y = a·x + b. The figure shows three arbitrary hidden neurons of a "
            "random network (seed {seed}), each scaled by its output weight: their sum is again "
            "a line, y = {line}."
        ),
        "linear.p3": (
            "Depth does not help: a line of a line is a line. The best any line can do on the "
            "target (least squares) is y = {a:.5f}x + {b:.5f}, with MSE {mse:.5f}. That is the "
            "error floor of every network without activations, whatever its size. Training "
            "identity networks of many shapes confirms it:"
        ),
        # 3 nonlinearity
        "nonlin.title": "3. Bend the line: a constant plus S-shaped curves",
        "nonlin.p1": (
            "An activation bends each neuron's line. With the sigmoid σ(z) = 1/(1 + e^(−z)), a "
            "neuron becomes a soft step, and steps can be stacked: a rising step at x ≈ 1 and a "
            "falling one at x ≈ 3 already draw the target's hill. The lesson writes it as "
            "h(x) = 4σ(2.4x − 2.4) (green) plus p(x) = 2σ(−2.4x + 7.4) − 2 (red):"
        ),
        "nonlin.p2": (
            "As a network this is one hidden layer of two sigmoid neurons, z1 = 2.4x − 2.4 and "
            "z2 = −2.4x + 7.4, with output y = 4σ(z1) + 2σ(z2) − 2."
        ),
        # 4 handbuilt
        "hand.title": "4. How good are the lesson's two sigmoids?",
        "hand.p1": (
            "On the {points} points the hand-built network has MSE {mse:.6f} and largest error "
            "{max_error:.5f}. We compare it with the best two-sigmoid network that actlab "
            "constructs by hand and with the optimum found by training from many starts:"
        ),
        "hand.p2": (
            "Training in motion: Adam (learning rate 0.1) on a two-neuron sigmoid network. Of "
            "{starts} seeded starts, {stuck} got stuck on a plateau where a sigmoid saturates; "
            "below is the first that did not (seed {seed}), ending at MSE {final:.5f}."
        ),
        # 5 redundant
        "redundant.title": "5. Does a third neuron learn to vanish?",
        "redundant.p1": (
            "The lesson says two neurons are enough, so a third would learn its parameters as 0. "
            "We trained {n} width-3 sigmoid networks from different seeds and measured, for each "
            "neuron, how far it can move the output (|output weight| × the range of its "
            "activation over the data), relative to the target's range."
        ),
        "redundant.p2": (
            "The histogram shows the weakest neuron of every network; below it, the best width-3 "
            "network with each neuron's contribution drawn on the same axes."
        ),
        # 6 harder curve
        "harder.title": "6. A harder curve from marked points",
        "harder.p1": (
            "For a curve with more bends, mark points on it and join them: one relu per kink "
            "gives the broken line through the points exactly, and one sigmoid per segment gives "
            "a smooth version. No training is needed. With {n} marked points on the curve "
            "“{target}”:"
        ),
        "harder.p2": "More points, more neurons, smaller error:",
        # 7 tanh
        "tanh.title": "7. Tanh works the same way",
        "tanh.p1": (
            "tanh is a sigmoid in disguise: tanh(z) = 2σ(2z) − 1. Any sigmoid network can be "
            "rewritten exactly as a tanh network and back, so both reach the same optimum:"
        ),
        # 8 relu
        "relu.title": "8. ReLU: the target exactly, and a network cut into pieces",
        "relu.p1": (
            "With relu(z) = max(z, 0) the lesson's target needs no approximation: three relus at "
            "the kinks 0, 2 and 4 give {formula}, whose largest error on the grid is "
            "{max_error:.1e}. Any relu network is a broken line; actlab lists its pieces exactly "
            "({pieces} pieces here)."
        ),
        # 9 square
        "square.title": "9. Why a polynomial activation is not enough",
        "square.p1": (
            "Nonlinear is not enough: with square(z) = z², a one-hidden-layer network is a "
            "polynomial of degree 2 however wide it is (degree ≤ 2^depth in general). The best "
            "parabola has MSE {mse:.5f} on the target, and a trained width-{width} square network "
            "reaches {trained:.5f}. Universal approximation needs a non-polynomial activation "
            "(Leshno, Lin, Pinkus & Schocken, 1993)."
        ),
        # 10 width and depth
        "width.title": "10. Width and depth",
        "width.p1": (
            "Error against the number of hidden neurons, best of several trainings per width, "
            "on the lesson's target and on smooth ones. The figure shows sin(x) (log-log; the "
            "legend gives each slope); on the lesson's own target relu is exact from three "
            "neurons on, an error of 0 that a log axis cannot show:"
        ),
        "depth.p1": (
            "Depth multiplies pieces: at equal parameter counts, deep-narrow and shallow-wide relu "
            "networks compared by their linear pieces and their error after training:"
        ),
        # 11 inputs
        "inputs.title": "11. More than one input",
        "inputs.p1": (
            "The lecture's model has several features: y = w1·x1 + w2·x2 + … + wk·xk + b. A "
            "network without activations on k inputs collapses exactly as on one: every layer is "
            "affine, so the whole network is one affine map y = a·x + b with a vector a — for two "
            "inputs a plane. A random 2-3-3-1 identity network, folded:"
        ),
        "inputs.p2": (
            "A plane cannot bend. On the surface y = {target} ({points} grid points over "
            "[−2, 6]²) the best plane (least squares) is {plane}, "
            "with MSE {mse:.4f}: no linear network of any size does better. Its contour lines are "
            "straight and parallel, the target's are not:"
        ),
        "inputs.p3": (
            "With relu the surface can bend. A trained 2-8-8-1 relu network reaches MSE {mse:.4f}, "
            "{ratio:.0f} times below the plane. It is still linear piece by piece: actlab cuts the "
            "box into its exact linear regions, {count} convex polygons, each with its own plane."
        ),
        "inputs.p4": (
            "The lecture's own example: predict a value of a series from the values before it. "
            "On the yearly sunspot numbers (1700–2008), trained on the earlier 80% of the years and "
            "tested on the later 20% — the future, as a forecast would be — a linear model on one "
            "lag and on seven, then sigmoid and relu networks of growing width and depth:"
        ),
        "inputs.plane": "best plane",
        "fig.plane": "A linear network is a plane",
        "fig.surface": "The target, the best plane and a relu network",
        "fig.regions": "The relu network's linear regions",
        "fig.target": "The lesson's target",
        "fig.lines": "Three lines and their sum: still a line",
        "fig.collapse": "Trained identity network vs the best line",
        "fig.decomposition": "h(x) + p(x) against the target",
        "fig.diagram": "The hand-built network",
        "fig.animation": "Training a width-2 sigmoid network",
        "fig.histogram": "Weakest neuron's contribution",
        "fig.contributions": "Best width-3 network and its neurons",
        "fig.harder": "Constructions through marked points",
        "fig.tanh": "Best sigmoid and tanh networks",
        "fig.relu": "Three relus: the target exactly",
        "fig.square": "Square activation vs sigmoid",
        "fig.width": "Error vs width",
    },
    "zh": {
        "title": "神经网络为什么需要激活函数",
        "subtitle": "本页的每个数字和每张图，都是生成本页时现场计算的（随机种子 {seed}）。",
        "toc": "目录",
        "verdict": "结论",
        "holds": "成立",
        "refuted": "不成立",
        "partly": "部分成立",
        "claim": "课程中的说法",
        "formula": "公式",
        "table_more": "… 另有 {n} 行，见 {file}",
        "footer": "由 actlab {version} 生成，用时 {seconds:.1f} 秒 · numpy {numpy} · Python {python}。",
        "target.title": "1. 目标函数",
        "target.p1": (
            "课程要网络学习一个一元函数：x 为负时等于 0，之后按 2x 上升到 x = 2，再按 −x + 6 下降到 "
            "x = 4，此后保持为 2。它连续，由几段直线组成，在 x = {kinks} 三处转折。"
        ),
        "target.p2": "我们在 [{start:g}, {stop:g}] 上均匀取 {points} 个点来拟合它。",
        "linear.title": "2. 没有激活函数，网络就是一条直线",
        "linear.p1": (
            "看一个没有激活函数的 1-3-1 网络：每个隐藏神经元计算 z_i = w_i·x + b_i，输出把它们加起来，"
            "y = w4·z1 + w5·z2 + w6·z3 + b4。展开得到"
        ),
        "linear.p2": (
            "——仍是一条直线 y = a·x + b。图中是一个随机网络（种子 {seed}）的三个隐藏神经元，"
            "各乘以它的输出权重：加起来还是一条直线，y = {line}。"
        ),
        "linear.p3": (
            "加深也没用：直线的直线还是直线。任何直线在目标上能做到的最好结果（最小二乘）是 "
            "y = {a:.5f}x + {b:.5f}，MSE 为 {mse:.5f}。这就是所有无激活网络的误差下限，不论大小。"
            "训练各种结构的恒等激活网络，结果印证了这一点："
        ),
        "nonlin.title": "3. 把直线掰弯：一个常数加若干条 S 形曲线",
        "nonlin.p1": (
            "激活函数把每个神经元的直线掰弯。用 sigmoid σ(z) = 1/(1 + e^(−z))，一个神经元就是一个"
            "平滑的台阶，台阶可以叠加：x ≈ 1 处的上升台阶加上 x ≈ 3 处的下降台阶，就画出了目标的"
            "山形。课程写作 h(x) = 4σ(2.4x − 2.4)（绿）加 p(x) = 2σ(−2.4x + 7.4) − 2（红）："
        ),
        "nonlin.p2": (
            "写成网络，就是一个含两个 sigmoid 神经元的隐藏层，z1 = 2.4x − 2.4，z2 = −2.4x + 7.4，"
            "输出 y = 4σ(z1) + 2σ(z2) − 2。"
        ),
        "hand.title": "4. 课程里的两个 sigmoid 有多好？",
        "hand.p1": (
            "在这 {points} 个点上，手工搭建的网络 MSE 为 {mse:.6f}，最大误差 {max_error:.5f}。"
            "我们把它与 actlab 手工构造的最好的两 sigmoid 网络、以及多次随机起点训练得到的最优解比较："
        ),
        "hand.p2": (
            "训练过程动起来：用 Adam（学习率 0.1）训练两神经元的 sigmoid 网络。{starts} 个随机起点中，"
            "有 {stuck} 个卡在某个 sigmoid 饱和的平台上；下面是第一个没有卡住的（种子 {seed}），"
            "最终 MSE 为 {final:.5f}。"
        ),
        "redundant.title": "5. 第三个神经元会学成 0 吗？",
        "redundant.p1": (
            "课程说两个神经元就够了，所以第三个神经元会把参数学成 0。我们用不同随机种子训练了 {n} 个"
            "3 神经元的 sigmoid 网络，对每个神经元测量它能把输出移动多少（|输出权重| × 它的激活值在"
            "数据上的变化范围），再除以目标函数的值域。"
        ),
        "redundant.p2": "直方图是每个网络中最弱的那个神经元；下图是最好的 3 神经元网络，各神经元的贡献画在同一坐标系中。",
        "harder.title": "6. 用标记点拟合更复杂的曲线",
        "harder.p1": (
            "对于弯折更多的曲线，在上面标记一些点再连起来：每个转折点一个 relu，就能精确得到穿过这些点"
            "的折线；每一段一个 sigmoid，就得到平滑的版本。完全不需要训练。在曲线“{target}”上取 {n} "
            "个标记点："
        ),
        "harder.p2": "点越多、神经元越多，误差越小：",
        "tanh.title": "7. tanh 同理",
        "tanh.p1": (
            "tanh 其实是换了装的 sigmoid：tanh(z) = 2σ(2z) − 1。任何 sigmoid 网络都能精确改写成 tanh "
            "网络，反之亦然，所以两者达到同样的最优解："
        ),
        "relu.title": "8. ReLU：精确表示目标，网络就是一段段直线",
        "relu.p1": (
            "用 relu(z) = max(z, 0)，课程的目标函数不需要近似：在转折点 0、2、4 处放三个 relu，得到 "
            "{formula}，在网格上的最大误差为 {max_error:.1e}。任何 relu 网络都是折线；actlab 能精确列出"
            "它的每一段（这里共 {pieces} 段）。"
        ),
        "square.title": "9. 为什么多项式激活函数不够",
        "square.p1": (
            "只是非线性还不够：用 square(z) = z²，单隐藏层网络无论多宽都只是 2 次多项式（一般地，次数 "
            "≤ 2^层数）。最好的抛物线在目标上的 MSE 为 {mse:.5f}，训练出的宽度 {width} 的平方激活网络"
            "为 {trained:.5f}。万能逼近需要非多项式的激活函数（Leshno、Lin、Pinkus 与 Schocken，1993）。"
        ),
        "width.title": "10. 宽度与深度",
        "width.p1": "误差随隐藏神经元个数的变化，每个宽度取多次训练中最好的一次，目标为课程的函数和几个光滑函数。图中是 sin(x)（双对数坐标，图例给出斜率）；在课程自己的目标上，relu 从三个神经元起就精确为 0，对数坐标画不出来：",
        "depth.p1": "深度让线性段成倍增加：参数量相同时，比较深而窄与浅而宽的 relu 网络的线性段数和训练后的误差：",
        "inputs.title": "11. 不止一个输入",
        "inputs.p1": (
            "课程中的模型有多个特征：y = w1·x1 + w2·x2 + … + wk·xk + b。没有激活函数的 k 输入网络和单输入时"
            "一样会坍缩：每一层都是仿射变换，所以整个网络就是一个仿射映射 y = a·x + b，a 是向量——两个输入时"
            "就是一个平面。一个随机的 2-3-3-1 恒等激活网络，折叠后为："
        ),
        "inputs.p2": (
            "平面不会弯曲。在曲面 y = {target}（[−2, 6]² 上 {points} 个网格点）上，最好的平面（最小二乘）是 "
            "{plane}，MSE 为 {mse:.4f}：任何大小的线性网络都不会更好。"
            "它的等高线是平行的直线，目标函数的则不是："
        ),
        "inputs.p3": (
            "用 relu，曲面就能弯曲。训练后的 2-8-8-1 relu 网络 MSE 为 {mse:.4f}，比平面低 {ratio:.0f} 倍。"
            "它仍然是分片线性的：actlab 把区域精确地切成它的线性区域，共 {count} 个凸多边形，每块上是一个平面。"
        ),
        "inputs.p4": (
            "课程自己的例子：用序列前面的值预测当前的值。在太阳黑子年度数（1700–2008）上，用较早的 80% 年份"
            "训练、较晚的 20% 年份测试（即预测未来），先用 1 个和 7 个滞后值的线性模型，再用宽度和深度"
            "逐渐增加的 sigmoid 与 relu 网络："
        ),
        "inputs.plane": "最佳平面",
        "fig.plane": "线性网络只是一个平面",
        "fig.surface": "目标、最佳平面与 relu 网络",
        "fig.regions": "relu 网络的线性区域",
        "fig.target": "课程的目标函数",
        "fig.lines": "三条直线之和：仍是直线",
        "fig.collapse": "训练后的恒等激活网络与最佳直线",
        "fig.decomposition": "h(x) + p(x) 与目标函数",
        "fig.diagram": "手工搭建的网络",
        "fig.animation": "训练一个两神经元的 sigmoid 网络",
        "fig.histogram": "最弱神经元的贡献",
        "fig.contributions": "最好的 3 神经元网络及其各神经元",
        "fig.harder": "穿过标记点的构造",
        "fig.tanh": "最好的 sigmoid 与 tanh 网络",
        "fig.relu": "三个 relu：精确等于目标",
        "fig.square": "平方激活与 sigmoid",
        "fig.width": "误差与宽度",
    },
}


def text(lang: str, key: str, **fields: object) -> str:
    """The sentence ``key`` in ``lang`` with its fields filled in."""
    template = TEXT[lang][key]
    return template.format(**fields) if fields else template
