"""Kortene for familien Sørensen (BU-2026-0311, Roskilde): risikovurdering med familien, tre uger senere
sikkerhedsplanmødet med netværket. Og for familien Andersen (OT-2026-0001) i den anden organisation."""

from __future__ import annotations

from safehold.demo.maps import Change, Meeting, Say, Score, View
from safehold.mapping.models import GoalKind, Part, ScaleKind, WorriedNumber
from safehold.meetings.models import MeetingKind

SORENSEN_ASSESSMENT = Meeting(
    days_ago=45,
    title="Risikovurdering med familien og netværket",
    meeting_kind=MeetingKind.ASSESSMENT,
    participants=("Camilla", "Jonas", "Birthe", "Mette", "worker", "consultant"),
    add=(
        Say(Part.PAST_HARM, "Freja",
            "Når mor og Jonas råber om natten, bliver jeg bange. Så tager jeg Oscar med ind på mit værelse og "
            "holder ham for ørerne, til de holder op."),
        Say(Part.PAST_HARM, "Anne",
            "Freja har fortalt mig, at Jonas en aften slog Camilla i ansigtet, mens hun stod i døren til stuen. "
            "De sidste måneder har Freja ofte været træt og ukoncentreret i skolen og har to gange grædt i "
            "frikvarteret.", key="slag"),
        Say(Part.PAST_HARM, "worker",
            "Politiet har været tilkaldt to gange siden sommer, efter at naboer havde hørt råb og larm. Begge gange "
            "var Freja og Oscar hjemme og vågne."),
        Say(Part.FUTURE_DANGER, "worker", key="vold",
            worried="Forvaltningen, skolen og Birthe", worried_number=WorriedNumber.SEVERAL,
            behaviour="Jonas og Camilla igen kommer op at skændes voldsomt om aftenen, og at Jonas slår eller "
                      "skubber Camilla, mens Freja og Oscar er hjemme",
            impact="Freja og Oscar kommer til skade, hvis de prøver at gå imellem, og at de kommer til at leve i "
                   "frygt i deres eget hjem, hvilket skader deres trivsel og udvikling"),
        Say(Part.FUTURE_DANGER, "worker", key="ansvar",
            worried="Forvaltningen og Camilla", worried_number=WorriedNumber.SEVERAL,
            behaviour="Freja fortsat påtager sig ansvaret for at passe på Oscar og på sin mor, når de voksne "
                      "skændes",
            impact="Freja bliver ved med at være bange og træt, får det sværere i skolen og lærer, at hun ikke "
                   "kan regne med, at de voksne passer på hende"),
        Say(Part.COMPLICATING, "worker",
            "Jonas har som regel drukket, når skænderierne bliver voldsomme. Han siger selv, at han »kun drikker i "
            "weekenden«."),
        Say(Part.COMPLICATING, "Camilla",
            "Jeg har ikke andre steder at bo med børnene, og lejligheden står i begges navn."),
        Say(Part.COMPLICATING, "Jonas",
            "Jeg mistede mit arbejde i sommer, og pengene fylder meget mellem os.", key="arbejde"),
        Say(Part.STRENGTHS, "Birthe",
            "Birthe bor ti minutters gang væk og ser børnene flere gange om ugen. Freja kalder hendes hus for »det "
            "rolige sted«."),
        Say(Part.STRENGTHS, "Camilla",
            "Camilla og Jonas vil begge have, at børnene bliver boende hjemme, og de har sagt ja til at lave en "
            "sikkerhedsplan sammen med netværket."),
        Say(Part.STRENGTHS, "Anne",
            "Freja er glad for sin klasse, har gode veninder og går til håndbold to gange om ugen."),
        Say(Part.EXISTING_SAFETY, "Mette",
            "Sidste gang der blev råbt, bankede Mette på og tog Freja og Oscar med over til sig selv, til der var "
            "faldet ro på."),
        Say(Part.EXISTING_SAFETY, "Camilla",
            "Efter politiets anden udrykning har Camilla to gange taget børnene med hjem til Birthe, da Jonas kom "
            "fuld hjem."),
        Say(Part.GOALS, "worker", goal_kind=GoalKind.SAFETY, answers="vold", text=(
            "Forvaltningen skal i mindst tre måneder se, at der ikke er vold i hjemmet. Når et skænderi bliver "
            "højt, forlader Jonas lejligheden i mindst en time og sender en sms til Birthe. Freja og Oscar ved, "
            "hvem de kan ringe til, og netværket siger det til forvaltningen, hvis planen ikke holder.")),
        Say(Part.GOALS, "worker", goal_kind=GoalKind.SAFETY, answers="ansvar", text=(
            "Freja ved, at det er de voksnes opgave at passe på hende og Oscar. Hun har Birthes og Mettes numre og "
            "må altid ringe. Skolen oplever i tre måneder en udhvilet Freja, der kan koncentrere sig.")),
        Say(Part.GOALS, "Camilla", goal_kind=GoalKind.FAMILY, text=(
            "Vi vil være en familie, hvor børnene ikke er bange derhjemme, og hvor vi voksne kan være uenige uden at "
            "råbe.")),
        Say(Part.NEXT_STEPS, "Jonas", key="behandling", who="Jonas Nielsen", due_in=14, text=(
            "Jonas kontakter Dialog mod Vold og aftaler en første samtale.")),
        Say(Part.NEXT_STEPS, "worker", key="netvaerk", who="Katrin Weber og Birthe Sørensen", due_in=24, text=(
            "Netværksmøde hos Birthe: første udkast til sikkerhedsplanen. Hvem gør hvad, når et skænderi bliver "
            "højt?")),
        Say(Part.NEXT_STEPS, "worker", who="Katrin Weber", due_in=14, text=(
            "Katrin laver en »ord og billeder«-fortælling sammen med Camilla og Jonas, så Freja og Oscar får at "
            "vide, hvorfor forvaltningen er med, og hvad der skal ske.")),
        Say(Part.GREY_AREAS, "worker",
            "Jonas siger, at Camilla også har skubbet ham. Camilla siger, at hun kun skubbede ham væk fra sig. Vi "
            "ved ikke, hvad børnene har set."),
        Say(Part.GREY_AREAS, "Camilla",
            "Oscar er begyndt at tisse i sengen igen. Jeg ved ikke, om det har noget med skænderierne at gøre."),
    ),
    views=(
        View("slag", "Jonas", agrees=False, words=(
            "Jeg har aldrig slået Camilla. Vi har skændtes højlydt, og det er jeg ikke stolt af, men jeg har ikke "
            "rørt hende.")),
    ),
    scores=(
        Score("worker", 3,
              "Der har været vold, mens børnene var hjemme, og vi ved endnu ikke, hvad der forhindrer, at det sker "
              "igen. Det trækker op, at forældrene er åbne, og at Birthe og Mette allerede hjælper."),
        Score("Camilla", 6, "Det er blevet bedre, siden politiet var her sidst. Men jeg er stadig nervøs, når "
                            "Jonas har drukket."),
        Score("Jonas", 8, "Jeg ville aldrig gøre børnene noget. Vi skal bare lære at skændes ordentligt."),
        Score("Birthe", 4, "Jeg er bange for, at det sker igen en aften, hvor ingen af os er der."),
        Score("Freja", 5, "Hos mormor er det godt. Derhjemme ved jeg aldrig, om de begynder at råbe."),
        Score("worker", 8, "Camilla siger klart, at hun vil beskytte børnene, og hun har selv taget dem med til "
                           "Birthe.", kind=ScaleKind.WILLINGNESS, about="Camilla"),
        Score("worker", 5, "Camilla har ikke et sted at bo alene med børnene, og hun kan ikke stoppe Jonas, når "
                           "han er vred.", kind=ScaleKind.CAPACITY, about="Camilla"),
        Score("worker", 6, "Camilla siger: »Jeg tror på det, hvis Jonas også gør sin del.«",
              kind=ScaleKind.CONFIDENCE, about="Camilla"),
    ),
)

