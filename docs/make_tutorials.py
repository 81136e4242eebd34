"""Write docs/tutorial.ipynb (English) and docs/tutorial.zh.ipynb (Chinese) from one script.

Both notebooks run the same code; only the words differ. Run it after editing the
lesson below: ``python docs/make_tutorials.py``. The test suite executes both
notebooks (tests/test_tutorial.py) and checks they are what this script writes.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent

# (kind, English, Chinese); code cells are the same in both (Chinese left empty) and
# may use {lang}.
CELLS: list[tuple[str, str, str]] = [
    (
        "markdown",
        "# Why neural networks need activation functions\n\n"
        "A hands-on lesson with **actlab**: a target that no network *without* activations "
        "can fit, two sigmoids that do, and the interactive lab right here in the notebook. "
        "Run the cells from top to bottom.",
        "# 神经网络为什么需要激活函数\n\n"
        "用 **actlab** 动手学：一个没有激活函数的网络*永远*拟合不了的目标函数，两个 sigmoid "
        "就能做到；交互实验室就在这个笔记本里。请从上到下依次运行各单元。",
    ),
    (
        "code",
        "import actlab\n"
        "from actlab import Network, Problem, lesson\n"
        "from actlab.collapse import best_line, collapse\n"
        "from actlab.construct import from_points\n"
        "from actlab.figures import contributions_figure, network_diagram\n\n"
        'LANG = "{lang}"\n'
        "actlab.notebook.set_lang(LANG)  # the language of tables and figures\n"
        "x, y = Problem.lesson().train()  # the lesson's target on 201 points over [−2, 6]",
        "",
    ),
    (
        "markdown",
        "## 1. Without activations, any network is a line\n\n"
        "Three hidden layers of eight neurons, all linear: `collapse` folds it into "
        "`y = a·x + b`, exactly. No line does better on the lesson's target than the "
        "least-squares line, the *error floor*.",
        "## 1. 没有激活函数，任何网络都是一条直线\n\n"
        "三个隐藏层、每层八个神经元、全部线性：`collapse` 把它精确地化简为 `y = a·x + b`。"
        "在这个目标上，没有哪条直线比最小二乘直线更好——这就是*误差下限*。",
    ),
    ("code", 'collapse(Network.init(8, 3, "identity", seed=0))', ""),
    ("code", "best_line(x, y)", ""),
    (
        "markdown",
        "## 2. Two sigmoids fit it\n\n"
        "The lesson's hand-built network shows its formula and its diagram; each neuron "
        "contributes one step.",
        "## 2. 两个 sigmoid 就能拟合\n\n"
        "课程中手工搭建的网络会显示它的公式和结构图；每个神经元贡献一个台阶。",
    ),
    ("code", "net = lesson.handbuilt_network()\nnet", ""),
    ("code", "network_diagram(net, lang=LANG)", ""),
    ("code", "contributions_figure(net, x, y, lang=LANG)", ""),
    (
        "markdown",
        "## 3. Build a network through marked points, or train one\n\n"
        "`from_points` places one relu per kink, exactly; `fit` trains three sigmoids "
        "(Levenberg–Marquardt with restarts).",
        "## 3. 由标记点构造网络，或者训练一个\n\n"
        "`from_points` 在每个拐点放一个 relu，精确无误；`fit` 训练三个 sigmoid"
        "（带重启的 Levenberg–Marquardt）。",
    ),
    ("code", "from_points([-2, 0, 2, 4, 6], [0, 0, 4, 2, 2])", ""),
    ("code", 'result = actlab.fit(Network.init(3, 1, "sigmoid", seed=0), x, y)\nresult', ""),
    (
        "markdown",
        "## 4. The lab, in the notebook\n\n"
        "Move a weight, mark points and construct, train live, see what the network "
        "collapses to. The lab starts from the network just trained; `lab.state` holds "
        "its settings and `lab.network` gives the network back to Python.",
        "## 4. 笔记本里的实验室\n\n"
        "拖动权重、标记点并构造、实时训练、查看网络化简成什么。实验室从刚训练好的网络开始；"
        "`lab.state` 保存它的设置，`lab.network` 把网络交回 Python。",
    ),
    (
        "code",
        "from actlab.widgets import Lab\n\nlab = Lab(network=result.network, lang=LANG)\nlab",
        "",
    ),
    (
        "markdown",
        "After changing something in the lab, run this cell: Python sees the network "
        "as the lab shows it.",
        "在实验室里改动之后运行这个单元：Python 看到的就是实验室里显示的网络。",
    ),
    ("code", "lab.network", ""),
    (
        "markdown",
        "A teacher can prepare the lab in code: a target, marked points, a network.",
        "老师可以用代码准备好实验室：目标函数、标记点和网络。",
    ),
    (
        "code",
        'lab.set(target="sin", points=[[-3, 0], [-1.5, -1], [0, 0], [1.5, 1], [3, 0]])\n'
        'lab.network = Network.init(4, 1, "tanh", seed=1)\n'
        'lab.state["target"], lab.network',
        "",
    ),
    (
        "markdown",
        "## 5. Test the lesson's claims\n\n"
        "Every claim is an experiment with a verdict computed from its numbers.",
        "## 5. 检验课程中的论断\n\n每个论断都是一个实验，结论由实验数据算出。",
    ),
    ("code", 'actlab.experiments.run("handbuilt", size="small")', ""),
]


def notebook(lang: str) -> dict:
    """The tutorial in ``lang``."""
    cells = []
    for i, (kind, en, zh) in enumerate(CELLS):
        text = (zh or en) if lang == "zh" else en
        text = text.replace("{lang}", lang)
        source = text.splitlines(keepends=True)
        cell: dict = {"cell_type": kind, "id": f"cell-{i}", "metadata": {}, "source": source}
        if kind == "code":
            cell |= {"execution_count": None, "outputs": []}
        cells.append(cell)
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    meta = {"kernelspec": kernel, "language_info": {"name": "python"}}
    return {"cells": cells, "metadata": meta, "nbformat": 4, "nbformat_minor": 5}


def text(lang: str) -> str:
    """The notebook file's text."""
    return json.dumps(notebook(lang), ensure_ascii=False, indent=1) + "\n"


PATHS = {"en": HERE / "tutorial.ipynb", "zh": HERE / "tutorial.zh.ipynb"}

if __name__ == "__main__":
    for lang, path in PATHS.items():
        path.write_text(text(lang), encoding="utf-8")
        print(path)
