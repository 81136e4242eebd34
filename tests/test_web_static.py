"""The page's static files: shipped in the package, every UI string in English and Chinese."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from actlab.web import create_app
from actlab.web.app import STATIC

STRINGS = json.loads((STATIC / "strings.json").read_text(encoding="utf-8"))
HTML = (STATIC / "index.html").read_text(encoding="utf-8")
SCRIPTS = {p.name: p.read_text(encoding="utf-8") for p in (STATIC / "js").glob("*.js")}


def test_both_languages_have_the_same_keys():
    assert set(STRINGS["en"]) == set(STRINGS["zh"])
    same = [k for k in STRINGS["en"] if STRINGS["en"][k] == STRINGS["zh"][k]]
    assert same == []  # every string is translated


def test_every_key_the_page_uses_exists():
    used = set(re.findall(r'data-i18n="([^"]+)"', HTML))
    for text in SCRIPTS.values():
        used |= set(re.findall(r'\bt\("([a-z][\w.]+)"', text))
    assert used and used <= set(STRINGS["en"])


def test_placeholders_match_across_languages():
    for key, en in STRINGS["en"].items():
        assert set(re.findall(r"\{\w+\}", en)) == set(re.findall(r"\{\w+\}", STRINGS["zh"][key]))


def test_the_page_uses_no_cdn():
    for text in [HTML, *SCRIPTS.values()]:
        assert not re.search(r"https?://", text)


@pytest.mark.parametrize(
    "path", ["/", "/static/js/main.js", "/static/style.css", "/static/strings.json"]
)
def test_static_files_are_served(path):
    assert TestClient(create_app()).get(path).status_code == 200


def test_openapi_documents_every_endpoint():
    paths = TestClient(create_app()).get("/api/openapi.json").json()["paths"]
    for path in [
        "/api/evaluate",
        "/api/collapse",
        "/api/construct",
        "/api/target",
        "/api/train/stream",
        "/api/train/step",
        "/api/settings",
        "/api/presets",
    ]:
        assert path in paths  # fmt: skip