SORENSEN_SAFETY_PLAN = Meeting(
    days_ago=21,
    title="Sikkerhedsplanmøde med netværket",
    meeting_kind=MeetingKind.SAFETY_PLAN,
    participants=("Camilla", "Jonas", "Freja", "Birthe", "Mette", "worker", "consultant"),
    remove=("arbejde",),
    change=(
        Change("behandling", who="Jonas Nielsen", due_in=28, text=(
            "Jonas har haft den første samtale hos Dialog mod Vold. Han fortsætter hver uge og fortæller på næste "
            "møde, hvad han har lært om sine egne advarselstegn.")),
        Change("netvaerk", who="Katrin Weber og Birthe Sørensen", due_in=10, text=(
            "Sikkerhedsplanen gennemgås med Freja og Oscar hos Birthe, så de ved, hvad de voksne har aftalt, og "
            "hvem de kan ringe til.")),
    ),
    add=(
        Say(Part.EXISTING_SAFETY, "Birthe",
            "I de sidste tre uger har Jonas to gange forladt lejligheden, da et skænderi blev højt, og sendt en sms "
            "til Birthe, som aftalt. Der har ikke været politi i hjemmet siden første møde."),
        Say(Part.EXISTING_SAFETY, "Freja",
            "Freja har Birthes og Mettes numre på sin telefon. Hun ringede én gang til Mette, da hun blev bange, og "
            "Mette kom over med det samme."),
        Say(Part.STRENGTHS, "Jonas",
            "Jonas er startet i nyt arbejde og siger, at der er kommet mere ro på økonomien."),
        Say(Part.NEXT_STEPS, "consultant", who="Mikkel Dahl", due_in=10, text=(
            "Mikkel deltager i næste netværksmøde og hjælper med at skrive sikkerhedsreglerne for aftenerne i et "
            "sprog, Freja og Oscar forstår.")),
        Say(Part.GREY_AREAS, "worker",
            "Freja har sagt, at hun gerne vil se sin far igen. Vi ved endnu ikke, hvad han betyder for hende, og om "
            "han kan blive en del af netværket."),
    ),
    scores=(
        Score("worker", 5,
              "Netværket har reageret hver gang, og der har ikke været vold i tre uger. Planen er ny, så den skal "
              "holde over længere tid."),
        Score("consultant", 5, "Der er et stærkt netværk bag planen, men reglerne for aftenerne skal skrives helt "
                               "konkret."),
        Score("Camilla", 7, "Det er roligere derhjemme, og jeg ved, at Jonas går, når det bliver for meget."),
        Score("Jonas", 7, "Det er hårdt at høre, hvor bange Freja har været. Jeg troede ikke, det var så slemt."),
        Score("Birthe", 6, "Jonas har sendt sms'en, hver gang han gik. Det giver mig ro."),
        Score("Freja", 7, "Jonas går en tur, når de bliver sure. Og jeg må ringe til Mette."),
        Score("worker", 9, "Camilla har fulgt alle aftaler i planen og ringet til Birthe, da det var nødvendigt.",
              kind=ScaleKind.WILLINGNESS, about="Camilla"),
        Score("worker", 6, "Med Birthe og Mette som faste kontakter har Camilla et sted at gå hen med børnene.",
              kind=ScaleKind.CAPACITY, about="Camilla"),
        Score("worker", 7, "Camilla siger: »Jeg kan se, at Jonas prøver. Det giver mig mod på det.«",
              kind=ScaleKind.CONFIDENCE, about="Camilla"),
        Score("worker", 7, "Jonas går til samtaler hver uge, selv om han stadig ikke mener, at han har slået.",
              kind=ScaleKind.WILLINGNESS, about="Jonas"),
    ),
)

