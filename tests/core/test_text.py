"""Program text: sanitised HTML for display, plain words for the search index."""

from __future__ import annotations

import pytest

from conference_app.core.domain.text import counted, index_text, looks_like_html, plain_text, safe_html


@pytest.mark.parametrize(
    "dangerous",
    [
        "<p>Hi</p><script>alert('x')</script>",
        "<p>Hi</p><img src=x onerror=alert(1)>",
        '<p>Hi</p><iframe src="https://tracker.example/"></iframe>',
        '<p onclick="steal()">Hi</p>',
        '<p style="background:url(https://tracker.example/px)">Hi</p>',
        '<p>Hi</p><object data="x.swf"></object><embed src="x.swf">',
        '<p>Hi</p><link rel="stylesheet" href="https://tracker.example/x.css">',
    ],
)
def test_safe_html_removes_what_runs_or_loads(dangerous: str) -> None:
    cleaned = safe_html(dangerous)

    assert cleaned == "<p>Hi</p>"


def test_safe_html_keeps_links_and_formatting() -> None:
    cleaned = safe_html(
        '<p>See <a href="https://example.org/talk" target="_blank" onmouseover="x()">the talk</a> '
        "and <strong>bring</strong> <em>questions</em>.</p><ul><li>one</li></ul>"
    )

    assert cleaned == (
        '<p>See <a href="https://example.org/talk" rel="noopener noreferrer">the talk</a> '
        "and <strong>bring</strong> <em>questions</em>.</p><ul><li>one</li></ul>"
    )


def test_safe_html_drops_script_links() -> None:
    cleaned = safe_html('<p><a href="javascript:alert(1)">click</a></p>')

    assert "javascript" not in cleaned
    assert "click" in cleaned


def test_plain_text_is_escaped_into_paragraphs() -> None:
    cleaned = safe_html("Outcomes < 30 days & > 90 days.\nSecond line.\n\nNew paragraph with <3 hearts")

    assert cleaned == (
        "<p>Outcomes &lt; 30 days &amp; &gt; 90 days.<br>Second line.</p><p>New paragraph with &lt;3 hearts</p>"
    )


def test_text_that_only_mentions_a_tag_name_is_escaped() -> None:
    assert safe_html("Use <script> tags carefully") == "<p>Use &lt;script&gt; tags carefully</p>"


def test_blank_text_gives_nothing() -> None:
    assert safe_html("") == ""
    assert safe_html(" \n\t ") == ""


def test_looks_like_html() -> None:
    assert looks_like_html("<p>Hello</p>")
    assert looks_like_html("Line<br/>break")
    assert not looks_like_html("a < b and c > d")
    assert not looks_like_html("<3 surgery")


def test_plain_text_flattens_markup_and_entities() -> None:
    assert plain_text("<p>Robotic&nbsp;<b>Whipple</b></p>\n\n<p>Zo&euml; M&uuml;ller</p>") == (
        "Robotic Whipple Zoë Müller"
    )
    assert plain_text("  already   plain \n text ") == "already plain text"


def test_index_text_drops_tags_and_reads_entities_keeping_white_space() -> None:
    assert index_text("<p>Robotic&nbsp;Whipple &amp; HPB</p>\n\n<b>R&amp;D</b>") == " Robotic\xa0Whipple & HPB \n\n R&D "
    assert index_text("plain words\twith a tab") == "plain words\twith a tab"


def test_counted_says_one_without_an_s() -> None:
    assert counted(1, "session") == "1 session"
    assert [counted(n, "day") for n in (0, 2)] == ["0 days", "2 days"]
