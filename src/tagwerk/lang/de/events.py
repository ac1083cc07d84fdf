"""German event words and date words: what the ``events`` stage and ``tagwerk.dates`` read.

Data only. Written by the team from German news usage; checked by hand on the background corpus
(``benchmarks/events.py``). Words are lowercase; noun heads match the end of a compound
(``Staatsbesuch`` ends in ``besuch``), so a head names the noun stems of its type, plural stems
with umlaut included (``anschläg``).
"""

from __future__ import annotations

# --- event triggers ---------------------------------------------------------------------------

# Noun heads by event type. A capitalised word whose lowercase form ends in a head plus one of
# NOUN_ENDINGS is a trigger, unless it is listed in NOUN_EXCLUDE.
NOUN_HEADS: dict[str, tuple[str, ...]] = {
    "visit": ("besuch", "staatsvisite", "visite", "reise"),
    "meeting": ("treffen", "gipfel", "begegnung", "zusammenkunft", "zusammentreffen", "konferenz"),
    "talks": ("gespräch", "verhandlung", "unterredung", "telefonat", "sondierung", "konsultation"),
    "election": ("wahl", "referendum", "volksabstimmung", "urnengang", "stichwahl"),
    "resignation": ("rücktritt", "abdankung", "demission", "amtsverzicht"),
    "ruling": ("urteil", "urteilsspruch", "freispruch", "freisprüch", "schuldspruch", "schuldsprüch", "verurteilung"),
    "attack": (
        "anschlag", "anschläg", "angriff", "attentat", "überfall", "überfäll", "attacke", "beschuss",
        "bombardierung", "bombardement", "offensive", "massaker",
    ),
    "agreement": (
        "abkommen", "vereinbarung", "einigung", "vertrag", "verträg", "pakt", "waffenstillstand",
        "waffenruhe", "kompromiss", "friedensschluss",
    ),
}
NOUN_ENDINGS = ("", "e", "en", "es", "s", "n")
NOUN_EXCLUDE = frozenset(
    {
        "auswahl", "vorauswahl", "zahlenauswahl", "vorurteil", "vorurteile", "vorurteilen", "pressekonferenz",
        "pressekonferenzen", "videokonferenz", "telefonkonferenz", "gerichtsverhandlung", "hauptverhandlung",
        "berufungsverhandlung", "gerichtsverhandlungen", "charmeoffensive", "bildungsoffensive",
        "werbeoffensive", "qualifikationsoffensive", "arbeitsvertrag", "arbeitsverträge", "mietvertrag", "mietverträge",
        "kaufvertrag", "spielervertrag", "profivertrag", "vereinigung", "vereinigungen", "wiedervereinigung",
        "angriffsfläche", "dienstreise", "urlaubsreise", "anreise", "abreise", "rückreise", "weiterreise",
        "einreise", "ausreise", "durchreise", "zugriff", "eingriff", "rückgriff", "übergriff", "weltreise",
        "kreise", "kreisen", "kreises", "preise", "preisen", "preises", "greise", "greisen", "reinigung", "reinigungen",
    }
)
"""Words that end like a trigger but name something else (a choice, a prejudice, a press
conference, a court hearing, an employment contract, a trip of no political weight, a district
or a prize: ``Landkreisen``, ``Schulpreises``). A word is excluded when it ends in one of these."""
NOUN_NEGATIONS = frozenset({"kein", "keine", "keinen", "keinem", "keiner", "keines"})
"""``kein Auslieferungsabkommen``: a noun trigger right after one of these (two words at most) is none."""
IDIOMS_BEFORE = {"gespräch": frozenset({"im"})}
"""``im Gespräch sein``: under discussion, not talks."""
CLAUSE_END_FORMS = frozenset({"einigen"})
"""Verb forms that are also determiners (``einigen SPD-Mitgliedern``): a trigger only at the end
of a clause or after ``zu``/``sich``."""
HEARSAY = frozenset({"haben", "sein", "worden", "gewesen", "habe"})
"""``soll ... getötet haben``: with one of these ``soll`` reports hearsay, not a plan."""
MODALS_OF_HEARSAY = frozenset({"soll", "sollen", "solle"})

