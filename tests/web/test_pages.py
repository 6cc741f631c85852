"""Every page renders from a small hand-built store (no spaCy): status, links between pages,
filters and pagination, highlights at the right characters, and escaping of article text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.app.resolution import run_resolution
from newsgraph.serve import ServeSettings, create_app
from newsgraph.store import Store
from tests.store.builders import corpus
from tests.web.hostile import HOSTILE_TEXT, hostile_result


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = tmp_path_factory.mktemp("pages") / "pages.duckdb"
    with Store(db) as store:
        store.write_batch([*corpus(), hostile_result()], [])
        run_resolution(store)
        store.mark_resolved()
    return TestClient(create_app(ServeSettings(db=str(db))))


class _Spans(HTMLParser):
    """Collects the text of each highlight (``data-ann``) and every tag's attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str | None] = []
        self.text: dict[str, str] = {}
        self.attrs: dict[str, dict[str, str | None]] = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        key = a.get("data-ann") if tag == "span" else None
        if key is not None:
            self.attrs.setdefault(key, a)
            self.text.setdefault(key, "")
        self.stack.append(key)

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        for key in {k for k in self.stack if k is not None}:
            self.text[key] += data


def _parse(html: str) -> _Spans:
    p = _Spans()
    p.feed(html)
    return p


