"""Die Karten der Familie Becker (JA-2026-0147, Dortmund): Gefährdungseinschätzung nach § 8a mit der Familie,
drei Wochen später das Netzwerktreffen."""

from __future__ import annotations

from safehold.demo.maps import Change, Meeting, Say, Score, View
from safehold.mapping.models import GoalKind, Part, ScaleKind, WorriedNumber
from safehold.meetings.models import MeetingKind

ASSESSMENT = Meeting(
    days_ago=37,
    title="Gemeinsame Gefährdungseinschätzung mit Familie Becker",
    meeting_kind=MeetingKind.ASSESSMENT,
    participants=("Sandra", "Thomas", "Gisela", "Aylin", "worker"),
    add=(
        Say(Part.PAST_HARM, "Aylin",
            "In den drei Wochen vor der Meldung kam Mia an sechs Tagen ohne Frühstück in die Kita. Sie hat morgens "
            "gleich zwei Brote gegessen und gesagt: „Zu Hause war nix da.“ An mehreren Tagen trug sie dieselbe "
            "Kleidung, die nach Urin roch; die Kita hat sie zweimal umgezogen."),
        Say(Part.PAST_HARM, "Aylin",
            "An zwei Nachmittagen wirkte Frau Becker beim Abholen alkoholisiert: Sie roch nach Alkohol und ging "
            "unsicher. Einmal hat die Kita Mia deshalb nicht mitgegeben und Frau Hoffmann angerufen.",
            key="abholen"),
        Say(Part.PAST_HARM, "worker",
            "Leon hat in diesem Schuljahr an 14 Tagen unentschuldigt gefehlt. An mehreren dieser Tage war er allein "
            "mit Mia zu Hause und hat auf sie aufgepasst, während Frau Becker schlief."),
        Say(Part.FUTURE_DANGER, "worker", key="versorgung",
            worried="Das Jugendamt, die Kita und Frau Hoffmann", worried_number=WorriedNumber.SEVERAL,
            behaviour="Frau Becker tagsüber Alkohol trinkt, wenn sie allein für Mia und Leon sorgt, und dann nicht "
                      "merkt, ob die Kinder gegessen haben, sauber angezogen sind und wo sie sich aufhalten",
            impact="Mia und Leon hungrig und unversorgt bleiben, sich verletzen, ohne dass ein Erwachsener hilft, "
                   "oder allein auf der Straße in Gefahr geraten"),
        Say(Part.FUTURE_DANGER, "worker", key="schule",
            worried="Das Jugendamt und Herr Becker", worried_number=WorriedNumber.SEVERAL,
            behaviour="Leon weiter morgens zu Hause bleibt, weil niemand ihn weckt oder weil er auf Mia aufpassen "
                      "soll",
            impact="Leon in der Schule den Anschluss verliert und eine Verantwortung für seine kleine Schwester "
                   "trägt, die ein Neunjähriger nicht tragen kann"),
        Say(Part.COMPLICATING, "Sandra",
            "Seit der Trennung im Frühjahr arbeite ich im Schichtdienst im Supermarkt. Bei der Frühschicht muss ich "
            "um halb sechs los, und dann ist niemand da, der die Kinder fertig macht."),
        Say(Part.COMPLICATING, "worker",
            "Frau Becker und Herr Becker sprechen seit der Trennung kaum miteinander. Absprachen über die Kinder "
            "laufen über Leon."),
        Say(Part.COMPLICATING, "worker",
            "Der Stromanbieter hat wegen Zahlungsrückständen eine Sperre angekündigt. Frau Becker hat die Briefe "
            "bisher nicht geöffnet.", key="strom"),
        Say(Part.STRENGTHS, "Aylin",
            "Mia ist ein fröhliches, neugieriges Kind. Sie spricht gut, spielt gern mit anderen und erzählt viel "
            "von ihrer Oma."),
        Say(Part.STRENGTHS, "Thomas",
            "Herr Becker hat Leon seit der Trennung jedes zweite Wochenende zuverlässig bei sich, auch in den "
            "letzten Wochen."),
        Say(Part.STRENGTHS, "Sandra",
            "Frau Becker hat alle Termine mit dem Jugendamt eingehalten. Sie sagt: „Ich will, dass die Kinder bei "
            "mir bleiben, und ich weiß, dass ich dafür Hilfe brauche.“"),
        Say(Part.EXISTING_SAFETY, "Gisela",
            "Frau Hoffmann holt Mia seit einem Jahr montags und mittwochs pünktlich aus der Kita ab und gibt ihr "
            "bei sich Abendbrot."),
        Say(Part.EXISTING_SAFETY, "Gisela",
            "Als die Kita sie anrief, war Frau Hoffmann innerhalb von einer Viertelstunde da und hat Mia über "
            "Nacht bei sich behalten."),
        Say(Part.GOALS, "worker", goal_kind=GoalKind.SAFETY, answers="versorgung", text=(
            "Das Jugendamt muss mindestens drei Monate lang sehen: Mia und Leon werden jeden Tag von einem "
            "nüchternen Erwachsenen versorgt, bekommen Frühstück, tragen saubere Kleidung und sind pünktlich in "
            "Kita und Schule. Hat Frau Becker getrunken, übernehmen Frau Hoffmann oder Herr Becker, und die Kita "
            "weiß, wen sie anrufen kann.")),
        Say(Part.GOALS, "worker", goal_kind=GoalKind.SAFETY, answers="schule", text=(
            "Leon geht an jedem Schultag zur Schule, auch wenn Frau Becker Frühschicht hat. Ein Erwachsener aus "
            "dem Netzwerk ist dann morgens da. Die Schule meldet Fehltage noch am selben Vormittag an Frau Becker "
            "und an das Jugendamt.")),
        Say(Part.GOALS, "Sandra", goal_kind=GoalKind.FAMILY, text=(
            "Ich möchte, dass die Kinder bei mir bleiben und das Jugendamt bald wieder aus unserem Leben "
            "verschwindet. Und dass Leon wieder gern zur Schule geht.")),
        Say(Part.NEXT_STEPS, "Sandra", key="beratung", who="Sandra Becker", due_in=10, text=(
            "Frau Becker vereinbart einen Termin bei der Suchtberatung der Caritas und bringt die Bestätigung zum "
            "nächsten Treffen mit.")),
        Say(Part.NEXT_STEPS, "worker", key="netzwerk", who="Katrin Weber (Jugendamt)", due_in=23, text=(
            "Netzwerktreffen mit Frau Becker, Herrn Becker und Frau Hoffmann: Wer kann an welchem Morgen die "
            "Kinder wecken, versorgen und bringen?")),
        Say(Part.NEXT_STEPS, "worker", who="Katrin Weber (Jugendamt)", due_in=7, text=(
            "Frau Weber spricht allein mit Leon (Drei Häuser) und erklärt Mia mit Worten und Bildern, warum das "
            "Jugendamt gerade da ist.")),
        Say(Part.GREY_AREAS, "Thomas",
            "Herr Becker sagt, Frau Becker habe schon während der Ehe viel getrunken. Frau Becker sagt, das stimme "
            "nicht. Sonst hat dazu niemand etwas beobachtet."),
        Say(Part.GREY_AREAS, "Martin",
            "Mias U8 ist seit vier Monaten überfällig. Ob auch Impfungen fehlen, ist noch nicht geklärt."),
    ),
    views=(
        View("abholen", "Sandra", agrees=False, words=(
            "Ich war nicht betrunken. Ich hatte Migräne und habe starke Tabletten genommen. Dass ich abends mal ein "
            "Bier trinke, stimmt, aber nicht, wenn ich die Kinder abhole.")),
    ),
    scores=(
        Score("worker", 4,
              "Die Kinder waren wiederholt unversorgt, und wir wissen noch nicht, wie oft Frau Becker trinkt. Für "
              "die 4 spricht, dass Frau Hoffmann sofort einspringt und Frau Becker mitarbeitet."),
        Score("Sandra", 8, "Die Kinder sind bei mir sicher. Es waren ein paar schlechte Wochen nach der Trennung, "
                           "das kriege ich wieder hin."),
        Score("Gisela", 5, "Wenn ich da bin, ist alles gut. An den anderen Tagen weiß ich nicht, was bei Sandra "
                           "los ist."),
        Score("Leon", 6, "Manchmal ist Mama morgens so müde, dass sie nicht aufsteht. Dann mache ich Mia was zu "
                         "essen."),
        Score("worker", 7, "Frau Becker kommt zu jedem Termin und hat der Suchtberatung zugestimmt.",
              kind=ScaleKind.WILLINGNESS, about="Sandra"),
        Score("worker", 4, "Mit der Frühschicht und ohne Hilfe am Morgen kann sie die Versorgung allein gerade "
                           "nicht sicherstellen.", kind=ScaleKind.CAPACITY, about="Sandra"),
        Score("worker", 5, "Frau Becker sagt selbst: „Ich weiß nicht, ob ich das mit dem Trinken allein "
                           "schaffe.“", kind=ScaleKind.CONFIDENCE, about="Sandra"),
    ),
)

