"""HTML that lxml cannot build (nested thousands deep) is still read, without scripts or menus."""

from __future__ import annotations

import pytest

from purportedly.reading.errors import ReadError
from purportedly.reading.html import read_html

STORY = [
    "Grain barge struck near the river port, officials say",
    "A grain barge moored at the river port of Nova Zatoka was hit by a drone before dawn, the port "
    "authority said on Wednesday, adding that two crew members were treated for burns.",
    "\u201cThe fire was out within the hour,\u201d a spokeswoman for the authority told the Delta Herald.",
]


def nested_page(depth: int) -> str:
    body = f"<h1>{STORY[0]}</h1>" + "".join(f"<p>{p}</p>" for p in STORY[1:])
    return (
        f"<html><head><title>{STORY[0]} | Delta Herald</title><script>var x = '<p>not story</p>';</script>"
        "</head><body><nav><ul><li>Home</li><li>World news and analysis from our desks</li></ul></nav>"
        + "<div>" * depth + body + "</div>" * depth
        + "<footer><p>Copyright Delta Herald, all rights reserved, do not reproduce this page.</p></footer>"
        "</body></html>"
    )


def test_story_nested_deeper_than_lxml_allows_is_read():
    article = read_html(nested_page(5000), document="deep.html")
    assert article.title == STORY[0]
    assert "two crew members were treated for burns" in article.text
    assert "The fire was out within the hour" in article.text


def test_fallback_leaves_out_scripts_menus_and_footers():
    text = read_html(nested_page(3000), document="deep.html").text
    assert "not story" not in text
    assert "World news and analysis" not in text
    assert "Copyright" not in text


def test_a_menu_page_is_still_not_an_article():
    menu = "<html><body><nav>" + "".join(f"<p>Section {i}</p>" for i in range(40)) + "</nav></body></html>"
    with pytest.raises(ReadError, match="no article"):
        read_html(menu * 1, document="menu.html")
