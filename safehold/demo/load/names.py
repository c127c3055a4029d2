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
FIRST_NAMES = {
    "de": ["Mia", "Emma", "Sofia", "Hannah", "Lina", "Noah", "Leon", "Paul", "Ben", "Finn", "Jürgen", "Sabine",
           "Andrea", "Stefan", "Özlem", "Zoë"],
    "da": ["Freja", "Ida", "Clara", "Alma", "Ella", "William", "Oscar", "Noah", "Carl", "Aksel", "Søren", "Mette",
           "Bjørn", "Åse", "Jørgen"],
    "en": ["Olivia", "Amelia", "Isla", "Ava", "Lily", "Oliver", "George", "Harry", "Jack", "Leo", "Rachel", "Peter",
           "Chloé", "Seán"],
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
