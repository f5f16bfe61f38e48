"""The Cite dialog, as a reader uses it: for every decision of every declaration, Cite opens the
page's one dialog with that decision's citation in four formats, and each format parses back
(BibTeX with bibtexparser, RIS by its tags, CSL-JSON against the CSL-JSON schema). The buttons are
named after their decision, Esc closes the dialog and focus returns to the button that opened it;
on a phone the dialog fits the screen; without JavaScript the page still gives each address."""
from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, declarations

from .browsing import PHONE, settle

pytestmark = pytest.mark.browser

SITES = {"en": "", "es": "es/"}       # each site's language and folder
STRINGS = {lang: yaml.safe_load((ROOT / "hooks" / "rcmkb" / "i18n" / f"{lang}.yaml").read_text("utf-8"))
           for lang in SITES}
I18N = STRINGS["en"]
CSL_SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "schemas" / "csl-data.json").read_text("utf-8"))
FORMATS = ("text", "bibtex", "ris", "csl")
RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  - (.*)$")


def cited() -> list[tuple[dict, list[int]]]:
    return [(d, sorted(x["number"] for x in d["decisions"])) for d in declarations() if d.get("decisions")]


def _title(d: dict, lang: str = "en") -> str:
    named = d.get("title") or d["meeting"]["name"]
    return named.get(lang) or named.get("en") or named.get("es")


def _edtf(d: dict) -> str | None:
    start, end = d["meeting"].get("start"), d["meeting"].get("end")
    return None if not start else f"{start}/{end}" if end and end != start else start


def _open(page, n: int, lang: str = "en"):
    button = page.get_by_role("button", name=STRINGS[lang]["cite.open_name"].format(n=n), exact=True)
    button.click()
    dialog = page.get_by_role("dialog", name=STRINGS[lang]["cite.title"].format(n=n), exact=True)
    expect(dialog).to_be_visible()
    return button, dialog


def _check_formats(d: dict, n: int, url: str, values: dict, lang: str = "en") -> None:
    """Each format of decision n's citation, parsed back, names the decision, its declaration,
    its address and the meeting's date at the data's own precision."""
    title, when = _title(d, lang), _edtf(d)
    decision = STRINGS[lang]["citation.decision"].format(number=n)
    start = d["meeting"].get("start")
    # Plain text
    text = values["text"]
    assert title in text and decision in text and text.endswith(url), text
    # BibTeX
    library = bibtexparser.parse_string(values["bibtex"])
    assert not library.failed_blocks and len(library.entries) == 1, values["bibtex"]
    entry = library.entries[0]
    fields = {f.key: f.value for f in entry.fields}
    assert entry.key == f"rcm-{d['id']}-{n}"
    assert fields["url"] == url
    assert title in fields["title"] and fields["title"].rstrip("}").endswith(decision)
    assert fields.get("date") == when and fields.get("year") == (start[:4] if start else None)
    # RIS: one tag per line, TY first and ER last
    lines = values["ris"].splitlines()
    tags = [RIS_LINE.match(line) for line in lines]
    assert all(tags), values["ris"]
    ris = {m.group(1): m.group(2) for m in tags}
    assert tags[0].group(1) == "TY" and tags[-1].group(1) == "ER" and len(ris) == len(lines)
    assert ris["UR"] == url and ris["TI"].startswith(title) and ris["TI"].endswith(decision)
    assert ris.get("PY") == (start[:4] if start else None)
    if "DA" in ris:      # YYYY/MM/DD/other, never a part the data does not give
        y, m, day, _ = ris["DA"].split("/", 3)
        given = [x for x in (y, m, day) if x]
        assert "-".join(given) in (when or ""), (ris["DA"], when)
    # CSL-JSON, valid against the CSL-JSON schema
    csl = json.loads(values["csl"])
    jsonschema.Draft7Validator(CSL_SCHEMA).validate(csl)
    assert len(csl) == 1 and csl[0]["URL"] == url and csl[0]["title"].startswith(title)
    if when:
        assert csl[0]["issued"]["date-parts"] == [[int(x) for x in part.split("-")] for part in when.split("/")]
    else:
        assert "issued" not in csl[0]


@pytest.mark.parametrize("lang", SITES)
def test_every_decision_can_be_cited_in_four_formats_that_parse_back(page, base_url, lang):
    assert cited()
    for d, numbers in cited():
        page.goto(f"{base_url}{SITES[lang]}declarations/{d['id']}/")
        # The site's address as this build names it (the tests build with mkdocs.yml's placeholder).
        site_url = page.locator("meta[property='og:url']").get_attribute("content").split("declarations/")[0]
        for n in numbers:
            button, dialog = _open(page, n, lang)
            values = {f: dialog.locator(f"#rcm-cite-{f}").inner_text() for f in FORMATS}
            _check_formats(d, n, f"{site_url}declarations/{d['id']}/#decision-{n}", values, lang)
            page.keyboard.press("Escape")
            expect(dialog).to_be_hidden()
            expect(button).to_be_focused()


