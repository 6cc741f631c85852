"""The pages in a real browser (Debian's Chromium through Playwright) on the shipped samples: find
"Aldana", see his timeline and network drawn, click an edge and open the article behind it with
the supporting passage highlighted at the right characters, merge two actors and undo it; and an
article holding ``<script>`` and ``<img onerror>`` runs nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import TOKEN, need_routes

pytestmark = pytest.mark.slow

DRAWN = 20_000  # ms a widget may take to fetch its JSON and draw
TIMELINE = "/api/v1/entities/{entity_id}/timeline"
NETWORK = "/api/v1/entities/{entity_id}/network"
DECISIONS = "/api/v1/decisions"


def _open_actor(page: Any, name: str) -> str:
    """Search ``name``, follow the first actor found; the actor's URL."""
    page.goto(f"/search?q={name}")
    page.locator("ul.hits a[href^='/entities/']").first.click()
    page.wait_for_url("**/entities/ce_*")
    return str(page.url)


def _focus(page: Any) -> tuple[int, int, str, str]:
    """The focused passage on a document page: its offsets, its text as shown and the article's
    characters at those offsets."""
    return page.evaluate(
        """() => {
          const pieces = [...document.querySelectorAll('[data-ann="focus"]')];
          const start = +pieces[0].dataset.start, end = +pieces[0].dataset.end;
          const text = document.getElementById('article-text').textContent;
          return [start, end, pieces.map(p => p.textContent).join(''), text.slice(start, end)];
        }"""
    )


def test_actor_page_draws_timeline_and_network(page: Any, server: str) -> None:
    need_routes(server, TIMELINE, NETWORK)
    csp: list[str] = []
    page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else 0)
    _open_actor(page, "Aldana")
    assert "Aldana" in page.locator("h1").inner_text()
    page.wait_for_selector("#timeline[data-drawn]", timeout=DRAWN)
    assert page.locator("#timeline .vis-item").count() > 3
    # allegations, and established facts or occurred events, look different
    assert page.locator("#timeline .vis-item.status-alleged").count() >= 1
    assert (
        page.locator(
            "#timeline .vis-item.status-occurred, #timeline .vis-item.status-asserted"
        ).count()
        >= 1
    )
    page.wait_for_selector("#network[data-drawn]", timeout=DRAWN)
    assert page.locator("#network canvas").count() >= 1
    assert page.evaluate("window.newsgraphNetwork.nodes().length") >= 3
    assert page.errors == [] and csp == [], (page.errors, csp)


