import pytest

from recommendations.richtext import plain_paragraphs, render


def test_paragraphs_and_bullet_lists_render():
    html = render("First paragraph.\n\n- one\n- two")
    assert html == "<p>First paragraph.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "<a href='javascript:alert(1)'>x</a>",
        "**bold** and # heading",
    ],
)
def test_anything_beyond_paragraphs_and_lists_is_inert_text(payload):
    html = render(payload)
    assert "<script" not in html
    assert "<img" not in html
    assert "<a " not in html
    assert "<strong>" not in html and "<h1>" not in html


def test_plain_paragraphs_lists_text_blocks():
    assert plain_paragraphs("A.\n\n- b\n- c") == ["A.", "b", "c"]
