"""Names and short texts for the synthetic cases, per case language, so searches and pages behave like real ones.

The texts are generic on purpose: load data measures the software, it tells no family's story."""

FAMILY_NAMES = {
    "de": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
           "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
           "Yılmaz", "Kaya", "Nowak", "Kowalski"],
    "da": ["Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
           "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Møller", "Østergaard", "Bæk"],
    "en": ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
           "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke"],
}
# First names by sex (the genogram draws squares and circles), children's and parents' generations alike.
FEMALE_NAMES = {
    "de": ["Mia", "Emma", "Sofia", "Hannah", "Lina", "Emilia", "Marie", "Lea", "Sabine", "Andrea", "Petra", "Julia",
           "Katharina", "Özlem", "Zoë", "Ayşe", "Agnieszka", "Jana"],
    "da": ["Freja", "Ida", "Clara", "Alma", "Ella", "Karla", "Sofie", "Mette", "Anne", "Camilla", "Louise", "Åse",
           "Birthe", "Signe", "Maja", "Sara"],
    "en": ["Olivia", "Amelia", "Isla", "Ava", "Lily", "Grace", "Freya", "Rachel", "Sarah", "Emma", "Chloé", "Niamh",
           "Aisha", "Kerry", "Joanne", "Siobhán"],
}
MALE_NAMES = {
    "de": ["Noah", "Leon", "Paul", "Ben", "Finn", "Elias", "Luca", "Jonas", "Jürgen", "Stefan", "Thomas", "Michael",
           "Andreas", "Mehmet", "Piotr", "Björn"],
    "da": ["William", "Oscar", "Noah", "Carl", "Aksel", "Emil", "Magnus", "Søren", "Bjørn", "Jørgen", "Lars",
           "Mads", "Rasmus", "Anders", "Thomas"],
    "en": ["Oliver", "George", "Harry", "Jack", "Leo", "Arthur", "Noah", "Peter", "James", "David", "Mark", "Seán",
           "Mohammed", "Ryan", "Daniel"],
}
# How a parent or grandparent is related to the children, in the family's words (`Person.relationship`).
KIN_WORDS = {
    "de": {"mother": "Mutter", "father": "Vater", "grandmother": "Großmutter", "grandfather": "Großvater",
           "foster": "Pflegemutter"},
    "da": {"mother": "mor", "father": "far", "grandmother": "mormor", "grandfather": "morfar", "foster": "plejemor"},
    "en": {"mother": "mother", "father": "father", "grandmother": "grandmother", "grandfather": "grandfather",
           "foster": "foster carer"},
}

# What a map's entries say, per part of the map (keys are `mapping.Part` values).
ENTRY_TEXTS = {
    "de": {
        "past_harm": ["Polizeieinsatz wegen Streit in der Wohnung", "Kind kam ohne Frühstück in die Kita",
                      "Mutter war nachts betrunken und allein mit dem Kind"],
        "future_danger": ["Das Kind wird geschlagen, wenn die Eltern streiten",
                          "Das Kind bleibt ohne Aufsicht, wenn die Mutter trinkt"],
        "goals": ["Ein Erwachsener aus dem Netzwerk ist abends erreichbar",
                  "Die Eltern streiten nie vor dem Kind"],
        "strengths": ["Die Großmutter holt das Kind jeden Tag ab", "Der Vater geht zur Beratung"],
        "complicating": ["Die Familie hat kein Auto und wohnt weit draußen"],
    },
    "da": {
        "past_harm": ["Politiet kom efter et skænderi i lejligheden", "Barnet kom sulten i børnehaven",
                      "Mor var beruset om natten og alene med barnet"],
        "future_danger": ["Barnet bliver slået, når forældrene skændes",
                          "Barnet er uden opsyn, når mor drikker"],
        "goals": ["En voksen fra netværket kan nås om aftenen", "Forældrene skændes aldrig foran barnet"],
        "strengths": ["Mormor henter barnet hver dag", "Far går til rådgivning"],
        "complicating": ["Familien har ingen bil og bor langt ude"],
    },
    "en": {
        "past_harm": ["Police came after a fight in the flat", "The child arrived hungry at nursery",
                      "Mum was drunk at night and alone with the child"],
        "future_danger": ["The child will be hit when the parents fight",
                          "The child will be left alone when mum drinks"],
        "goals": ["An adult from the network can be reached in the evening",
                  "The parents never fight in front of the child"],
        "strengths": ["Grandma collects the child every day", "Dad goes to counselling"],
        "complicating": ["The family has no car and lives far out"],
    },
}
# Who is worried, what they fear the child would suffer, and what it would do to the child (a danger statement).
WORRIED = {"de": "Das Jugendamt", "da": "Kommunen", "en": "Children's services"}
IMPACT = {"de": "Das Kind wird verletzt und hat Angst", "da": "Barnet kommer til skade og er bange",
          "en": "The child gets hurt and is frightened"}