def test_a_long_timeline_is_drawn_first_and_completed_page_by_page(page: Any, server: str) -> None:
    """The widget draws the first records it gets and adds the later pages to the drawn
    timeline: here the server's answer is cut to 3 records a page (the page asks for more)."""
    import json

    need_routes(server, TIMELINE)
    asked: list[str] = []
    whole: dict[str, Any] = {}

    def cut(route: Any) -> None:
        url = route.request.url
        asked.append(url)
        if not whole:
            full = route.fetch(url=url.split("?")[0] + "?limit=1000").json()
            whole.update(full)
        offset = int(url.split("offset=")[1].split("&")[0]) if "offset=" in url else 0
        body = {**whole, "items": whole["items"][offset : offset + 3], "offset": offset}
        route.fulfill(status=200, content_type="application/json", body=json.dumps(body))

    page.route("**/api/v1/entities/*/timeline*", cut)
    _open_actor(page, "Aldana")
    page.wait_for_selector("#timeline[data-loaded]", timeout=DRAWN)
    n = len(whole["items"])
    assert n > 3 and page.get_attribute("#timeline", "data-drawn") == "3"
    dated = sum(1 for i in whole["items"] if i.get("date") or i.get("doc_date"))
    assert page.get_attribute("#timeline", "data-loaded") == str(dated)
    assert len(asked) == 1 + -(-(n - 3) // 3)  # the first page, then the rest 3 at a time
    assert page.errors == [], page.errors


def test_the_network_is_drawn_the_same_way_on_every_visit(page: Any, server: str) -> None:
    need_routes(server, NETWORK)
    where = (
        "window.newsgraphNetwork.nodes().map(n => [n.id(), Math.round(n.position('x')), "
        "Math.round(n.position('y'))]).sort()"
    )
    url = _open_actor(page, "Aldana")
    page.wait_for_selector("#network[data-drawn]", timeout=DRAWN)
    first = page.evaluate(where)
    page.goto(url)
    page.wait_for_selector("#network[data-drawn]", timeout=DRAWN)
    assert len(first) >= 3 and page.evaluate(where) == first


def test_network_filter_hides_edges(page: Any, server: str) -> None:
    need_routes(server, NETWORK)
    _open_actor(page, "Aldana")
    page.wait_for_selector("#network[data-drawn]", timeout=DRAWN)
    total = page.evaluate("window.newsgraphNetwork.edges().length")
    options = page.locator("#network-filters select[name=type] option").all_inner_texts()
    assert "claims" in options
    page.select_option("#network-filters select[name=type]", "claims")
    page.click("#network-filters button")
    visible = int(page.get_attribute("#network", "data-visible-edges"))
    assert 0 < visible <= total
    page.fill("#network-filters input[name=from]", "2999")
    page.click("#network-filters button")
    assert page.get_attribute("#network", "data-visible-edges") == "0"


def test_edge_click_opens_the_article_with_its_passage_highlighted(
    page: Any, server: str, sample_db: Path
) -> None:
    need_routes(server, NETWORK)
    from newsgraph.app.access import read_store
    from newsgraph.query import get_document
    from newsgraph.web.document_view import record_focus

    _open_actor(page, "Aldana")
    page.wait_for_selector("#network[data-drawn]", timeout=DRAWN)
    page.wait_for_selector("#timeline[data-drawn]", timeout=DRAWN)  # the page is laid out
    # click the middle of an edge that no actor covers, where the browser drew it (the heaviest
    # first; the next if a click lands between the curves of a bundle)
    page.locator("#network").scroll_into_view_if_needed()
    points = page.evaluate(
        """() => {
          const cy = window.newsgraphNetwork, box = cy.container().getBoundingClientRect();
          const covered = (p) => cy.nodes().some((n) => {
            const b = n.renderedBoundingBox({ includeLabels: true });
            return p.x >= b.x1 - 4 && p.x <= b.x2 + 4 && p.y >= b.y1 - 4 && p.y <= b.y2 + 4;
          });
          return cy.edges().sort((a, b) => b.data('weight') - a.data('weight'))
            .map((e) => e.renderedMidpoint()).filter((p) => !covered(p))
            .map((p) => [box.left + p.x, box.top + p.y]);
        }"""
    )
    link = page.locator("#edge-sources a.edge-record").first
    for x, y in points[:5]:
        page.mouse.click(x, y)
        if page.locator("#edge-sources a.edge-record").count():
            break
        page.wait_for_timeout(500)
    link.wait_for(timeout=5_000)
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url("**/documents/**")
    start, end, shown, chars = _focus(page)
    assert shown == chars and end > start
    # the same characters the store holds for that record
    doc_id = href.split("/documents/")[1].split("?")[0]
    rec = href.split("rec=")[1].split("#")[0]
    with read_store(sample_db) as store:
        stored = get_document(store, doc_id)
    assert record_focus(stored.result, rec) == (start, end)
    assert stored.result["doc"]["text"][start:end] == shown
    # hovering a highlight says what was extracted
    target = page.locator("#article-text .hl-event").first
    target.hover()
    panel = page.locator("#extraction-panel").inner_text()
    # the innermost highlight under the pointer: the event's trigger or a mention or time in it
    assert panel.split()[0] in ("event", "mention", "time"), panel
    assert f"[{target.get_attribute('data-start')}" in panel or panel.split()[0] != "event"


def test_timeline_item_opens_its_sentence(page: Any, server: str) -> None:
    need_routes(server, TIMELINE)
    _open_actor(page, "Aldana")
    page.wait_for_selector("#timeline[data-drawn]", timeout=DRAWN)
    # click an item where the browser shows it uncovered (once the timeline has placed them)
    x, y = page.wait_for_function(
        """() => {
          for (const item of document.querySelectorAll('#timeline .vis-item.vis-point')) {
            item.scrollIntoView({ block: 'center', inline: 'center' });
            const r = item.getBoundingClientRect();
            const x = r.left + r.width / 2, y = r.top + r.height / 2;
            const hit = document.elementFromPoint(x, y);
            if (r.width > 0 && hit && hit.closest('.vis-item') === item) return [x, y];
          }
          return null;
        }""",
        timeout=DRAWN,
    ).json_value()
    page.mouse.click(x, y)
    page.wait_for_url("**/documents/**")
    start, end, shown, chars = _focus(page)
    assert shown == chars and end > start


def test_merge_and_undo_from_the_decisions_page(page: Any, server: str) -> None:
    need_routes(server, DECISIONS)
    page.goto("/entities?type=PERSON")
    links = page.locator("table.list a[href^='/entities/']")
    first, second = links.nth(0).get_attribute("href"), links.nth(1).get_attribute("href")
    name_a, name_b = links.nth(0).inner_text(), links.nth(1).inner_text()
    page.goto("/decisions")
    rows_before = page.locator("#decisions tbody tr[data-decision]").count()
    page.fill("#token", TOKEN)
    page.fill("#merge-form input[name=a]", first.rsplit("/", 1)[1])
    page.fill("#merge-form input[name=b]", second.rsplit("/", 1)[1])
    page.fill("#merge-form input[name=note]", "browser test merge")
    with page.expect_navigation():
        page.click("#merge-form button")
    row = page.locator("#decisions tbody tr[data-decision]", has_text="browser test merge")
    assert row.count() == 1
    assert page.locator("#decisions tbody tr[data-decision]").count() == rows_before + 1
    # the merged actor, linked from the decision, now goes by both names
    row.locator("a[href^='/entities/']").first.click()
    page.wait_for_url("**/entities/**")
    names = page.locator("ul.names").inner_text()
    assert name_a in names and name_b in names
    # undo: the decision is gone and the two actors are apart again
    page.goto("/decisions")
    with page.expect_navigation():
        row.locator("button.undo").click()
    assert page.locator("#decisions tbody tr", has_text="browser test merge").count() == 0
    _open_actor(page, name_a)
    assert name_b not in page.locator("ul.names").inner_text()


def test_split_an_alias_and_undo_from_the_decisions_page(page: Any, server: str) -> None:
    """Split one of the actor's other names off into an actor of its own, see it gone from the
    actor's names and found as its own actor, then undo and see it back."""
    need_routes(server, DECISIONS)
    actor_url = _open_actor(page, "Aldana")
    entity_id = actor_url.rsplit("/", 1)[1]
    aliases = page.request.get(f"/api/v1/entities/{entity_id}").json()["entity"]["aliases"]
    assert aliases, "the actor should have another name to split off"
    alias = max(aliases, key=len)
    page.goto("/decisions")
    page.fill("#token", TOKEN)
    page.fill("#split-form input[name=a]", entity_id)
    page.fill("#split-form input[name=b]", alias)
    page.fill("#split-form input[name=note]", "browser test split")
    with page.expect_navigation():
        page.click("#split-form button")
    row = page.locator("#decisions tbody tr[data-decision]", has_text="browser test split")
    assert row.count() == 1
    page.goto(actor_url)
    assert alias not in page.locator("ul.names li .name").all_inner_texts()
    page.goto(f"/entities?q={alias}")
    assert page.locator("table.list a[href^='/entities/']", has_text=alias).count() >= 1
    page.goto("/decisions")
    with page.expect_navigation():
        row.locator("button.undo").click()
    assert page.locator("#decisions tbody tr", has_text="browser test split").count() == 0
    page.goto(actor_url)
    assert alias in page.locator("ul.names li .name").all_inner_texts()


def test_mark_a_claim_wrong_and_undo(page: Any, server: str) -> None:
    need_routes(server, DECISIONS)
    page.goto("/claims")
    link = page.locator("table.list a[href^='/documents/']").first
    doc_id = link.get_attribute("href").split("/documents/")[1].split("?")[0]
    page.goto(f"/documents/{doc_id}")
    claim_id = page.locator("ul.claims li a").first.inner_text()
    page.goto("/decisions")
    page.fill("#token", TOKEN)
    page.select_option("#wrong-form select[name=what]", "wrong_claim")
    page.fill("#wrong-form input[name=a]", doc_id)
    page.fill("#wrong-form input[name=b]", claim_id)
    with page.expect_navigation():
        page.click("#wrong-form button")
    row = page.locator("#decisions tbody tr[data-decision]", has_text=f"{doc_id}/{claim_id}")
    assert row.count() == 1
    page.goto(f"/documents/{doc_id}")
    assert "wrong" in (page.get_attribute(f"#claim-{claim_id}", "class") or "")
    page.goto("/decisions")
    page.fill("#token", TOKEN)
    with page.expect_navigation():
        row.locator("button.undo").click()
    page.goto(f"/documents/{doc_id}")
    assert "wrong" not in (page.get_attribute(f"#claim-{claim_id}", "class") or "")


def test_a_write_without_the_token_is_refused_and_said(page: Any, server: str) -> None:
    need_routes(server, DECISIONS)
    page.goto("/decisions")
    page.fill("#token", "not-the-token")
    page.fill("#merge-form input[name=a]", "Aldana")
    page.fill("#merge-form input[name=b]", "Villalba")
    page.click("#merge-form button")
    page.wait_for_selector("#decision-status.failed")
    assert "token" in page.locator("#decision-status").inner_text()


def test_an_article_with_markup_runs_nothing(page: Any, server: str) -> None:
    page.goto("/documents/hostile0001")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__pwned === undefined")
    assert page.dialogs == []
    article = page.locator("#article-text")
    assert article.locator("script, img, b").count() == 0
    text = article.inner_text()
    assert "<script>" in text and "onerror=" in text and "<b>port</b>" in text
    page.goto("/search?q=pwned")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned === undefined")