def test_each_copy_button_copies_its_format(page, base_url):
    d, numbers = cited()[0]
    n = numbers[-1]
    page.goto(f"{base_url}declarations/{d['id']}/")
    _, dialog = _open(page, n)
    # The first control in the dialog has the focus; Tab stays inside the modal dialog.
    assert page.evaluate("document.activeElement.closest('dialog') !== null")
    for f in FORMATS:
        name = I18N["cite.copy_name"].format(n=n, format=I18N[f"cite.format.{f}"])
        dialog.get_by_role("button", name=name, exact=True).click()
        expect(dialog.get_by_role("status")).to_have_text(I18N["cite.copied"].format(format=I18N[f"cite.format.{f}"]))
        assert page.evaluate("navigator.clipboard.readText()") == dialog.locator(f"#rcm-cite-{f}").inner_text()
    # The Close button closes it too, and focus goes back.
    dialog.get_by_role("button", name=I18N["cite.close"], exact=True).click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("button", name=I18N["cite.open_name"].format(n=n), exact=True)).to_be_focused()


@pytest.mark.parametrize("lang", SITES)
def test_copy_link_buttons_are_named_after_their_decision(page, base_url, lang):
    strings = STRINGS[lang]
    for d, numbers in cited():
        address = f"{base_url}{SITES[lang]}declarations/{d['id']}/"
        page.goto(address)
        for n in numbers:
            for key in ("cite.open_name", "cite.copy_link_name"):
                button = page.get_by_role("button", name=strings[key].format(n=n), exact=True)
                expect(button).to_have_count(1)
                expect(button).to_be_visible()
        n = numbers[0]
        page.get_by_role("button", name=strings["cite.copy_link_name"].format(n=n), exact=True).click()
        assert page.evaluate("navigator.clipboard.readText()") == f"{address}#decision-{n}"


def test_the_dialog_fits_a_phone(phone, base_url):
    d, numbers = cited()[0]
    phone.goto(f"{base_url}declarations/{d['id']}/")
    _, dialog = _open(phone, numbers[0])
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert box["height"] <= PHONE["height"], box
    for f in FORMATS:     # long lines wrap: nothing scrolls sideways
        assert dialog.locator(f"#rcm-cite-{f}").evaluate("e => e.scrollWidth <= e.clientWidth + 1"), f
    phone.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_without_javascript_each_decision_shows_its_address(browser, base_url):
    ctx = browser.new_context(base_url=base_url, java_script_enabled=False)
    try:
        page = ctx.new_page()
        for d, numbers in cited():
            page.goto(f"{base_url}declarations/{d['id']}/")
            expect(page.get_by_role("button", name=re.compile(r"^(Cite|Copy)"))).to_have_count(0)
            for n in numbers:
                address = page.locator(f'.rcm-cite-address a[href="#decision-{n}"]')
                expect(address).to_be_visible()
                expect(address).to_have_text(re.compile(rf"^https?://.+/declarations/{d['id']}/#decision-{n}$"))
            expect(page.locator(".rcm-cite-as")).to_contain_text(_title(d))
    finally:
        ctx.close()


def test_screenshot_of_the_cite_dialog(page, base_url, screenshot):
    """For a person to look at (tests/screenshots/cite-dialog.png)."""
    page.goto(f"{base_url}declarations/xxi/")
    _open(page, 21)
    screenshot(page, "cite-dialog")


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_open_dialog_meets_wcag_21_aa(page, phone, base_url, width):
    from .test_accessibility import axe_violations, describe
    p = page if width == "desktop" else phone
    p.goto(f"{base_url}declarations/xxi/")
    _open(p, 21)
    settle(p)
    violations = axe_violations(p)
    assert not violations, describe(violations)


def test_a_click_on_the_backdrop_closes_the_dialog_and_one_inside_does_not(page, base_url):
    page.goto(f"{base_url}declarations/xxi/")
    button, dialog = _open(page, 21)
    box = dialog.bounding_box()
    page.mouse.click(box["x"] + 3, box["y"] + box["height"] / 2)      # the dialog's own padding
    expect(dialog).to_be_visible()
    page.mouse.click(box["x"] / 2 if box["x"] > 4 else box["x"] + box["width"] + 2, box["y"] + 5)
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()