# Verb lemmas (simplemma's) by event type, with the condition the sentence must meet (None: none).
#   company      "sich" or "mit" within COMPANY_WINDOW words (``trafen sich``, ``trifft ... mit``), not a hit
#   court        a court word in the sentence (COURT_CUES): ``verurteilen`` also means condemn
#   elected      a passive participle (``gewählt``) or ``zum``/``zur``/``als`` after the verb
#   reflexive    "sich" in the sentence (``einigten sich``)
#   destination  a place after ``nach``/``in`` in the sentence (a journey somewhere)
#   pact_noun    an agreement noun in the sentence (``unterzeichneten ein Abkommen``, not a law or a letter)
#   violent      a place, or a word of violence, in the sentence (not ``wurde heftig angegriffen``)
#   no_court     no court word (``Verhandlung`` before a court is a hearing)
VERB_TRIGGERS: dict[str, tuple[str, str | None]] = {
    "besuchen": ("visit", None),
    "bereisen": ("visit", None),
    "reisen": ("visit", "destination"),
    "treffen": ("meeting", "company"),  # ``sich`` or ``mit`` near the verb (not ``traf das Tor``)
    "zusammenkommen": ("meeting", None),
    "zusammentreffen": ("meeting", None),
    "verhandeln": ("talks", "no_court"),
    "telefonieren": ("talks", "company"),
    "beraten": ("talks", "company"),
    "wählen": ("election", "elected"),
    "wiederwählen": ("election", None),
    "abwählen": ("election", None),
    "zurücktreten": ("resignation", None),
    "abdanken": ("resignation", None),
    "demissionieren": ("resignation", None),
    "verurteilen": ("ruling", "court"),
    "freisprechen": ("ruling", None),
    "urteilen": ("ruling", "court"),
    "entscheiden": ("ruling", "court"),
    "angreifen": ("attack", "violent"),
    "attackieren": ("attack", "violent"),
    "beschießen": ("attack", None),
    "bombardieren": ("attack", None),
    "überfallen": ("attack", None),
    "einigen": ("agreement", "reflexive"),
    "vereinbaren": ("agreement", None),
    "unterzeichnen": ("agreement", "pact_noun"),
    "ratifizieren": ("agreement", None),
}

# Separable verbs whose particle stands at the end of the clause (``trat ... zurück``):
# (lemma of the finite verb, particle) -> (type, condition).
SEPARABLE_TRIGGERS: dict[tuple[str, str], tuple[str, str | None]] = {
    ("treten", "zurück"): ("resignation", None),
    ("danken", "ab"): ("resignation", None),
    ("greifen", "an"): ("attack", "violent"),
    ("sprechen", "frei"): ("ruling", None),
    ("kommen", "zusammen"): ("meeting", None),
    ("legen", "nieder"): ("resignation", "office"),
}
COMPANY_WINDOW = 4
OFFICE_WORDS = frozenset({"amt", "ämter", "mandat", "vorsitz", "posten"})
"""``legte ... nieder`` is a resignation only with one of these (``legte sein Amt nieder``)."""

# Conditions by noun head: a head listed here needs the condition too.
NOUN_CONDITIONS: dict[str, str] = {
    "angriff": "violent",  # ``Angriff gegen die Belegschaft`` is words
    "reise": "destination",
    "verhandlung": "no_court",
    "begegnung": "no_sport",
    "vertrag": "pact",
    "verträg": "pact",
    "offensive": "military",
}
PACT_CUES = (
    "unterzeichn", "unterschr", "schließ", "schloss", "geschlossen", "ratifizier", "einigten", "geeinigt", "vereinbar", "paraphier",
)
"""A ``Vertrag`` is an agreement event only when the sentence signs, concludes or agrees it."""
MILITARY_CUES = ("armee", "truppe", "militär", "streitkräfte", "soldat", "rebellen", "kämpfer", "luftwaffe", "panzer")
COURT_CUES = (
    "gericht", "richter", "haft", "gefängnis", "bewährung", "strafe", "angeklagt", "prozess", "urteil",
    "verfahren", "staatsanwalt", "justiz", "tribunal", "landgericht", "amtsgericht", "oberlandesgericht",
    "verfassungsgericht", "todesstrafe", "freiheitsstrafe", "haftstrafe", "geldstrafe", "amtsrichter",
)
"""Words that make ``verurteilen`` / ``entscheiden`` a court ruling (cue lists match word starts,
and word ends for cues of six letters or more: ``Landgericht``, ``Bewährungsstrafe``; ``haft`` only
starts a word, or ``Bereitschaft`` would be a court)."""
VIOLENCE_CUES = (
    "getötet", "tote", "todesopfer", "verletzt", "soldat", "truppe", "armee", "militär", "rakete", "bombe", "waffe",
    "schüsse", "beschossen", "messer", "polizei", "rebellen", "kämpfer", "luftwaffe", "drohne", "panzer", "terror",
)
"""``angreifen`` is an attack with one of these in the sentence, or a place attacked (``greift Vororte
Beiruts an``); else it is words (``wurde heftig angegriffen``)."""
SPORT_CUES = ("spiel", "bundesliga", "liga", "trainer", "fußball", "mannschaft", "partie", "stadion", "verein", "tabelle")
"""A ``Begegnung`` among these is a match, not a meeting."""
ELECTED_FORMS = frozenset({"gewählt", "wiedergewählt", "abgewählt", "neugewählt"})
ELECTED_NEXT = frozenset({"zum", "zur", "als"})

