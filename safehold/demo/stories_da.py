"""Historien for Freja og Oscar Sørensen (BU-2026-0311), skrevet sammen med Camilla og Jonas."""

from __future__ import annotations

from safehold.demo.stories import Page, Story

STORIES = {
    "BU-2026-0311": Story(
        title="Hvorfor mormor Birthe er med i vores plan",
        agreed_with=("Camilla", "Jonas"), agreed_days_ago=30, read_days_ago=24,
        pages=(
            Page("who_is_worried", "Fru Holm på skolen og Katrin fra kommunen blev bekymrede, fordi Freja "
                 "fortalte om høje råb derhjemme, og fordi politiet har været der to gange.", ("school", "adult")),
            Page("what_happened", "Når Jonas blev meget vred, råbte han, og en gang slog han mor. Freja og Oscar "
                 "blev bange. Det var ikke deres skyld, og det er ikke i orden at slå.", ("house", "adult")),
            Page("what_happened", "Mor og Jonas vil gerne have, at I bliver boende hjemme. Derfor har de lavet en "
                 "sikkerhedsplan sammen med mormor, Mette og kommunen.", ("heart", "house")),
            Page("keeping_safe", "Når Jonas bliver vred, går han en tur og ringer til Mette i stedet for at råbe. "
                 "Jonas går til samtaler om vrede hver uge.", ("adult", "phone")),
            Page("keeping_safe", "Mormor Birthe sover hos jer, hvis mor og Jonas har haft en dårlig dag. Freja må "
                 "altid ringe til mormor, også om natten.", ("grandparent", "phone")),
            Page("safety_network", "Mormor Birthe er netværkstovholder. Mette, fru Holm og Katrin fra kommunen er "
                 "også med. De holder øje med, at planen virker.", ("grandparent", "adult", "school")),
            Page("other", "Hvis du bliver bange eller ked af det, må du altid sige det til en af de voksne i "
                 "planen. De lytter til dig.", ("child", "heart")),
        ),
    ),
}