def _links(html: str) -> set[str]:
    return set(re.findall(r'href="(/[^"]*)"', html))


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search?q=garcia",
        "/entities",
        "/documents",
        "/documents?q=bribes",
        "/claims",
        "/events",
        "/decisions",
    ],
)
def test_every_page_renders_and_links_to_the_others(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert {"/entities", "/documents", "/claims", "/events", "/decisions"} <= _links(r.text)
    assert "<script>window" not in r.text


def test_actor_page_shows_names_roles_attributes_timeline_and_sources(client: TestClient) -> None:
    r = client.get("/entities/Genaro García Luna")
    assert r.status_code == 200
    html = r.text
    assert "Secretary of Public Security" in html and "Garcia Luna" in html
    assert "age" in html and "56" in html
    # timeline rows: the conviction (dated by the text) and the alleged claim, each linked to
    # the article with its sentence highlighted
    assert "SANCTION/convict" in html and "status-alleged" in html
    assert re.search(r'href="/documents/aaa111\?hl=\d+-\d+#focus"', html)
    assert 'data-url="/api/v1/entities/' in html  # the widgets read the JSON API


def test_actor_list_filters_by_type_and_pages(client: TestClient) -> None:
    r = client.get("/entities?type=ORG")
    assert r.status_code == 200 and "Sinaloa cartel" in r.text and "García Luna" not in r.text
    r = client.get("/entities?limit=1")
    assert 'rel="next"' in r.text and "1–1 of" in r.text
    nxt = re.search(r'rel="next" href="([^"]+)"', r.text)
    assert nxt is not None and "offset=1" in nxt.group(1)
    assert client.get("/entities?type=NOPE").status_code == 422
    assert client.get("/entities?limit=0").status_code == 422


def test_unknown_actor_or_document_is_a_404_page(client: TestClient) -> None:
    r = client.get("/entities/nobody-at-all")
    assert r.status_code == 404 and "No such actor" in r.text
    assert client.get("/documents/zzzz").status_code == 404


def test_document_page_highlights_extractions_at_their_offsets(client: TestClient) -> None:
    doc = corpus()[0]
    text = doc.doc.text
    r = client.get("/documents/aaa111")
    assert r.status_code == 200
    spans = _parse(r.text)
    claim = doc.claims[0]
    assert spans.text["claim-c1"] == text[claim.content_start : claim.content_end]
    assert spans.attrs["claim-c1"]["data-start"] == str(claim.content_start)
    assert "alleged" in (spans.attrs["claim-c1"]["title"] or "")
    assert spans.text["claim-c1-cue"] == "alleges"
    assert spans.text["timex-t1"] == "February 2023"
    assert "2023-02" in (spans.attrs["timex-t1"]["title"] or "")
    ev = doc.events[0]
    assert spans.text["event-v1"] == text[ev.trigger_start : ev.trigger_end]
    # the flag is listed and marked
    assert "weekday-mismatch" in r.text and "flag-1" in spans.text


def test_focus_marks_the_followed_passage(client: TestClient) -> None:
    text = corpus()[0].doc.text
    start = text.index("García Luna was found guilty")
    end = text.index("2023.") + 5
    spans = _parse(client.get(f"/documents/aaa111?hl={start}-{end}").text)
    assert spans.text["focus"] == text[start:end]
    # offsets outside the text are ignored, not an error
    assert "focus" not in _parse(client.get("/documents/aaa111?hl=5-99999").text).text


def test_article_markup_is_escaped_everywhere(client: TestClient) -> None:
    r = client.get("/documents/hostile0001")
    assert r.status_code == 200
    html = r.text
    assert "<script>window" not in html and "<img" not in html and "<b>port" not in html
    assert "&lt;script&gt;window" in html and "&lt;img src=" in html
    parsed = _parse(html)
    assert "img" not in parsed.tags and "i" not in parsed.tags
    # the page's own scripts are the only script elements, all from this server
    assert all(src.startswith("/") for src in re.findall(r'<script src="([^"]+)"', html))
    assert html.count("<script") == len(re.findall(r"<script src=", html))
    # the mention over the tag still covers exactly those characters, escaped
    start = HOSTILE_TEXT.index("<script>")
    assert parsed.text["mention-m1"] == HOSTILE_TEXT[start : start + 20]
    for path in ("/entities?q=script", "/search?q=pwned", "/documents?q=pwned"):
        body = client.get(path).text
        assert "<script>alert" not in body and "<script>window" not in body, path


def test_claims_and_events_lists_filter_and_validate(client: TestClient) -> None:
    r = client.get("/claims?status=alleged")
    assert r.status_code == 200 and "drug trafficking" in r.text
    assert client.get("/claims?status=invented").status_code == 422
    r = client.get("/events?type=COERCE")
    assert r.status_code == 200 and "arrested" in r.text and "found guilty" not in r.text
    assert client.get("/events?type=NOTATYPE").status_code == 422
    assert client.get("/events?from=2024-13-99x").status_code == 422


def test_static_files_and_missing_vendor_files(client: TestClient) -> None:
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/../render.py").status_code == 404
    assert client.get("/vendor/not-a-library.js").status_code == 404


def test_pages_without_front_end_libraries_say_so(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from newsgraph.web import render

    monkeypatch.setattr(render, "vendor_available", lambda: False)
    html = client.get("/entities/Genaro García Luna").text
    assert "make setup" in html and "/vendor/" not in html
    assert "SANCTION/convict" in html  # the list still holds the records


def test_decisions_page_lists_decisions_and_the_document_flags_wrong_records(
    tmp_path: Path,
) -> None:
    from newsgraph.app.decisions import mark_wrong, merge

    db = tmp_path / "d.duckdb"
    with Store(db) as store:
        store.write_batch(corpus(), [])
        run_resolution(store)
        store.mark_resolved()
    made = merge(str(db), "Genaro García Luna", "Sinaloa cartel", note="test <b>merge</b>")
    mark_wrong(str(db), "claim", "aaa111", "c1")
    client = TestClient(create_app(ServeSettings(db=str(db), allow_writes=True)))
    html = client.get("/decisions").text
    assert made["decision"] in html and 'class="undo"' in html
    assert "test &lt;b&gt;merge&lt;/b&gt;" in html and "<b>merge" not in html
    assert 'href="/documents/aaa111#claim-c1"' in html
    doc = client.get("/documents/aaa111").text
    spans = _parse(doc)
    assert "wrong" in (spans.attrs["claim-c1"]["class"] or "")
    assert "MARKED WRONG" in (spans.attrs["claim-c1"]["title"] or "")


def test_a_record_reference_focuses_its_passage(client: TestClient) -> None:
    doc = corpus()[0]
    text, ev, claim = doc.doc.text, doc.events[0], doc.claims[0]
    spans = _parse(client.get("/documents/aaa111?rec=event-v1").text)
    assert spans.text["focus"] == text[ev.sentence_start : ev.sentence_end]
    spans = _parse(client.get("/documents/aaa111?rec=claim-c1").text)
    assert spans.text["focus"] == text[claim.speaker_start : claim.content_end]
    assert "focus" not in _parse(client.get("/documents/aaa111?rec=claim-c99").text).text


def test_bad_filters_are_a_422_naming_the_parameter(client: TestClient) -> None:
    for path, param in (
        ("/documents?from=2024-02-30", "from"),
        ("/claims?to=2024-13", "to"),
        ("/events?modality=imagined", "modality"),
        ("/entities?type=NOPE", "type"),
    ):
        r = client.get(path)
        assert r.status_code == 422, path
        assert f"{param}:" in r.text, path