MAP_TITLES = {"de": "Gefährdungseinschätzung", "da": "Risikovurdering", "en": "Safety assessment"}
STORY_TITLES = {"de": "Worte und Bilder", "da": "Ord og billeder", "en": "Words and Pictures"}

# The directory's districts and what a referral's need says, in the family's words.
DISTRICTS = ("Innenstadt-Nord", "Innenstadt-West", "Hörde", "Eving", "Scharnhorst", "Brackel", "Aplerbeck",
             "Nørrebro", "Østerbro", "Valby", "Amager Øst", "Clifton", "Acomb", "Tang Hall")
NEED_WORDS = {
    "de": ["Ich brauche Hilfe, damit es zu Hause ruhiger wird.", "Wir schaffen das allein nicht mehr.",
           "Andere Eltern treffen, die das kennen."],
    "da": ["Jeg har brug for hjælp, så der bliver mere ro derhjemme.", "Vi kan ikke klare det alene længere.",
           "At møde andre forældre, der kender det."],
    "en": ["I need help so that home gets calmer.", "We cannot manage on our own any more.",
           "To meet other parents who know what it is like."],
}
OFFER_WORDS = ("Familien", "Eltern", "Mütter", "Forældre", "Familie", "Parents", "Family", "Kinder", "Børn", "Youth")
PROVIDERS = ("Caritas", "Diakonie", "AWO", "Kinderschutzbund", "Stadt", "Kommune", "Red Barnet", "Family Action",
             "Familiecentret", "Beratungsstelle")

