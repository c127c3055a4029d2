"""Sikkerhedsplanen for familien Sørensen (BU-2026-0311, Roskilde), skrevet efter sikkerhedsplanmødet med
netværket: hvad de voksne gør, når et skænderi bliver højt, og hvem Freja og Oscar kan ringe til."""

from __future__ import annotations

from safehold.demo.plans import CheckIn, Contact, Plan, Result, Rule
from safehold.safety_plans.coverage import DAYS, WEEKDAYS, WEEKEND, cells_for

SORENSEN = Plan(
    activated_days_ago=16,
    review_every_days=14,
    coordinator="Birthe",
    minimum_requirements=(
        "Der må ikke være vold i hjemmet. Jonas drikker ikke alkohol, når børnene er hjemme. Når et skænderi "
        "bliver højt, forlader Jonas lejligheden i mindst en time og giver Birthe besked. Freja og Oscar har altid "
        "en voksen, de kan ringe til, og de skal ikke passe på de voksne. Jonas går til samtaler hos Dialog mod "
        "Vold hver uge. Netværket giver forvaltningen besked samme dag, hvis planen ikke holder."),
    child_explanation=(
        "Katrin og Mikkel har gennemgået planen med Freja og Oscar hjemme hos mormor, med den »ord og "
        "billeder«-fortælling, som Camilla og Jonas har lavet sammen med Katrin. Freja har tegnet sit "
        "sikkerhedshus med mormor, Mette og Anne i. Oscar ved, at han går med Freja ind på hendes værelse, og at "
        "mormor eller Mette kommer. Begge ved, at det er de voksnes opgave at passe på dem, og at de altid må "
        "ringe."),
    information_given=(
        "Himmelev Skole (Anne Holm), SFO'en og familiens egen læge kender planen. Birthe og Mette har hver en "
        "kopi. Politiet er orienteret om, at der er en sikkerhedsplan for familien."),
    if_worries_who_notices=(
        "Freja, Birthe, Mette og skolen. Tegn på, at planen ikke holder: høje skænderier om aftenen, Jonas har "
        "drukket, Freja er træt og ked af det i skolen, Oscar tisser i sengen igen, eller Jonas sender ikke sin "
        "sms, når han går."),
    if_worries_who_is_called=(
        "Først Birthe som netværkstovholder eller Mette, som bor lige ved siden af. Ved vold eller trusler ringer "
        "man 112. Birthe ringer samme dag til Katrin i Børn og Unge; uden for åbningstiden til socialvagten."),
    if_worries_authority=(
        "Katrin kontakter familien inden for en arbejdsdag, taler med Freja alene og indkalder til netværksmøde. "
        "Har der været vold, eller holder planen ikke igen, vurderer forvaltningen på ny, om Freja og Oscar kan "
        "blive boende hjemme. En anbringelse vil i så fald blive drøftet åbent med familien og netværket."),
    rules=(
        Rule("morgen", "Camilla", answers="ansvar", periods=tuple(cells_for(WEEKDAYS, ["morning", "day"])), text=(
            "På hverdage står Camilla op med børnene, laver morgenmad og følger Oscar i skole. Freja cykler selv og "
            "er i skole kl. 8. Camilla henter Oscar i SFO kl. 16, og tirsdag og torsdag henter hun Freja efter "
            "håndbold.")),
        Rule("alkohol", "Jonas", kind="other", answers="vold",
             periods=tuple(cells_for(DAYS, ["evening", "night"])), text=(
            "Jonas drikker ikke, når Freja og Oscar er hjemme, og der står ikke øl i køleskabet. Hvis han har "
            "drukket ude, sover han hos sin bror og kommer først hjem næste dag.")),
        Rule("skaenderi", "Jonas", kind="if_then", answers="vold", periods=tuple(cells_for(DAYS, ["evening", "night"])),
             holidays=True, situation="Når et skænderi bliver højt", text=(
                 "Når et skænderi bliver højt, stopper vi. Jonas går ud af lejligheden i mindst en time og sender en "
                 "sms til Birthe: »Jeg går en tur.« Han skriver igen, når han er hjemme og er faldet ned. Vi "
                 "snakker først videre, når børnene sover.")),
        Rule("freja", "Mette", kind="if_then", answers="ansvar", periods=tuple(cells_for(DAYS, ["evening", "night"])),
             holidays=True, text=(
                 "Freja skal ikke passe på Oscar eller på mor. Hvis hun bliver bange, går hun ind på sit værelse med "
                 "Oscar og ringer til Mette eller mormor. Mette kommer over med det samme og tager børnene med hjem "
                 "til sig, til der er ro.")),
        Rule("aften", "Camilla", answers="vold", periods=tuple(cells_for(DAYS, ["evening", "night"])), text=(
            "Om aftenen og om natten er Camilla hjemme hos Freja og Oscar. Hun putter dem selv, og Jonas er aldrig "
            "alene med børnene om aftenen.")),
        Rule("opkald", "Birthe", kind="other", answers="vold", periods=tuple(cells_for(DAYS, ["evening"])), text=(
            "Mormor ringer hver aften kl. 19 til Camilla og siger også godnat til Freja og Oscar. Hvis ingen tager "
            "telefonen, ringer hun til Mette, som går over og banker på.")),
        Rule("weekend", "Camilla", periods=tuple(cells_for(WEEKEND, ["morning", "day"])), text=(
            "I weekenden er Camilla hjemme med børnene om dagen. Lørdag formiddag kører mormor Freja til "
            "håndboldkamp, og søndag spiser vi alle middag hos mormor.")),
        Rule("fuld", "Camilla", kind="if_then", answers="vold", holidays=True,
             situation="Hvis Jonas kommer fuld hjem", text=(
            "Hvis Jonas kommer fuld hjem, tager Camilla Freja og Oscar med hen til mormor, og de sover der. Camilla "
            "sender en sms til Katrin næste morgen.")),
    ),
    contacts=(
        Contact("netværkstovholder, mormor", person="Birthe"),
        Contact("mor", person="Camilla"),
        Contact("mors samlever, Oscars far", person="Jonas"),
        Contact("nabo, kommer med det samme", person="Mette"),
        Contact("sagsbehandler, Børn og Unge", name="Katrin Weber", phone="+45 46 31 45 10"),
        Contact("uden for åbningstid", name="Socialvagten", phone="+45 46 31 49 99"),
    ),
    agreements=(
        ("Himmelev Skole (Anne Holm, klasselærer)",
         "Anne taler med Freja hver mandag morgen om, hvordan weekenden har været. Fortæller Freja om vold eller "
         "virker hun bange, ringer Anne samme dag til Birthe og til forvaltningen."),
        ("Egen læge",
         "Lægen undersøger Oscars sengevædning og giver forvaltningen besked, hvis der er tegn på, at børnene "
         "mistrives eller er kommet til skade."),
        ("Politiet",
         "Politiet er orienteret om sikkerhedsplanen. Rykker politiet ud til adressen, sender de samme dag en "
         "underretning til forvaltningen."),
    ),
    worry_about=("Jonas",),
    sign_offs=(("Camilla", "in_person"), ("Jonas", "in_person"), ("Birthe", "in_person"), ("Mette", "phone")),
    check_ins=(
        CheckIn(13, "home_visit", 6,
                "Hjemmebesøg om aftenen med Camilla, Jonas og børnene. Der var roligt, og børnene viste deres "
                "sikkerhedshus frem. Jonas har været til samtale hos Dialog mod Vold to gange siden sidst.",
                results=(Result("skaenderi", "held",
                                "Jonas gik én gang en tur og sendte sms til Birthe, som aftalt."),)),
        CheckIn(7, "network", 5,
                "Birthe ringede: Lørdag aften drak Jonas to øl, mens han så fodbold derhjemme. Det kom ikke til "
                "skænderi, og Camilla fortalte det selv til Birthe næste morgen.",
                results=(
                    Result("alkohol", "broken",
                           "Jonas drak to øl derhjemme lørdag aften, mens børnene var hjemme. Han siger, at han ikke "
                           "tænkte over det. Ved netværksmødet aftalte vi, at fodbold ses hos hans bror."),
                    Result("opkald", "held", "Birthe har ringet hver aften."))),
        CheckIn(2, "school", 7,
                "Anne Holm fortæller, at Freja er mere udhvilet og deltager mere i timerne. Hun har ikke talt om "
                "skænderier derhjemme de sidste to uger.",
                results=(Result("freja", "held", "Freja har ikke haft brug for at ringe."),)),
    ),
)

PLANS = {"BU-2026-0311": SORENSEN}
