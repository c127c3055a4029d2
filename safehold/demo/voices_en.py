"""What Ella and Jack Hughes (CP-2026-0058, York) said: Ella's three houses, Jack's fairies and wizards, and
Jack's safety house (the one on the fridge)."""

from __future__ import annotations

from safehold.child_voice.models import Setting, Tool
from safehold.demo.voices import NETWORK, PARENTS, WORKER, House, Item, Said, Talk, Voices

VOICES = {
    "CP-2026-0058": Voices(
        talks=(
            Talk(child="Ella", days_ago=90, setting=Setting.TRUSTED_PERSON, trusted_person="Mrs Patel (head of year)",
                 drawing="Ella's three houses", statements=(
                     Said("worries", "When Daniel has been to the pub he shouts at Jack for nothing.", PARENTS),
                     Said("worries", "I had to put Jack to bed on my own when Mum was on nights.", PARENTS),
                     Said("worries", "I saw Daniel grab Jack's arm really hard.", WORKER),
                     Said("good", "Grandad Peter picks me up on Fridays and we get chips.", NETWORK),
                     Said("good", "Netball and my friends at school.", NETWORK),
                     Said("good", "Mum makes the best birthday cakes.", PARENTS),
                     Said("dreams", "Daniel stops drinking for real.", PARENTS),
                     Said("dreams", "A grown-up is always home when Mum works nights.", NETWORK),
                     Said("dreams", "My own room with a lock.", WORKER),
                 )),
            Talk(child="Jack", days_ago=60, tool=Tool.FAIRIES_WIZARDS, setting=Setting.FAMILY,
                 drawing="Jack's wizard", statements=(
                     Said("worries", "Daniel's angry voice.", PARENTS, by="worker"),
                     Said("good", "Grandad's dog Biscuit.", NETWORK, by="worker"),
                     Said("good", "Ella reads me stories.", NETWORK, by="worker"),
                     Said("dreams", "Make the beer go away.", PARENTS, by="worker"),
                 )),
        ),
        houses=(
            House(child="Jack", days_ago=20, score=8, score_visibility=NETWORK, drawing="Jack's safety house",
                  items=(
                      Item("inside", person="Rachel", text="Mummy"),
                      Item("inside", person="Ella"),
                      Item("inside", person="Peter", text="Grandad when Mummy works", visibility=NETWORK),
                      Item("roof", "Grandad sleeps over when Mummy is at work.", visibility=NETWORK),
                      Item("roof", "Nobody hurts me.", visibility=NETWORK),
                      Item("roof", "I can tell my teacher if something is wrong.", visibility=NETWORK),
                      Item("path", "Daniel only comes home when he has not been drinking."),
                      Item("visitors", person="Daniel", text="Daniel when he is not drunk"),
                      Item("outside", "Daniel when he smells of beer.", visibility=WORKER),
                  )),
        ),
    ),
}