# A safety plan's rules, by kind (`safety_plans.RuleKind` values): what exactly happens, in the family's words.
RULE_TEXTS = {
    "de": {
        "presence": ["Die Großmutter ist morgens da und bringt das Kind zur Kita",
                     "Ein nüchterner Erwachsener ist abends zu Hause", "Die Nachbarin übernimmt die Nacht",
                     "Der Onkel holt das Kind nach der Schule ab", "Die Tante ist am Wochenende dabei"],
        "if_then": ["Wenn der Vater getrunken hat, verlässt er die Wohnung und ruft die Großmutter an",
                    "Wenn es Streit gibt, geht das Kind zur Nachbarin", "Wenn die Mutter sich nicht gut fühlt, "
                    "ruft sie ihre Schwester an"],
        "check": ["Die Familienhilfe kommt dienstags und freitags", "Die Kita meldet sich, wenn das Kind fehlt"],
        "other": ["Die Eltern gehen gemeinsam zur Beratung", "Das Handy der Mutter ist immer geladen"],
    },
    "da": {
        "presence": ["Mormor er der om morgenen og følger barnet i børnehave",
                     "En ædru voksen er hjemme om aftenen", "Naboen har natten",
                     "Onklen henter barnet efter skole", "Mosteren er med i weekenden"],
        "if_then": ["Hvis far har drukket, forlader han lejligheden og ringer til mormor",
                    "Hvis der er skænderi, går barnet til naboen", "Hvis mor ikke har det godt, ringer hun til sin "
                    "søster"],
        "check": ["Familiebehandleren kommer tirsdag og fredag", "Børnehaven ringer, hvis barnet udebliver"],
        "other": ["Forældrene går til rådgivning sammen", "Mors telefon er altid opladet"],
    },
    "en": {
        "presence": ["Grandma is there in the morning and takes the child to nursery",
                     "A sober adult is at home in the evening", "The neighbour covers the night",
                     "The uncle collects the child after school", "The aunt is there at the weekend"],
        "if_then": ["If dad has been drinking, he leaves the flat and calls grandma",
                    "If there is a row, the child goes to the neighbour", "If mum does not feel well, she calls "
                    "her sister"],
        "check": ["The family support worker comes on Tuesdays and Fridays",
                  "The nursery calls if the child does not come"],
        "other": ["The parents go to counselling together", "Mum's phone is always charged"],
    },
}
SITUATIONS = {"de": "Wenn der Vater getrunken hat", "da": "Når far har drukket", "en": "When dad has been drinking"}
CHECK_IN_NOTES = {
    "de": ["Alles wie vereinbart", "Die Großmutter war zweimal nicht erreichbar", "Ruhige Woche"],
    "da": ["Alt som aftalt", "Mormor kunne ikke træffes to gange", "En rolig uge"],
    "en": ["Everything as agreed", "Grandma could not be reached twice", "A calm week"],
}
# A Words & Pictures story's panels, by part of the story (`words_pictures.Section` values).
PANEL_TEXTS = {
    "de": {
        "who_is_worried": "Das Jugendamt und die Kita haben sich Sorgen gemacht, weil Mama und Papa oft gestritten "
                          "haben.",
        "what_happened": "Einmal kam die Polizei, weil es sehr laut war. Du hattest Angst.",
        "keeping_safe": "Jetzt ist abends immer ein Erwachsener da, der nicht getrunken hat.",
        "safety_network": "Oma, Tante und die Nachbarin helfen mit und wissen Bescheid.",
        "other": "Wenn du dir Sorgen machst, kannst du Oma anrufen.",
    },
    "da": {
        "who_is_worried": "Kommunen og børnehaven blev bekymrede, fordi mor og far tit skændtes.",
        "what_happened": "En gang kom politiet, fordi der var meget larm. Du var bange.",
        "keeping_safe": "Nu er der altid en voksen om aftenen, som ikke har drukket.",
        "safety_network": "Mormor, moster og naboen hjælper og ved besked.",
        "other": "Hvis du er bekymret, kan du ringe til mormor.",
    },
    "en": {
        "who_is_worried": "Children's services and the nursery were worried because mum and dad often fought.",
        "what_happened": "Once the police came because it was very loud. You were scared.",
        "keeping_safe": "Now there is always a grown-up in the evening who has not been drinking.",
        "safety_network": "Grandma, your aunt and the neighbour help and know what is going on.",
        "other": "If you are worried, you can call grandma.",
    },
}
# What the professionals observed at a contact of a placed child (`perspective.OBSERVATION_FIELDS`), and where.
CONTACT_NOTES = {
    "de": {"meeting_parting": "Begrüßung herzlich, Abschied mit Tränen", "child_signals": "Sucht Nähe zur Mutter",
           "parent_responsiveness": "Geht auf das Kind ein", "place": "Besuchsraum im Jugendamt"},
    "da": {"meeting_parting": "Hjertelig hilsen, afsked med tårer", "child_signals": "Søger nærhed hos mor",
           "parent_responsiveness": "Er lydhør over for barnet", "place": "Samværslokalet i kommunen"},
    "en": {"meeting_parting": "A warm greeting, tears at parting", "child_signals": "Seeks closeness to mum",
           "parent_responsiveness": "Responds to the child", "place": "Contact room at the council"},
}
# The legal basis of a contact restriction, in the organisation's jurisdiction's words.
RESTRICTION_BASIS = {"de": "Beschluss des Familiengerichts", "da": "Afgørelse fra Familieretshuset",
                     "en": "Family court order"}
SCREENING_EVIDENCE = {"de": "Laut Polizeibericht und Kita", "da": "Ifølge politirapport og børnehave",
                      "en": "According to the police report and the nursery"}
