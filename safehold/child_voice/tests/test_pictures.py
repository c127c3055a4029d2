"""The pictures of the child's words: what each audience sees in them, and that they are well-formed SVG that
grows with what the child said."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from safehold.child_voice import services
from safehold.child_voice.models import Tool, Visibility, WrittenBy
from safehold.child_voice.pictures import (
    LINE,
    conversation_picture,
    conversation_svg,
    safety_house_picture,
    safety_house_svg,
    wrap,
)
from safehold.child_voice.selectors import case_conversation, case_safety_house, conversation_for, safety_house_for

SVG = "{http://www.w3.org/2000/svg}"
LONG = ("When dad has been drinking he shouts at mum and I hide under my bed with the dog until it is quiet "
        "again, sometimes for a very long time")


def _conversation(case, caseworker, child, tool=Tool.THREE_HOUSES, statements=()):
    conversation = services.conversation_create(actor=caseworker, case=case, child=child.pk, tool=tool,
                                                held_on=timezone.localdate(), note="Mother seemed tense")
    for area, text, visibility, written_by in statements:
        services.statement_create(actor=caseworker, case=case, conversation=conversation, area=area, text=text,
                                  visibility=visibility, written_by=written_by)
    return case_conversation(case, conversation.pk)


STATEMENTS = [
    ("worries", "Dad shouts at night", Visibility.WORKER, WrittenBy.CHILD),
    ("worries", "Mum cries in the kitchen", Visibility.PARENTS, WrittenBy.WORKER),
    ("good", "Football with Grandpa & Ole", Visibility.NETWORK, WrittenBy.CHILD),
    ("dreams", "A dog called <Bello>", Visibility.PARENTS, WrittenBy.CHILD),
]


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, parsed to prove it is well-formed)

def _statement_texts(svg: str) -> list[str]:
    """What each statement group in the picture says, its wrapped lines joined again."""
    root = _parse(svg)
    return [" ".join(t.text or "" for t in g.iter(f"{SVG}text"))
            for g in root.iter(f"{SVG}g") if "statement" in g.get("class", "").split()]


def test_wrap_breaks_between_words_and_keeps_every_word():
    lines = wrap(LONG, 20)
    assert all(len(line) <= 20 for line in lines)
    assert " ".join(lines) == LONG


def test_wrap_breaks_a_word_longer_than_a_line_and_keeps_the_childs_line_breaks():
    assert wrap("Aaaaaaaaaabbbbbbbbbb", 10) == ["Aaaaaaaaaa", "bbbbbbbbbb"]
    assert wrap("Mum\n\nDad", 30) == ["Mum", "Dad"]
    assert wrap("", 10) == []


@pytest.mark.parametrize("tool", [Tool.THREE_HOUSES, Tool.FAIRIES_WIZARDS])
def test_the_parents_picture_shows_what_the_child_released_and_nothing_else(case, caseworker, child, tool):
    conversation = _conversation(case, caseworker, child, tool, STATEMENTS)
    svg = conversation_svg(conversation_for(conversation, "parents"))
    texts = _statement_texts(svg)
    assert texts == ["Mum cries in the kitchen", "Football with Grandpa & Ole", "A dog called <Bello>"]
    assert "Dad shouts" not in svg and "Mother seemed tense" not in svg
    assert "&lt;Bello&gt;" in svg and "&amp; Ole" in svg  # the child's words are escaped, never markup


@pytest.mark.parametrize("tool", [Tool.THREE_HOUSES, Tool.FAIRIES_WIZARDS])
def test_the_workers_picture_shows_every_statement_under_its_tools_area_names(case, caseworker, child, tool):
    conversation = _conversation(case, caseworker, child, tool, STATEMENTS)
    svg = conversation_svg(conversation_for(conversation, "worker"))
    root = _parse(svg)  # well-formed XML
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    assert len(_statement_texts(svg)) == 4
    all_text = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for area in ("worries", "good", "dreams"):
        first_word = conversation.area_label(area).split()[0]
        assert first_word in all_text


def test_the_childs_own_writing_is_in_italics(case, caseworker, child):
    conversation = _conversation(case, caseworker, child, statements=STATEMENTS)
    root = _parse(conversation_svg(conversation_for(conversation, "worker")))
    styles = {" ".join(t.text or "" for t in g.iter(f"{SVG}text")): {t.get("font-style") for t in g.iter(f"{SVG}text")}
              for g in root.iter(f"{SVG}g") if "statement" in g.get("class", "")}
    assert styles["Dad shouts at night"] == {"italic"}
    assert styles["Mum cries in the kitchen"] == {None}


def test_a_house_grows_with_the_childs_words_and_long_ones_wrap(case, caseworker, child):
    conversation = _conversation(case, caseworker, child, statements=[
        ("worries", LONG, Visibility.WORKER, WrittenBy.WORKER) for _ in range(8)])
    picture = conversation_picture(conversation_for(conversation, "worker"))
    worries, good, _dreams = picture.columns
    assert worries.height > good.height
    assert worries.top + worries.height == good.top + good.height  # they stand on the same ground
    for block in worries.blocks:
        assert len(block.lines) > 1
        assert all(worries.x < line.x and line.y <= worries.top + worries.height for line in block.lines)
    last_line = worries.blocks[-1].lines[-1]
    assert last_line.y + LINE < float(worries.door["y"])  # nothing written over the door
    assert picture.height > worries.top + worries.height

    empty = _conversation(case, caseworker, child)
    assert conversation_picture(conversation_for(empty, "worker")).height < picture.height


def test_the_bubbles_grow_with_the_childs_words(case, caseworker, child):
    few = _conversation(case, caseworker, child, Tool.FAIRIES_WIZARDS, STATEMENTS)
    many = _conversation(case, caseworker, child, Tool.FAIRIES_WIZARDS,
                         [("dreams", LONG, Visibility.WORKER, WrittenBy.WORKER)] * 6)
    assert (conversation_picture(conversation_for(many, "worker")).height
            > conversation_picture(conversation_for(few, "worker")).height)


# --- the Safety House -----------------------------------------------------------------------------------

@pytest.fixture
def house(case, caseworker, child, parent):
    house = services.safety_house_create(actor=caseworker, case=case, child=child.pk, safety_score=7,
                                         score_visibility=Visibility.PARENTS, note="Father disputes the rules")
    for area, text, visibility in [
        ("inside", "Mum", Visibility.NETWORK), ("inside", "Granny Inge", Visibility.PARENTS),
        ("roof", "Nobody hits", Visibility.PARENTS), ("roof", "Dad only visits when he is sober", Visibility.WORKER),
        ("path", "Dad calls Granny first", Visibility.PARENTS), ("path", "Granny says yes", Visibility.PARENTS),
        ("visitors", "Uncle Ole", Visibility.NETWORK),
        ("outside", "Mr Berg from upstairs", Visibility.WORKER),
        ("outside", "The man with the car", Visibility.PARENTS),
    ]:
        services.house_item_create(actor=caseworker, case=case, house=house, area=area, text=text,
                                   visibility=visibility, written_by=WrittenBy.CHILD)
    return case_safety_house(case, house.pk)


def test_the_safety_house_shows_each_area_for_the_parents_without_what_the_child_kept_back(house):
    svg = safety_house_svg(safety_house_for(house, "parents"))
    root = _parse(svg)
    assert sorted(_statement_texts(svg)) == sorted([
        "Mum", "Granny Inge", "Nobody hits", "Dad calls Granny first", "Granny says yes", "Uncle Ole",
        "The man with the car"])
    assert "sober" not in svg and "Mr Berg" not in svg and "Father disputes" not in svg
    assert root.find(f".//{SVG}ellipse[@class='red-circle']") is not None
    assert root.find(f".//{SVG}polygon[@class='roof']") is not None
    assert root.find(f".//{SVG}path[@class='path']") is not None


def test_the_safety_scale_is_drawn_only_for_those_the_child_showed_it_to(house):
    shown = _parse(safety_house_svg(safety_house_for(house, "parents")))
    scale = shown.find(f".//{SVG}g[@class='safety-scale']")
    assert scale is not None
    assert scale.find(f"{SVG}text[@class='score']").text == "7"  # type: ignore[union-attr]
    hidden = _parse(safety_house_svg(safety_house_for(house, "network")))
    assert hidden.find(f".//{SVG}g[@class='safety-scale']") is None
    assert hidden.find(f".//{SVG}ellipse[@class='red-circle']") is not None  # the circle is always there


def test_the_red_circle_goes_round_the_house_and_grows_with_it(house, case, caseworker):
    small = safety_house_picture(safety_house_for(house, "network"))
    for _ in range(6):
        services.house_item_create(actor=caseworker, case=case, house=house, area="inside", text=LONG,
                                   visibility=Visibility.NETWORK)
    big = safety_house_picture(safety_house_for(case_safety_house(case, house.pk), "network"))
    assert float(big.circle["ry"]) > float(small.circle["ry"])
    assert big.height > small.height
    cy, ry = float(big.circle["cy"]), float(big.circle["ry"])
    body_top = float(big.body["y"])
    body_bottom = body_top + float(big.body["h"])
    assert cy - ry < body_top and body_bottom < cy + ry
    assert all(line.y < cy + ry for block in big.inside for line in block.lines)
    assert all(line.y > cy + ry for block in big.outside for line in block.lines)  # outside the red circle