NETWORK = Meeting(
    days_ago=14,
    title="Netzwerktreffen: Wer ist morgens für Mia und Leon da?",
    meeting_kind=MeetingKind.NETWORK,
    participants=("Sandra", "Thomas", "Gisela", "Aylin", "worker"),
    remove=("strom",),
    change=(
        Change("beratung", who="Sandra Becker", due_in=14, text=(
            "Frau Becker war zweimal bei der Suchtberatung der Caritas. Sie geht weiter alle zwei Wochen hin und "
            "erzählt beim nächsten Treffen, was ihr hilft.")),
        Change("netzwerk", who="Katrin Weber (Jugendamt)", due_in=10, text=(
            "Frau Weber schreibt den Sicherheitsplan auf: wer an welchem Morgen da ist, wen die Kita anruft und was "
            "passiert, wenn Frau Becker getrunken hat. Alle gehen ihn beim nächsten Treffen Punkt für Punkt durch.")),
    ),
    add=(
        Say(Part.EXISTING_SAFETY, "Gisela",
            "Seit drei Wochen ist Frau Hoffmann an allen Frühschicht-Tagen von Frau Becker um Viertel nach sechs in "
            "der Wohnung, weckt die Kinder, macht Frühstück und bringt Mia in die Kita. Das hat an allen acht Tagen "
            "geklappt."),
        Say(Part.EXISTING_SAFETY, "Thomas",
            "Herr Becker holt Leon dienstags und donnerstags von der Schule ab und macht mit ihm Hausaufgaben. Leon "
            "war seit dem letzten Treffen an jedem Schultag in der Schule."),
        Say(Part.NEXT_STEPS, "Thomas", who="Thomas und Sandra Becker", due_in=7, text=(
            "Herr und Frau Becker telefonieren jeden Sonntagabend und sprechen die Woche ab, ohne Leon als Boten.")),
        Say(Part.GREY_AREAS, "Aylin",
            "Mia hat in der Kita erzählt, dass „der neue Freund von Mama“ manchmal bei ihnen schläft. Wer das ist "
            "und ob er sich um die Kinder kümmert, wissen wir noch nicht."),
    ),
    views=(
        View("abholen", "Sandra", agrees=False, words=(
            "In der Beratung habe ich gemerkt, dass ich nach der Trennung zu viel getrunken habe. An diesen "
            "Nachmittagen war ich aber nicht betrunken.")),
    ),
    scores=(
        Score("worker", 6,
              "Drei Wochen lang waren die Kinder morgens versorgt und pünktlich, und Frau Becker geht zur "
              "Suchtberatung. Das ist noch zu kurz, um von Sicherheit zu sprechen."),
        Score("Sandra", 7, "Es ist anstrengend, dass alle auf mich schauen. Ehrlich gesagt merke ich, dass ich "
                           "Hilfe brauche."),
        Score("Gisela", 7, "Morgens bin ich jetzt da, das klappt. Ich mache mir noch Sorgen um die Abende."),
        Score("Leon", 8, "Oma ist jetzt morgens da. Ich muss Mia nicht mehr anziehen."),
        Score("worker", 8, "Frau Becker hält alle Absprachen ein und geht regelmäßig zur Beratung.",
              kind=ScaleKind.WILLINGNESS, about="Sandra"),
        Score("worker", 6, "Mit Frau Hoffmann am Morgen ist die Versorgung an den Schichttagen gesichert.",
              kind=ScaleKind.CAPACITY, about="Sandra"),
        Score("worker", 6, "Frau Becker sagt: „Mit der Beratung traue ich mir das eher zu.“",
              kind=ScaleKind.CONFIDENCE, about="Sandra"),
    ),
)

MAPS = {"JA-2026-0147": (ASSESSMENT, NETWORK)}
