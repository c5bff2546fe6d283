"""The HTML judge page in a real headless Chromium: keyboard verdicts, notes, a reload that
keeps them, the CSV download read back by `ecograph sample score`, hostile names shown as
text only, and no request leaving the page (the `Browser` of test_map_browser records them)."""
from __future__ import annotations

import pytest

from test_map import HOSTILE, build_example
from test_map_browser import browser  # noqa: F401  (fixture)

from ecograph.queries.sample import draw_edges, draw_entities
from ecograph.queries.validate import score_sample
from ecograph.validation import read_sample
from ecograph.visualizations.judge import render_judge, write_sample_csv

pytestmark = pytest.mark.browser
TITLE = "<script>alert('title')</script> judge"


def download(page, tmp_path, name):
    with page.expect_download() as info:
        page.keyboard.press("s")
    d = info.value
    d.save_as(str(tmp_path / name))
    return d.suggested_filename, tmp_path / name


def test_judge_edges_with_the_keyboard_and_save(browser, embedded_store, tmp_path):  # noqa: F811
    build_example(embedded_store)
    sample = draw_edges(embedded_store, 100, seed=6)
    rows = sample.rows
    page = browser.page
    browser.open(render_judge(sample, tmp_path / "judge.html", title=TITLE, download_name="judge-judged.csv"))
    assert page.title() == TITLE and page.locator("#judge-title").inner_text() == TITLE
    assert page.locator("#statement").inner_text() == rows[0]["statement"]
    assert page.locator("#progress").inner_text() == "0 of 15 judged"

    page.keyboard.press("c")                  # correct, and on to the next
    assert page.locator("#position").inner_text().startswith("item 2 of 15")
    page.keyboard.press("w")
    page.keyboard.press("3")                  # unsure
    page.keyboard.press("ArrowLeft")          # back to item 3
    page.keyboard.press("0")                  # clear it
    page.keyboard.press("n")                  # a note; keys typed there judge nothing
    page.keyboard.type('cwu, "quoted" note')
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    page.keyboard.press("u")
    assert page.locator("#progress").inner_text() == "3 of 15 judged"
    assert page.locator("#strip button.correct").count() == 1 and page.locator("#strip button.wrong").count() == 1

    page.reload()                             # verdicts survive a reload until saved
    page.wait_for_function("window.ecograph && window.ecograph.ready === true")
    assert page.locator("#progress").inner_text() == "3 of 15 judged"

    # every item, hostile ones included, shows its text as text, names marked
    for i, r in enumerate(rows):
        page.locator("#strip button").nth(i).click()
        assert page.locator("#statement").inner_text() == r["statement"]
        assert page.locator("#sentence").text_content() == r["_marks"]["text"]
        assert page.locator("#sentence mark").count() == len(r["_marks"]["spans"])
    hostile = next(i for i, r in enumerate(rows) if r["source_id"] == "org:xss-img")
    page.locator("#strip button").nth(hostile).click()
    assert page.locator("#sentence mark.end-0").inner_text() == HOSTILE["org:xss-img"]
    assert page.locator("body script:not([type]), body img, body svg, body iframe, #card a").count() == 1  # ours

    name, saved = download(page, tmp_path, "judged.csv")
    assert name == "judge-judged.csv"
    judged = read_sample(saved)
    assert [r["verdict"] for r in judged.rows][:4] == ["correct", "wrong", "", "unsure"]
    assert judged.rows[2]["note"] == 'cwu, "quoted" note'
    # the page writes the file `ecograph sample` writes, verdicts apart
    plain = read_sample(write_sample_csv(sample, tmp_path / "plain.csv"))
    strip = lambda rs: [{k: v for k, v in r.items() if k not in ("verdict", "note")} for r in rs]  # noqa: E731
    assert strip(judged.rows) == strip(plain.rows) and judged.meta == plain.meta
    _, result = score_sample(embedded_store, saved)
    assert (result.lines[0].correct, result.lines[0].wrong, result.lines[0].unsure) == (1, 1, 1)
    browser.assert_clean()


def test_judge_entities_kind_and_duplicates(browser, embedded_store, tmp_path):  # noqa: F811
    build_example(embedded_store)
    sample = draw_entities(embedded_store, 4, seed=1)
    page = browser.page
    browser.open(render_judge(sample, tmp_path / "entities.html"))
    assert page.locator("#statement").inner_text() == sample.rows[0]["statement"]
    page.keyboard.press("c")                  # entities do not move on: kind and duplicate next
    page.keyboard.press("x")                  # kind wrong
    page.keyboard.press("d")
    page.keyboard.type("=HYPERLINK(\"x\")")   # a formula typed as a name: saved inert
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("w")
    page.keyboard.press("r")
    name, saved = download(page, tmp_path, "entities.csv")
    assert name == "sample-judged.csv"
    rows = read_sample(saved).rows
    assert [(r["verdict"], r["kind_verdict"], r["same_as"]) for r in rows[:2]] == [
        ("correct", "wrong", "'=HYPERLINK(\"x\")"), ("wrong", "correct", "")]
    _, result = score_sample(embedded_store, saved)
    kind = next(p for p in result.lines if p.measure == "kind right")
    assert (kind.judged, kind.correct) == (1, 0)
    browser.assert_clean()