ANDERSEN_ASSESSMENT = Meeting(
    days_ago=24,
    title="Første samtale efter underretningen fra skolen",
    meeting_kind=MeetingKind.ASSESSMENT,
    participants=("Louise", "Erik", "worker"),
    add=(
        Say(Part.PAST_HARM, "worker",
            "Noah er kommet for sent i skole ni gange på en måned, flere gange uden madpakke og i tøjet fra dagen "
            "før."),
        Say(Part.PAST_HARM, "Noah",
            "Når mor sover, smører jeg selv rugbrød, og så ser jeg iPad, til det bliver mørkt."),
        Say(Part.PAST_HARM, "worker",
            "En aften ved nitiden fandt en nabo Noah alene på legepladsen på strømpesokker. Louise sov og havde ikke "
            "opdaget, at han var gået ud.", key="legeplads"),
        Say(Part.FUTURE_DANGER, "worker", key="alene",
            worried="Forvaltningen, skolen og Erik", worried_number=WorriedNumber.SEVERAL,
            behaviour="Louise i perioder med depression ligger i sengen det meste af dagen og ikke holder øje med, "
                      "hvor Noah er, eller om han har fået mad",
            impact="Noah kommer til skade, når han er alene ude om aftenen, og at han bliver sulten og træt og "
                   "får det svært i skolen"),
        Say(Part.FUTURE_DANGER, "worker", key="ansvar",
            worried="Forvaltningen og Louise", worried_number=WorriedNumber.SEVERAL,
            behaviour="Noah tager ansvaret for sig selv og for sin mor, fordi der ikke er andre voksne omkring dem",
            impact="Noah bliver et ensomt og bekymret barn, der ikke siger til, når han har brug for hjælp"),
        Say(Part.COMPLICATING, "Louise",
            "Jeg har ikke fået min medicin de sidste to måneder, fordi jeg ikke har haft kræfter til at gå til "
            "lægen.", key="medicin"),
        Say(Part.COMPLICATING, "worker",
            "Noahs far bor i Aalborg og har ikke haft kontakt med Noah i over et år."),
        Say(Part.STRENGTHS, "Erik",
            "Erik er meget glad for Noah og vil gerne hjælpe mere, nu hvor han er gået på pension."),
        Say(Part.STRENGTHS, "Louise",
            "Louise er åben om sin depression og har selv bedt skolen om hjælp."),
        Say(Part.STRENGTHS, "worker",
            "Noah er en glad og hjælpsom dreng, som elsker at gå til fodbold."),
        Say(Part.EXISTING_SAFETY, "Erik",
            "Erik har i et halvt år hentet Noah i SFO hver torsdag og haft ham med hjem til aftensmad."),
        Say(Part.EXISTING_SAFETY, "Louise",
            "Skolen ringer til Erik, når Noah ikke er mødt kl. 8.15. Det er sket fire gange, og Erik har fået fat "
            "i Louise hver gang."),
        Say(Part.GOALS, "worker", goal_kind=GoalKind.SAFETY, answers="alene", text=(
            "Forvaltningen skal i mindst tre måneder se, at der hver aften er en voksen, som ved, hvor Noah er, "
            "giver ham aftensmad og putter ham. Når Louise ikke kan, ringer hun til Erik, og Noah sover hos ham.")),
        Say(Part.GOALS, "worker", goal_kind=GoalKind.SAFETY, answers="ansvar", text=(
            "Noah ved, hvilke voksne han kan ringe til, og siger selv, at han ikke behøver at passe på sin mor.")),
        Say(Part.GOALS, "Louise", goal_kind=GoalKind.FAMILY, text=(
            "Jeg vil have det godt igen, så jeg kan være der for Noah både om morgenen og om aftenen.")),
        Say(Part.NEXT_STEPS, "Louise", key="laege", who="Louise Andersen", due_in=7, text=(
            "Louise bestiller tid hos egen læge om medicin og en henvisning til psykolog.")),
        Say(Part.NEXT_STEPS, "worker", who="Olivia Brown og Erik Andersen", due_in=14, text=(
            "Olivia og Erik laver en liste over voksne, der kan tage over på de dårlige dage.")),
        Say(Part.NEXT_STEPS, "worker", who="Olivia Brown", due_in=10, text=(
            "Olivia taler alene med Noah med »De tre huse«.")),
        Say(Part.GREY_AREAS, "worker",
            "Vi ved ikke, hvor mange aftener Noah har været alene. Louise siger »en enkelt gang«, Noah siger »mange "
            "gange«."),
        Say(Part.GREY_AREAS, "Erik",
            "Erik tror, at Louise drikker for at kunne sove. Louise siger, at hun ikke drikker."),
    ),
    views=(
        View("legeplads", "Louise", agrees=False, words=(
            "Jeg sov ikke, jeg lå ned, fordi jeg havde ondt i hovedet. Han var kun lige gået ned for at hente sin "
            "bold.")),
    ),
    scores=(
        Score("worker", 4, "Noah har været alene mange aftener, og Louise har det stadig skidt. Det trækker op, at "
                           "Erik er der hver torsdag, og at skolen ringer til ham."),
        Score("Louise", 7, "Det var en dårlig periode. Noah har det godt hos mig."),
        Score("Erik", 5, "Når jeg har ham, er alt godt. Jeg ved ikke, hvordan aftenerne er derhjemme."),
        Score("Noah", 6, "Det er godt hos morfar. Derhjemme er det kedeligt, når mor sover."),
        Score("worker", 8, "Louise har selv bedt om hjælp og kommer til alle aftaler.",
              kind=ScaleKind.WILLINGNESS, about="Louise"),
        Score("worker", 3, "Uden medicin og uden andre voksne i hverdagen kan Louise ikke passe Noah på de dårlige "
                           "dage.", kind=ScaleKind.CAPACITY, about="Louise"),
        Score("worker", 5, "Louise siger: »Jeg vil gerne, men jeg ved ikke, om jeg kan.«",
              kind=ScaleKind.CONFIDENCE, about="Louise"),
    ),
)

