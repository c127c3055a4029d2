"""Hvad Freja og Oscar Sørensen (BU-2026-0311, Roskilde) har fortalt: Frejas tre huse, Oscars feer og
troldmænd og Frejas sikkerhedshus."""

from __future__ import annotations

from safehold.child_voice.models import Setting, Tool
from safehold.demo.voices import NETWORK, PARENTS, WORKER, House, Item, Said, Talk, Voices

VOICES = {
    "BU-2026-0311": Voices(
        talks=(
            Talk(child="Freja", days_ago=50, drawing="Frejas tre huse", statements=(
                Said("worries", "Når Jonas råber ad mor, går jeg ind til Oscar og holder for hans ører.", PARENTS),
                Said("worries", "Jeg er bange for at politiet kommer igen og tager nogen med.", PARENTS),
                Said("worries", "Jeg har set Jonas slå mor i køkkenet.", WORKER),
                Said("good", "Mormor Birthe henter mig om onsdagen og vi bager.", NETWORK),
                Said("good", "Min klasse og fru Holm.", NETWORK),
                Said("good", "Når Jonas og mor griner sammen om søndagen.", PARENTS),
                Said("dreams", "At der er stille derhjemme om aftenen.", PARENTS),
                Said("dreams", "At Jonas lærer at blive vred uden at råbe.", PARENTS),
                Said("dreams", "At jeg må sove hos mormor når jeg vil.", NETWORK),
            )),
            Talk(child="Oscar", days_ago=48, tool=Tool.FAIRIES_WIZARDS, setting=Setting.FAMILY,
                 drawing="Oscars tryllestav", statements=(
                     Said("worries", "Høje stemmer.", PARENTS, by="worker"),
                     Said("good", "Far bygger lego med mig.", NETWORK, by="worker"),
                     Said("good", "Freja.", NETWORK, by="worker"),
                     Said("dreams", "At mor og far er gode venner.", PARENTS, by="worker"),
                 )),
        ),
        houses=(
            House(child="Freja", days_ago=12, score=7, score_visibility=NETWORK, drawing="Frejas sikkerhedshus",
                  items=(
                      Item("inside", person="Camilla", text="Mor"),
                      Item("inside", person="Oscar"),
                      Item("inside", person="Birthe", text="Mormor, når hun sover her", visibility=NETWORK),
                      Item("roof", "Ingen råber eller slår i vores hus.", visibility=NETWORK),
                      Item("roof", "Hvis Jonas bliver vred, går han en tur og ringer til Mette.", visibility=NETWORK),
                      Item("roof", "Jeg må altid ringe til mormor.", visibility=NETWORK),
                      Item("path", "Jonas kommer kun hjem når han har været til samtale og mor siger ja."),
                      Item("visitors", person="Jonas", text="Jonas, når han er rolig"),
                      Item("visitors", person="Mette", visibility=NETWORK),
                      Item("outside", "Jonas når han har drukket.", visibility=WORKER),
                  )),
        ),
    ),
}
