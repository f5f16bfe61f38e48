"""Data text becomes HTML in one place (markup.TextRenderer): escaped, acronyms expanded, the
first mention of a named entity linked, and inline links and footnote marks placed on their words
as the text is rendered, so that each one lands."""
from __future__ import annotations

import sys

from markupsafe import Markup

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from rcmkb.markup import Phrase, Place, TextRenderer  # noqa: E402

RENDERER = TextRenderer([Phrase("RNCOM", "rncom", "Regional Network", True),
                         Phrase("Regional Conference", "rcm", "Regional Conference", False)])
LINK = Place("the RNCOM actively", lambda w: Markup('<a class="rcm-ref" href="x/">{}</a>').format(w), True)


def test_a_link_on_words_that_hold_an_acronym_lands_with_the_acronym_inside():
    html = RENDERER.html("Since 1998, the RNCOM actively takes part.", {"rncom": "r/"}, [LINK])
    assert html == ('<p>Since 1998, <a class="rcm-ref" href="x/">the <abbr title="Regional Network">'
                    'RNCOM</abbr> actively</a> takes part.</p>')


def test_a_link_goes_on_the_first_mention_and_the_entity_is_linked_at_the_next():
    html = RENDERER.html("the RNCOM actively and the RNCOM <b>", {"rncom": "r/"}, [LINK])
    assert html.count('class="rcm-ref"') == 1 and html.count('class="rcm-mention" href="r/"') == 1
    assert html.index("rcm-ref") < html.index("rcm-mention") and "&lt;b&gt;" in html


def test_a_mark_follows_its_words():
    mark = Place("Regional Conference", lambda w: w + Markup("<sup>1</sup>"), False)
    html = RENDERER.html("- the Regional Conference\n- on Migration", {}, [mark])
    assert html == "<ul><li>the Regional Conference<sup>1</sup></li><li>on Migration</li></ul>"
