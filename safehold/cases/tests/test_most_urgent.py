"""Which of what needs attention the start page shows (sections.most_urgent): at most so many, in the order
given, the first of each kind and then the most urgent of the rest."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from safehold.cases.models import Case
from safehold.cases.sections import AttentionItem, most_urgent

CASE = Case(reference="R-1", family_name="Meyer")


def _items(kinds: list[str]) -> list[AttentionItem]:
    return [AttentionItem(case=CASE, message=str(index), url="/", due=date(2026, 1, 1), kind=kind)
            for index, kind in enumerate(kinds)]


@given(kinds=st.lists(st.sampled_from("abcdefg"), max_size=40), limit=st.integers(min_value=0, max_value=25))
def test_it_keeps_the_order_shows_every_kind_it_can_and_fills_up_with_the_most_urgent(kinds, limit):
    items = _items(kinds)
    shown = most_urgent(items, limit)
    positions = [items.index(item) for item in shown]
    assert len(shown) == min(limit, len(items))
    assert positions == sorted(set(positions))  # a subsequence, in the order given
    firsts = [kinds.index(kind) for kind in dict.fromkeys(kinds)]  # the first item of each kind
    assert set(firsts[:limit]) <= set(positions)
    rest = [position for position in positions if position not in firsts]
    left_out = [position for position in range(len(items)) if position not in positions]
    assert not rest or not left_out or max(rest) < min(left_out)  # the rest are the most urgent of the others


def test_one_of_a_rare_kind_comes_before_more_of_a_common_one():
    items = _items(["review"] * 5 + ["approval"])
    assert [item.kind for item in most_urgent(items, 3)] == ["review", "review", "approval"]
