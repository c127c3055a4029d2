"""The danger statement's sentence, composed from who is worried (one or several), the behaviour and the impact
as the form asks for them, reads right in each language. The sentences come from the translated catalogue:
a frame left untranslated, or translated with the wrong number or word order, fails here."""

from __future__ import annotations

import pytest

from safehold.mapping.models import WorriedNumber
from safehold.mapping.services import compose_danger_statement

ONE, SEVERAL = WorriedNumber.ONE, WorriedNumber.SEVERAL

# (language, number, who is worried, behaviour, impact) → the sentence. The behaviour and the impact are
# written as the form's hints say: as they go on from "that" / "dass" / "at", without it; in German with
# the verb last. Who is worried may start in lower case, as the hint's example does.
SENTENCES = [
    ("de", ONE, "die Kita", "Papa abends viel trinkt und dann die Kinder anschreit und schlägt",
     "Mia verletzt wird und sich nicht mehr nach Hause traut",
     "Die Kita macht sich Sorgen, dass Papa abends viel trinkt und dann die Kinder anschreit und schlägt. "
     "Wenn sich nichts ändert, besteht die Gefahr, dass Mia verletzt wird und sich nicht mehr nach Hause "
     "traut."),
    ("de", SEVERAL, "die Fachkraft des Jugendamts, die Schule und die Großmutter",
     "Papa abends viel trinkt und dann die Kinder anschreit und schlägt.",
     "Mia verletzt wird und sich nicht mehr nach Hause traut.",
     "Die Fachkraft des Jugendamts, die Schule und die Großmutter machen sich Sorgen, dass Papa abends viel "
     "trinkt und dann die Kinder anschreit und schlägt. Wenn sich nichts ändert, besteht die Gefahr, dass Mia "
     "verletzt wird und sich nicht mehr nach Hause traut."),
    ("da", ONE, "skolen", "far drikker meget om aftenen og så råber ad børnene og slår dem",
     "Mia kommer til skade og bliver for bange til at tage hjem",
     "Skolen er bekymret for, at far drikker meget om aftenen og så råber ad børnene og slår dem. Hvis intet "
     "ændrer sig, er der fare for, at Mia kommer til skade og bliver for bange til at tage hjem."),
    ("da", SEVERAL, "rådgiveren, skolen og mormor", "far drikker meget om aftenen og så råber ad børnene og slår dem",
     "Mia kommer til skade og bliver for bange til at tage hjem",
     "Rådgiveren, skolen og mormor er bekymrede for, at far drikker meget om aftenen og så råber ad børnene og "
     "slår dem. Hvis intet ændrer sig, er der fare for, at Mia kommer til skade og bliver for bange til at tage "
     "hjem."),
    ("en", ONE, "the school", "dad drinks a lot in the evening and then shouts at and hits the children",
     "Mia will be hurt and be too scared to go home",
     "The school is worried that dad drinks a lot in the evening and then shouts at and hits the children. If "
     "nothing changes, there is a danger that Mia will be hurt and be too scared to go home."),
    ("en", SEVERAL, "the social worker, the school and grandmother",
     "dad drinks a lot in the evening and then shouts at and hits the children",
     "Mia will be hurt and be too scared to go home",
     "The social worker, the school and grandmother are worried that dad drinks a lot in the evening and then "
     "shouts at and hits the children. If nothing changes, there is a danger that Mia will be hurt and be too "
     "scared to go home."),
]


@pytest.mark.parametrize(("language", "number", "worried", "behaviour", "impact", "sentence"), SENTENCES,
                         ids=[f"{s[0]}-{s[1]}" for s in SENTENCES])
def test_a_danger_statement_reads_right_with_one_or_several_worried_in_each_language(
        language, number, worried, behaviour, impact, sentence):
    assert compose_danger_statement(worried, behaviour, impact, worried_number=number,
                                    language=language) == sentence
