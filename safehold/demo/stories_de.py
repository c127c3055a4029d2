"""Die Geschichte für Mia und Leon Becker (JA-2026-0147), mit Sandra und Thomas geschrieben."""

from __future__ import annotations

from safehold.demo.stories import Page, Story

STORIES = {
    "JA-2026-0147": Story(
        title="Warum Oma Gisela jetzt morgens kommt",
        agreed_with=("Sandra", "Thomas"), agreed_days_ago=8,
        pages=(
            Page("who_is_worried", "Die Erzieherinnen in Mias Kita und Frau Weber vom Jugendamt haben sich Sorgen "
                 "gemacht. Mia kam oft ohne Frühstück in die Kita, und Leon hat oft in der Schule gefehlt.",
                 ("school", "adult")),
            Page("what_happened", "Mama ist seit einiger Zeit oft sehr müde und traurig. Manchmal hat sie Alkohol "
                 "getrunken, damit es ihr besser geht. Dann konnte sie morgens nicht aufstehen, und Leon hat für "
                 "Mia Frühstück gemacht. Das ist nicht die Aufgabe von Kindern.", ("house", "child")),
            Page("what_happened", "Mama und Papa wissen jetzt, dass das nicht so weitergehen soll. Sie haben mit "
                 "Frau Weber einen Plan gemacht, damit ihr jeden Tag sicher und versorgt seid.", ("adult", "heart")),
            Page("keeping_safe", "Oma Gisela kommt jeden Morgen, wenn Mama nicht gut aufstehen kann. Sie macht "
                 "Frühstück und bringt Mia in die Kita. Mama trinkt keinen Alkohol, wenn sie euch abholt.",
                 ("grandparent", "sun")),
            Page("keeping_safe", "Mama geht zu einer Ärztin, die ihr hilft, wieder gesund zu werden. Papa holt "
                 "euch am Wochenende ab, wenn Mama eine Pause braucht.", ("hospital", "car")),
            Page("safety_network", "Oma Gisela, Papa, Frau Yilmaz in der Kita und Frau Weber passen mit auf. "
                 "Wenn etwas nicht gut ist, darfst du es immer Oma oder Frau Yilmaz sagen. Du kannst Oma auch "
                 "anrufen.", ("grandparent", "adult", "phone")),
        ),
    ),
}
