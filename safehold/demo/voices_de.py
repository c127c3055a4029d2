"""Was Leon und Mia Becker (JA-2026-0147, Dortmund) erzählt haben: Leons drei Häuser, Mias Feen und Zauberer,
Leons Sicherheitshaus."""

from __future__ import annotations

from safehold.child_voice.models import Setting, Tool
from safehold.demo.voices import NETWORK, PARENTS, WORKER, House, Item, Said, Talk, Voices

VOICES = {
    "JA-2026-0147": Voices(
        talks=(
            Talk(child="Leon", days_ago=20, drawing="Leons drei Häuser", statements=(
                Said("worries", "Wenn Mama müde ist und nicht aufsteht, muss ich Mia Frühstück machen.", PARENTS),
                Said("worries", "Ich habe Angst, dass Mama wieder so komisch riecht, wenn sie Mia abholt.", WORKER),
                Said("worries", "In der Schule lachen die über meine Sachen.", PARENTS, by="worker"),
                Said("good", "Oma Gisela macht Pfannkuchen und hilft bei den Hausaufgaben.", NETWORK),
                Said("good", "Fußball mit Papa am Samstag.", NETWORK),
                Said("good", "Mama liest abends manchmal vor, das mag ich.", PARENTS),
                Said("dreams", "Dass Mama wieder gesund ist und morgens mit uns frühstückt.", PARENTS),
                Said("dreams", "Dass ich nicht mehr auf Mia aufpassen muss, sondern Oma oder Mama.", NETWORK),
                Said("dreams", "Einen Hund.", NETWORK),
            )),
            Talk(child="Mia", days_ago=18, tool=Tool.FAIRIES_WIZARDS, setting=Setting.TRUSTED_PERSON,
                 trusted_person="Aylin Yilmaz (Kita)", drawing="Mias Zauberstab", statements=(
                     Said("worries", "Wenn Mama schläft und ich Hunger habe.", PARENTS, by="worker"),
                     Said("worries", "Das Dunkle im Flur.", NETWORK, by="worker"),
                     Said("good", "Oma Gisela und ihre Katze.", NETWORK, by="worker"),
                     Said("good", "Leon spielt mit mir.", NETWORK, by="worker"),
                     Said("dreams", "Mama soll jeden Tag lachen.", PARENTS, by="worker"),
                 )),
        ),
        houses=(
            House(child="Leon", days_ago=6, score=6, score_visibility=PARENTS, drawing="Leons Sicherheitshaus", items=(
                Item("inside", person="Sandra", text="Mama"),
                Item("inside", person="Gisela", text="Oma Gisela", visibility=NETWORK),
                Item("inside", person="Mia"),
                Item("roof", "Oma kommt jeden Morgen, wenn Mama nicht aufstehen kann.", visibility=NETWORK),
                Item("roof", "Ich muss nicht auf Mia aufpassen, das machen die Großen.", visibility=NETWORK),
                Item("roof", "Mama trinkt keinen Alkohol, wenn sie uns abholt."),
                Item("path", "Papa ruft vorher an und Mama sagt ja."),
                Item("visitors", person="Thomas", text="Papa am Wochenende", visibility=NETWORK),
                Item("outside", "Mamas Freund Ralf, wenn er getrunken hat.", visibility=WORKER),
            )),
        ),
    ),
}