ANDERSEN_NETWORK = Meeting(
    days_ago=3,
    title="Netværksmøde: hvem tager over på de dårlige dage?",
    meeting_kind=MeetingKind.NETWORK,
    participants=("Louise", "Erik", "Noah", "worker"),
    remove=("medicin",),
    change=(
        Change("laege", who="Louise Andersen", due_in=14, text=(
            "Louise har fået ny medicin og går til den første samtale hos psykologen.")),
    ),
    add=(
        Say(Part.EXISTING_SAFETY, "Erik",
            "I de sidste tre uger har Noah sovet hos Erik hver søndag og onsdag, og Erik har ringet til Louise hver "
            "morgen kl. 7 for at vække hende."),
        Say(Part.EXISTING_SAFETY, "Louise",
            "Louise har to gange sagt til Erik, at hun havde en dårlig dag, og Noah blev hentet samme eftermiddag."),
        Say(Part.GREY_AREAS, "worker",
            "Noahs far har ringet til skolen og spurgt efter Noah. Vi ved ikke, hvad han ønsker, og om han kan blive "
            "en del af netværket."),
    ),
    scores=(
        Score("worker", 6, "Noah har haft en voksen hos sig hver aften i tre uger, og Louise er i behandling igen. "
                           "Det skal holde længere, før vi kan tale om sikkerhed."),
        Score("Louise", 6, "Jeg kan mærke, at jeg ikke klarer det alene, og det er svært at sige højt."),
        Score("Erik", 7, "Jeg ved nu, hvornår jeg skal komme, og Louise ringer selv."),
        Score("Noah", 8, "Jeg sover hos morfar om søndagen, og han laver pandekager."),
        Score("worker", 5, "Med medicin og med Erik to aftener om ugen klarer Louise mere selv.",
              kind=ScaleKind.CAPACITY, about="Louise"),
        Score("worker", 6, "Louise siger: »Det hjælper, at jeg ikke er alene om det.«",
              kind=ScaleKind.CONFIDENCE, about="Louise"),
    ),
)

MAPS = {
    "BU-2026-0311": (SORENSEN_ASSESSMENT, SORENSEN_SAFETY_PLAN),
    "OT-2026-0001": (ANDERSEN_ASSESSMENT, ANDERSEN_NETWORK),
}
