"""The story for Ella and Jack Hughes (CP-2026-0058), written with Rachel and Daniel."""

from __future__ import annotations

from safehold.demo.stories import Page, Story

STORIES = {
    "CP-2026-0058": Story(
        title="Why Grandad sleeps over when Mum works nights",
        agreed_with=("Rachel", "Daniel"), agreed_days_ago=70, read_days_ago=62,
        pages=(
            Page("who_is_worried", "Sarah the health visitor and Katrin from Children's Social Care were worried "
                 "because Jack had a big bruise on his arm and nobody could say how it got there.",
                 ("hospital", "adult")),
            Page("what_happened", "Sometimes Daniel drinks too much beer. When he has been drinking he gets cross "
                 "and rough, and he grabbed Jack's arm too hard. That is not okay, and it was not Jack's fault.",
                 ("adult", "child")),
            Page("what_happened", "Ella sometimes had to put Jack to bed when Mum was at work. Looking after Jack "
                 "is a grown-up's job, not Ella's.", ("house", "child")),
            Page("keeping_safe", "When Mum works evenings or nights, Grandad Peter stays at the house and sleeps "
                 "over. Daniel does not look after Jack and Ella if he has been drinking.",
                 ("grandparent", "house")),
            Page("keeping_safe", "Daniel goes to the alcohol service every week to help him stop drinking. If he "
                 "has been drinking, he stays at his brother's.", ("adult", "car")),
            Page("safety_network", "Grandad Peter, Mum, Sarah, Jack's teacher and Katrin are the safety network. "
                 "Ella has a card with Grandad's and Mum's phone numbers and can always ring them.",
                 ("grandparent", "school", "phone")),
        ),
    ),
}
