"""Der Sicherheitsplan der Familie Becker (JA-2026-0147, Dortmund), aufgeschrieben nach dem Netzwerktreffen:
wer morgens, tagsüber und abends für Mia und Leon da ist und was passiert, wenn Frau Becker getrunken hat."""

from __future__ import annotations

from safehold.demo.plans import CheckIn, Contact, Plan, Result, Rule
from safehold.safety_plans.coverage import DAYS, WEEKDAYS, WEEKEND, cells_for

BECKER = Plan(
    activated_days_ago=11,
    review_every_days=7,
    coordinator="Gisela",
    minimum_requirements=(
        "Mia und Leon werden zu jeder Zeit von einem nüchternen Erwachsenen versorgt. Frau Becker trinkt keinen "
        "Alkohol, solange sie für die Kinder sorgt. Leon geht an jedem Schultag zur Schule und muss nicht auf Mia "
        "aufpassen. Frau Becker geht alle zwei Wochen zur Suchtberatung der Caritas. Der neue Partner von Frau "
        "Becker ist nicht allein mit den Kindern, bis er beim Netzwerktreffen war und den Plan kennt. Wenn der Plan "
        "nicht gehalten hat, erfährt das Jugendamt es noch am selben Tag."),
    child_explanation=(
        "Frau Weber hat Mia und Leon den Plan bei Oma erklärt, mit Worten und Bildern, die Mama und Oma mit ihr "
        "ausgesucht haben. Mia weiß: Morgens ist Mama oder Oma da, und wenn Mama komisch ist, sagt sie es Oma oder "
        "Frau Yilmaz. Leon hat sein Sicherheitshaus gemalt, mit Oma, Papa und seiner Klassenlehrerin darin. Er weiß, "
        "dass er nicht mehr auf Mia aufpassen muss, weil das die Aufgabe der Erwachsenen ist. Das Bild hängt am "
        "Kühlschrank, Omas Nummer steht daneben."),
    information_given=(
        "Die Kita Sonnenblume, Leons Klassenlehrerin und Dr. Brandt kennen den Plan und wissen, wen sie anrufen. "
        "Frau Hoffmann und Herr Becker haben eine Kopie. Frau Becker erzählt ihrem neuen Partner vom Plan und lädt "
        "ihn zum nächsten Netzwerktreffen ein."),
    if_worries_who_notices=(
        "Frau Hoffmann, Herr Becker, die Kita und Leons Schule. Warnzeichen: Mia kommt ohne Frühstück oder in "
        "schmutziger Kleidung, Frau Becker riecht nach Alkohol oder geht nicht ans Telefon, Leon fehlt "
        "unentschuldigt oder erzählt, dass er auf Mia aufpassen musste."),
    if_worries_who_is_called=(
        "Zuerst Frau Hoffmann als Netzwerkkoordinatorin: Sie kommt und nimmt die Kinder zu sich. Wenn sie nicht "
        "erreichbar ist, Herr Becker. Noch am selben Tag Frau Weber im Jugendamt, außerhalb der Dienstzeit der "
        "Kinder- und Jugendnotdienst. Bei akuter Gefahr die 110."),
    if_worries_authority=(
        "Frau Weber meldet sich innerhalb eines Werktags bei Frau Becker, macht einen Hausbesuch und spricht mit "
        "Leon allein. Wenn nötig, lädt sie kurzfristig zum Netzwerktreffen ein, und der Plan wird angepasst. Hält "
        "der Plan wiederholt nicht oder ist ein Kind in akuter Gefahr, schätzt das Jugendamt die Gefährdung neu "
        "ein. Eine Inobhutnahme ist dann möglich; das Jugendamt bespricht das offen mit der Familie."),
    rules=(
        Rule("fruehschicht", "Gisela", answers="versorgung", periods=tuple(cells_for(WEEKDAYS, ["morning"])),
             situation="An den Tagen, an denen Mama Frühschicht hat", text=(
                 "Wenn Mama Frühschicht hat, ist Oma um Viertel nach sechs bei uns. Sie weckt Mia und Leon, macht "
                 "Frühstück, achtet auf saubere Sachen und bringt Mia um acht in die Kita. Leon geht mit ihnen los.")),
        Rule("schule", "Sandra", kind="other", answers="schule",
             periods=tuple(cells_for(WEEKDAYS, ["morning", "day"])), text=(
            "Leon geht an jedem Schultag zur Schule. Auf Mia aufpassen ist nicht seine Aufgabe. Ist er krank, rufe ich "
            "bis acht im Sekretariat an und sage Papa Bescheid. An den anderen Morgen mache ich die Kinder "
            "selbst fertig, mit Frühstück und sauberen Sachen."),
        ),
        Rule("abholen", "Sandra", kind="if_then", answers="versorgung", periods=tuple(cells_for(WEEKDAYS, ["day"])),
             situation="Wenn Mama Mia aus der Kita abholt", text=(
                 "Wenn ich Mia abhole, habe ich vorher nichts getrunken. Merke ich, dass ich es nicht schaffe, rufe "
                 "ich Oma an, und sie holt Mia. Die Kita gibt Mia nur einem nüchternen Erwachsenen mit.")),
        Rule("oma", "Gisela", answers="versorgung", periods=tuple(cells_for(["mon", "wed"], ["day", "evening"])),
             text=(
                 "Montags und mittwochs holt Oma Mia um halb drei aus der Kita ab. Mia isst bei Oma Abendbrot, und "
                 "Mama holt sie um sieben ab.")),
        Rule("papa", "Thomas", answers="schule", periods=tuple(cells_for(["tue", "thu"], ["day"])), text=(
            "Dienstags und donnerstags holt Papa Leon von der Schule ab, macht mit ihm Hausaufgaben und bringt ihn "
            "um halb sieben nach Hause. Jedes zweite Wochenende ist Leon bei Papa. Mama und Papa sprechen die Woche "
            "sonntagabends am Telefon ab, nicht über Leon.")),
        Rule("abends", "Sandra", kind="other", answers="versorgung",
             periods=tuple(cells_for(DAYS, ["evening", "night"])), text=(
            "Abends und nachts trinke ich keinen Alkohol, und in der Wohnung steht keiner. Um halb sieben gibt es "
            "Abendbrot, um halb acht geht Mia ins Bett, um halb neun Leon. Oma ruft jeden Abend um sieben an und "
            "spricht kurz mit den Kindern.")),
        Rule("wochenende", "Gisela", answers="versorgung", periods=tuple(cells_for(WEEKEND, ["morning", "day"])),
             text=(
                 "Samstags kommt Oma um zehn zum Frühstück und bleibt bis nach dem Mittagessen. Sonntags essen wir "
                 "alle bei Oma zu Mittag.")),
        Rule("getrunken", "Gisela", kind="if_then", answers="versorgung", holidays=True,
             situation="Wenn Mama getrunken hat oder nicht erreichbar ist", text=(
                 "Wenn Mama getrunken hat, rufen Leon, Papa oder die Kita sofort Oma an. Leon kennt ihre Nummer "
                 "auswendig. Oma kommt und nimmt Mia und Leon mit zu sich, bis Mama wieder nüchtern ist. Oma sagt "
                 "Frau Weber am selben Tag Bescheid.")),
    ),
    contacts=(
        Contact("Netzwerkkoordinatorin, Oma", person="Gisela"),
        Contact("Mutter", person="Sandra"),
        Contact("Vater", person="Thomas"),
        Contact("Kita Sonnenblume, Erzieherin", person="Aylin"),
        Contact("Jugendamt, fallzuständige Fachkraft", name="Katrin Weber", phone="0231 5567 400"),
        Contact("außerhalb der Dienstzeit, rund um die Uhr", name="Kinder- und Jugendnotdienst",
                phone="0231 5567 999"),
    ),
    agreements=(
        ("Kita Sonnenblume (Frau Yilmaz)",
         "Die Kita gibt Mia nur einem nüchternen Erwachsenen mit. Kommt Mia ohne Frühstück oder in schmutziger "
         "Kleidung, oder wirkt jemand beim Abholen alkoholisiert, ruft die Kita sofort Frau Hoffmann an und "
         "informiert das Jugendamt noch am selben Tag."),
        ("Leons Grundschule (Klassenlehrerin und Sekretariat)",
         "Fehlt Leon ohne Entschuldigung, ruft das Sekretariat bis neun Uhr Frau Becker an und meldet den Fehltag "
         "noch am selben Vormittag dem Jugendamt."),
        ("Kinderarztpraxis Dr. Brandt",
         "Mias U8 wird nachgeholt, und Dr. Brandt prüft dabei den Impfstatus. Werden Termine nicht wahrgenommen, "
         "sagt die Praxis dem Jugendamt Bescheid."),
    ),
    worry_about=("Sandra",),
    uncovered_reason=(
        "Abends, nachts, am Wochenende ab dem Nachmittag und freitags tagsüber ist Frau Becker allein mit Mia und "
        "Leon; aus dem Netzwerk kann dann niemand da sein. Dafür ruft Oma jeden Abend um sieben an und spricht mit "
        "den Kindern, Leon kennt Omas Nummer auswendig, die Kita sieht Mia freitags bis vier, und Frau Weber macht "
        "auch abends unangekündigte Hausbesuche."),
    approval_comment=(
        "Die Lücken am Abend und in der Nacht trage ich mit, solange Omas Anruf jeden Abend stattfindet und Frau "
        "Becker zur Suchtberatung geht. Bei der nächsten Überprüfung klären wir, ob Herr Becker einen zweiten "
        "Abend in der Woche übernehmen kann."),
    sign_offs=(("Sandra", "in_person"), ("Thomas", "in_person"), ("Gisela", "in_person")),
    check_ins=(
        CheckIn(8, "home_visit", 6,
                "Hausbesuch am Nachmittag mit Frau Becker und Frau Hoffmann. Die Wohnung war aufgeräumt, im "
                "Kühlschrank stand kein Alkohol. Mia hat das Sicherheitshaus von Leon gezeigt. Frau Becker war "
                "letzte Woche bei der Suchtberatung.",
                results=(Result("fruehschicht", "held", "An allen drei Frühschicht-Tagen war Oma pünktlich da."),
                         Result("getrunken", "held", "Kein Anlass: Frau Becker war nüchtern."))),
        CheckIn(3, "school", 6,
                "Anruf von Frau Yilmaz: Mia kommt mit Frühstück und sauberen Sachen. Frau Hoffmann hat selbst "
                "angerufen und erzählt, dass sie am Donnerstag krank war.",
                results=(
                    Result("fruehschicht", "broken",
                           "Am Donnerstag war Oma krank und hat niemandem Bescheid gesagt. Leon hat Mia Frühstück "
                           "gemacht und sie in die Kita gebracht; beide waren pünktlich. Neu vereinbart: Ist Oma "
                           "krank, ruft sie am Abend vorher Herrn Becker an, und er kommt morgens."),
                    Result("schule", "held", "Leon war an jedem Schultag da."),
                    Result("abholen", "held", "Die Kita hat nichts bemerkt."))),
    ),
)

PLANS = {"JA-2026-0147": BECKER}