PLACE_PREPOSITIONS = frozenset({"in", "nach", "im", "bei", "auf", "ins"})
"""A place entity after one of these (at most PLACE_GAP words between: ``in der Provinz Helmand``)
is where the event happens (``nach Nordkorea``)."""
PLACE_GAP = 2
LOC_ACTOR_TYPES = frozenset({"meeting", "talks", "agreement", "attack"})
"""Event types whose places can be actors: states meet, negotiate, sign and attack (``Deutschland
und Japan``, ``Israel greift ... an``); in the others a place is where it happens, not who does it."""
ACTOR_REQUIRED = frozenset({"visit"})
"""Types that need a person or organisation: a visit without a visitor is a bear or a concert."""
NO_PLACE_TYPES = frozenset({"resignation"})
"""Types that have no place of their own (``Rücktritt ... in Deutschland großes Aufsehen``)."""

# --- future and plan cues -------------------------------------------------------------------

FUTURE_CUES = frozenset(
    {
        "will", "wollen", "wolle", "wollten", "soll", "sollen", "solle", "sollte", "sollten", "wird", "werden",
        "werde", "plant", "planen", "plane", "geplant", "geplante", "geplanten", "geplantes", "bevorstehend",
        "bevorstehende", "bevorstehenden", "künftig", "bereit", "bereitschaft", "einladung", "eingeladen",
        "bald", "baldigen", "baldige", "demnächst", "kommende", "kommenden", "nächste", "nächsten",
        "angekündigt", "ankündigen", "kündigte", "kündigt",
    }
)
"""Words that make an event one ahead (``will ... besuchen``); a resolved date after the
article's does too."""
PLAN_PHRASES = ("steht noch aus", "stehen noch aus", "steht bislang aus", "steht weiter aus")
"""Phrases (lowercase) that say the event has not happened yet."""

# --- dates ------------------------------------------------------------------------------------

WEEKDAYS = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonnabend": 5, "sonntag": 6,
}
TIMES_OF_DAY = ("abend", "morgen", "mittag", "nachmittag", "vormittag", "nacht", "früh")
"""``Dienstagabend``: a weekday with a time of day is still that day."""
MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feber": 2, "feb": 2, "märz": 3, "april": 4, "apr": 4, "mai": 5,
    "juni": 6, "juli": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}
MONTH_PARTS = {"anfang": "early", "beginn": "early", "mitte": "mid", "ende": "late"}
RELATIVE_DAYS = {
    "heute": 0, "gestern": -1, "vorgestern": -2, "morgen": 1, "übermorgen": 2,
    "heutigen": 0, "gestrigen": -1, "vorgestrigen": -2, "morgigen": 1,
}
"""Only lowercase ``morgen`` is tomorrow; ``am Morgen`` and ``heute morgen`` are this morning."""
NOT_TOMORROW_BEFORE = frozenset({"heute", "gestern", "am", "vom", "jeden", "diesen", "früh"})

# Qualifier stems of a period word and the offset they give (``vergangene Woche`` -1).
PERIOD_QUALIFIERS = {"vergangen": -1, "letzt": -1, "vorig": -1, "kommend": 1, "nächst": 1, "dies": 0, "laufend": 0}
PERIODS = {"woche": "week", "wochenende": "weekend", "monat": "month", "monats": "month", "jahr": "year", "jahres": "year"}
NUMBER_WORDS = {
    "ein": 1, "einem": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
}
AGO_UNITS = {
    "tag": "day", "tagen": "day", "woche": "week", "wochen": "week", "monat": "month", "monaten": "month", "jahr": "year", "jahren": "year",
}
"""``vor vier Wochen``: a count of these units before the anchor."""
AGO_HEDGES = ("etwa", "rund", "knapp", "gut", "fast", "mehr als", "über")
SINGLE_PERIODS = {"vorwoche": ("week", -1), "vormonat": ("month", -1), "vorjahr": ("year", -1), "vorjahres": ("year", -1)}
DATE_PREPOSITIONS = frozenset({"am", "im", "vom", "seit", "bis", "ab", "zum", "für", "an", "um", "zu"})
"""A bare month or weekday counts as a date only after one of these (``im Juli``, ``am Dienstag``)."""
YEAR_PREFIXES = (
    "im jahr", "im jahre", "jahr", "seit", "bis", "anfang", "ende", "mitte", "sommer", "herbst", "winter", "frühjahr", "frühling",
)

EVENT_LABELS = {
    "visit": "Besuch", "meeting": "Treffen", "talks": "Gespräche", "election": "Wahl", "resignation": "Rücktritt",
    "ruling": "Urteil", "attack": "Angriff", "agreement": "Abkommen",
}
"""German names of the event types (JSON-LD ``Event`` names, text output)."""
