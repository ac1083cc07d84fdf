"""German speech data for the quotes stage: verbs, nouns, cue words, Konjunktiv forms, hedges.

Verbs are given as lemmas (simplemma's infinitives); separable verbs in their joined
form (``mitteilen``), the quotes stage joins ``teilte ... mit`` before looking them up.
"""

from __future__ import annotations

# Verbs that introduce what someone said, wrote, thinks or expects (a quote or a
# complement clause follows).
SPEECH_VERBS: frozenset[str] = frozenset(
    """
    sagen erklären betonen berichten mitteilen meinen schreiben behaupten bestätigen ankündigen
    warnen fordern kritisieren äußern versichern unterstreichen hinzufügen ergänzen einräumen
    zugeben bekräftigen beteuern bezweifeln dementieren bestreiten verkünden melden bekanntgeben
    angeben erläutern ausführen darlegen argumentieren vorwerfen zitieren glauben hoffen befürchten
    fürchten vermuten annehmen ausgehen schätzen erwarten drohen verlangen appellieren vorschlagen
    erinnern hinweisen klarstellen feststellen verweisen einschätzen prognostizieren vorhersagen
    antworten entgegnen erwidern kommentieren urteilen begründen rechtfertigen zusichern versprechen
    bekunden signalisieren gestehen mahnen twittern informieren erzählen rufen fragen anmerken
    bemerken widersprechen zurückweisen verlauten bekennen beklagen monieren beanstanden
    unterstellen nahelegen raten empfehlen ankündigen mutmaßen spekulieren vermelden berichten
    bilanzieren resümieren folgern schließen beschließen entscheiden zweifeln bedauern beschreiben
    hervorheben verdeutlichen klarmachen festhalten präzisieren korrigieren berichtigen aussagen
    bezeugen schildern zitieren sprechen loben begrüßen verurteilen ablehnen aufrufen auffordern
    bezeichnen nennen deuten andeuten kontern einwenden einwerfen preisen
    bemängeln skandieren beschuldigen erwägen plädieren bitten vereinbaren veröffentlichen
    anprangern würdigen konstatieren besagen lauten herausstreichen vortragen formulieren
    erwähnen befürworten drängen anweisen zusagen abstreiten beteuern bescheinigen prophezeien
    klagen jubeln scherzen spotten ankreiden attestieren eingestehen nachsagen unterstellen
    """.split()
)

# Speech-act verbs whose object is the "content" (``X forderte den Rücktritt``): a sentence
# with one of these and no complement clause is a Reported quote.
REPORTED_VERBS: frozenset[str] = frozenset(
    """
    fordern kritisieren warnen ankündigen bezeichnen nennen sprechen ablehnen begrüßen verurteilen
    loben dementieren bestätigen zurückweisen vorwerfen appellieren aufrufen auffordern verlangen
    versprechen zusichern drohen beklagen bekräftigen bekunden äußern verkünden melden bekanntgeben
    vorschlagen einräumen bestreiten widersprechen kommentieren beschreiben preisen würdigen
    anprangern attackieren beschuldigen danken gratulieren empfehlen mahnen signalisieren
    betonen unterstreichen hervorheben zitieren berichten mitteilen
    """.split()
)

# Separable-verb particles that may stand at the end of a frame clause.
PARTICLES: frozenset[str] = frozenset(
    "mit an bekannt hin aus hinzu ein vor klar hervor auf ab zurück fest zu dar nahe fest".split()
)

# Nouns whose phrase names a source: ``nach Angaben der Polizei``, ``Berichten zufolge``.
SOURCE_NOUNS: frozenset[str] = frozenset(
    """
    Angabe Angaben Information Informationen Ansicht Meinung Aussage Aussagen Wort Worten
    Auffassung Einschätzung Einschätzungen Bericht Berichten Berichte Darstellung Darstellungen
    Erkenntnis Erkenntnissen Schätzung Schätzungen Meldung Meldungen Mitteilung Überzeugung
    Sicht Worte Vernehmen Ankündigung Erklärung Angaben Beobachtern Experten Expertenmeinung
    Umfrage Studie Zeugen Augenzeugen Schilderung Schilderungen Recherche Recherchen Quelle Quellen
    Kreisen Annahme Annahmen Prognose Prognosen Auskunft Auskünften Urteil
    """.split()
)
# Endings of compounds that are source nouns (``Polizeiangaben``, ``Medienberichten``).
SOURCE_NOUN_ENDINGS: tuple[str, ...] = (
    "angaben", "berichten", "bericht", "informationen", "meldungen", "meldung", "aussagen",
    "schätzungen", "kreisen", "quellen", "mitteilung", "erklärung", "darstellung",
)

# Speech nouns that take a complement clause (``die Forderung, dass ...``).
SPEECH_NOUNS: frozenset[str] = frozenset(
    """
    Aussage Behauptung Forderung Ankündigung Erklärung Warnung Vorwurf Hinweis Meldung Mitteilung
    Begründung Einschätzung Befürchtung Hoffnung Überzeugung Vermutung Angabe Annahme Bericht
    Kritik Versprechen Zusage Drohung Bitte Appell Aufruf
    """.split()
)

# Words that start a complement clause after a speech verb.
COMPLEMENTISERS: frozenset[str] = frozenset(
    "dass ob wie wann warum weshalb wieso wo wer was welche welcher welches wohin woher inwieweit".split()
)

# Finite forms that are Konjunktiv I whatever their lemma.
KONJUNKTIV_I: frozenset[str] = frozenset(
    """
    sei seien seiest seiet habe werde könne müsse solle wolle dürfe möge wisse gebe
    """.split()
)
# Konjunktiv II forms used for reported speech where Konjunktiv I is not distinct.
KONJUNKTIV_II: frozenset[str] = frozenset(
    """
    wäre wären hätte hätten würde würden könnte könnten müsste müssten sollte sollten dürfte
    dürften wollte wollten möchte möchten brächte brächten gäbe gäben käme kämen ginge gingen
    """.split()
)
# Words ending in -e that look like Konjunktiv I of their lemma but are something else.
NOT_KONJUNKTIV: frozenset[str] = frozenset(
    "ende gerne ohne ehe alle diese jene eine keine seine meine deine ihre unsere sie die".split()
)

# Verbs that are never speech even if they look like it here (guards for the lemma test).
FINITE_AUX: frozenset[str] = frozenset(
    "hat hatte hatten haben habe hätte hätten ist war waren sind sei seien wird wurde wurden werden werde würde würden".split()
)

# Prepositional and adverbial cue words.
CUE_PREP_BEFORE = frozenset({"laut", "gemäß"})  # laut X: source to the right
CUE_POSTPOSITIONS = frozenset({"zufolge"})  # X zufolge: source to the left
CUE_ADVERBS = frozenset({"demnach", "wonach", "demzufolge"})  # the source is the previous one
CUE_HEISST = frozenset({"heißt", "hieß", "hiess"})  # heißt es (in X)
CUE_SOURCE_NOUN_PREP = frozenset({"nach"})  # nach Angaben X; seiner Ansicht nach
CUE_SO = frozenset({"so"})  # ..., so X: the source after a comma

# Words that may start the Vorfeld but are not its subject; a frame after them is inverted.
FRONT_ADVERBIALS: frozenset[str] = frozenset(
    """
    am im in an auf bei nach vor seit während gestern heute morgen zuvor später dann danach
    dabei dazu dort hier deshalb daher trotzdem jetzt nun bereits schon zudem außerdem weiter
    ebenso ebenfalls gleichzeitig zugleich anschließend zunächst zuletzt dagegen hingegen
    damals inzwischen mittlerweile unterdessen derweil erneut wiederholt allerdings jedoch
    vorher wie gegenüber über unter mit ohne für gegen aus von zum zur beim vom als
    um neben wegen trotz angesichts infolge anlässlich innerhalb außerhalb ab bis durch hinter
    zwischen seitens dank statt aufgrund hinsichtlich bezüglich zu darüber des
    montag dienstag mittwoch donnerstag freitag samstag sonntag insbesondere tatsächlich
    schließlich dennoch bisher bislang offenbar vermutlich angeblich stattdessen daraufhin somit
    also nämlich besonders umgekehrt insgesamt ähnlich so erst allein lediglich ebenso vorerst ferner überdies
    letztlich immerhin indes zwar sogar
    """.split()
)
# Focus particles and conjunctions to skip at the start of a clause.
LEADING_PARTICLES: frozenset[str] = frozenset("auch und aber doch denn sogar selbst nur".split())

# Words that end a subject noun phrase after an inverted verb (``sagte der Minister am Montag``).
NP_STOP: frozenset[str] = frozenset(
    """
    am im in an auf bei nach vor seit während gestern heute morgen zuvor später dann dabei dazu
    dort hier deshalb daher jetzt nun bereits schon zudem außerdem weiter ebenfalls zugleich
    anschließend zunächst zuletzt dagegen hingegen jedoch aber gegenüber über unter mit ohne für
    gegen aus zum zur beim vom als und oder noch auch laut zufolge nicht dem einem einer den
    ihrerseits seinerseits seinen ihren vergangene vergangenen letzte letzten sich es
    erneut ausdrücklich zufolge bei zu wörtlich mehrfach wiederholt offenbar später sinngemäß
    """.split()
)
# Genitive/attribute words allowed inside a subject NP.
NP_INNER: frozenset[str] = frozenset("der des von den die das dem".split())

DETERMINERS: frozenset[str] = frozenset(
    """
    der die das des dem den ein eine einer eines einem einen sein seine seines seinem seinen
    seiner ihr ihre ihres ihrem ihren ihrer unser unsere unserer unseres unserem unseren
    dessen deren kein keine mehrere viele einige zahlreiche alle beide eigenen eigener
    """.split()
)
RELATIVES: frozenset[str] = frozenset("der die das dessen deren welche welcher welches denen".split())

PERSONAL_PRONOUNS: frozenset[str] = frozenset({"er", "sie"})

# Nouns before a quoted stretch that make it a title, not a quote (``der Film „...“``).
TITLE_NOUNS: frozenset[str] = frozenset(
    """
    Film Buch Titel Roman Album Lied Song Zeitung Magazin Zeitschrift Sendung Serie Programm
    Operation Aktion Kampagne Projekt Initiative Motto Slogan Schiff Schlagzeile Stück Oper
    Musical Ausstellung Rubrik Blatt Theaterstück Studie Bericht Gesetz Plan Begriff Wort
    Spitzname Name Namen Tageszeitung Wochenzeitung Nachrichtenmagazin Sender Verein Partei
    Bewegung Gruppe Organisation Mission Sonde Satellit Satelliten Rakete Unternehmen Marke
    """.split()
)

# Hedges: single words and multi-word patterns (matched on lowercased tokens).
HEDGE_WORDS: frozenset[str] = frozenset(
    """
    angeblich angeblichen angebliche angeblicher angebliches mutmaßlich mutmaßliche mutmaßlichen
    mutmaßlicher mutmaßliches vermutlich möglicherweise offenbar offenbaren offensichtlich
    wahrscheinlich scheinbar vermeintlich vermeintliche vermeintlichen vorgeblich
    unbestätigten unbestätigter unbestätigte
    """.split()
)
# Multi-word hedges as token sequences (lowercase).
HEDGE_PHRASES: tuple[tuple[str, ...], ...] = (
    ("berichten", "zufolge"),
    ("medienberichten", "zufolge"),
    ("experten", "zufolge"),
    ("beobachtern", "zufolge"),
    ("nach", "unbestätigten", "angaben"),
    ("nach", "unbestätigten", "berichten"),
    ("dem", "vernehmen", "nach"),
    ("unbestätigten", "berichten", "zufolge"),
)
# ``soll ... haben/sein`` (reported rumour): modal + a perfect infinitive later in the clause.
HEDGE_MODALS: frozenset[str] = frozenset({"soll", "sollen", "sollte", "sollten"})
HEDGE_MODAL_ENDS: frozenset[str] = frozenset({"haben", "sein", "worden"})

# Unnamed collective sources: an attribution to them is a hedge as well.
VAGUE_SOURCES: frozenset[str] = frozenset(
    "experten beobachtern berichten medienberichten kreisen insidern gerüchten".split()
)

# A fronted demonstrative refers back to what was said before (``Das bestätigte X``).
DEMONSTRATIVES: frozenset[str] = frozenset(
    "das dies diese dieser dieses dem darauf daran davon dazu darüber dieses deshalb daher".split()
)

# Possessives in a source phrase that point back to the clause's subject.
OWN_SOURCE: frozenset[str] = frozenset("eigenen eigener eigene seiner ihrer seinen ihren seines ihres".split())

# Function words of English, French, Spanish, Italian, Dutch: a quoted stretch with them is
# a foreign name or title (``„Department of ...“``), not a German quote.
FOREIGN_FUNCTION_WORDS: frozenset[str] = frozenset(
    "of the for and du de des la le les pour un une et del los las el y di della per voor van het en".split()
) - frozenset({"die", "der", "das", "des", "en"})

# Endings of adverbs that may open a clause (``ähnlich``, ``erneut``, ``mehrmals``, ``allerdings``).
ADVERB_ENDINGS: tuple[str, ...] = ("erseits", "weise", "lich", "mals", "falls", "dings", "halb", "wegs", "samt")

# Words before a quoted term that make it a term, not a quote: ``die so genannte „...“``.
SO_CALLED: tuple[str, ...] = ("sogenannt", "so-genannt")
# English and Latin function words: a short quoted stretch with them is a title or term.
FOREIGN_SHORT_WORDS: frozenset[str] = frozenset(
    "it a is be you we my your this that with from to at by our are was cum pro du of the for".split()
)
# Words before a quoted single noun that make it the speaker's label (``nannte es einen „Skandal“``).
LABEL_BEFORE: frozenset[str] = frozenset("als ein eine einen einem einer eines".split())
# Pronouns and common finite verbs: a short capitalised quoted stretch with one is a clause.
CLAUSE_WORDS: frozenset[str] = frozenset(
    """
    ich wir du ihr mich mir uns euch dich dir es ist sind war waren hat haben habe bin bist
    wird werden kann können muss müssen soll will gibt gab nicht kein keine
    """.split()
)

# Reflexive pronouns between a verb and its subject (``äußerte sich der Minister``).
REFLEXIVES: frozenset[str] = frozenset("sich".split())
# Pronouns and determiners that may stand alone before the verb as its subject.
PRONOUN_LIKE: frozenset[str] = frozenset(
    """
    er sie es man ich wir ihr du dies diese dieser dieses jener jene jenes der die das beide
    alle viele einige manche mehrere andere wer was niemand jemand keiner keine jeder jede
    letzterer letztere ersterer erstere
    """.split()
)

# Conjunctions that open a subordinate clause before the main clause (``Als ..., sagte X``).
SUBORDINATORS: frozenset[str] = frozenset(
    "als wenn nachdem während weil da obwohl bevor seit seitdem sobald ob dass nachdem wie falls".split()
)
SPEAKING_SUBORDINATORS: frozenset[str] = frozenset("indem wobei während nachdem als".split())
"""Subordinators of a clause whose own speech verb introduces a quote after a colon (``..., indem
sie den Aufsichtsrat aufforderte: „…“``): its subject is the speaker."""
PASSIVE_SOURCE_PREPS: frozenset[str] = frozenset("in im aus".split())
"""A passive speech verb's source fronted with these (``In dem Papier wird betont, ...``)."""
DOCUMENT_DEMONSTRATIVES: frozenset[str] = frozenset("diesem dieser diesen ihm ihr".split())
"""``In diesem wird festgehalten``: a pronoun for a document named before, as the source."""
NACH_DIRECTIONS: frozenset[str] = frozenset("oben unten vorn vorne hinten außen innen links rechts hause".split())
"""``die Sicht nach oben``: ``nach`` with a direction after a source noun makes no source."""
BACK_DEMONSTRATIVES: frozenset[str] = frozenset("das dies".split())
"""``Das berichten arabische Medien.``: a fronted demonstrative that credits the sentence before."""
REASON_SUBORDINATORS: frozenset[str] = frozenset("da weil nachdem obwohl wobei".split())
"""``..., da sie befürchtete, man wolle ...``: a subordinate clause whose final speech verb frames
the clause after it."""
LASSEN_FORMS: frozenset[str] = frozenset("ließ ließen lässt lasse lassen ließe".split())
"""``ließ mitteilen``, ``lässt verlauten``: the finite verb of a speech act done through others."""
# Demonstratives that are the subject when no other subject follows the verb (``Dieser bestätigte, ...``).
DEMONSTRATIVE_SUBJECTS: frozenset[str] = frozenset("diese dieser".split())

# Separable prefixes, for zu-infinitives written as one word (``zurückzuziehen``).
SEPARABLE_PREFIXES: tuple[str, ...] = tuple(
    """
    zurück zusammen heraus herein hervor hinzu hinaus voran vorbei weiter wieder nach
    ab an auf aus bei ein fest frei her hin los mit vor weg dar durch um über unter
    bekannt statt teil fort
    """.split()
)

# Addressees. Speech verbs whose dative object is the addressee (``sagte dem Sender``).
DATIVE_ADDRESSEE_VERBS: frozenset[str] = frozenset(
    """
    sagen erklären mitteilen versichern vorwerfen zusichern schreiben berichten vorschlagen
    drohen empfehlen raten antworten bestätigen erzählen versprechen zusagen anbieten melden
    entgegnen erwidern nahelegen verraten schildern darlegen erläutern
    """.split()
)
# Appeal verbs whose accusative object is the addressee (``forderte die Regierung auf``).
ACCUSATIVE_ADDRESSEE_VERBS: frozenset[str] = frozenset(
    "auffordern aufrufen bitten drängen warnen ermahnen mahnen informieren fragen anflehen".split()
)
# Words between the verb (or speaker) and its object that are skipped (``sagte er auch dem ...``).
ADDRESSEE_SKIP: frozenset[str] = frozenset(
    "auch heute gestern zudem dabei noch bereits nun jetzt damals erneut außerdem ebenfalls später zuvor".split()
)
# ``in einem Interview mit X``, ``im Gespräch mit X``, ``in einem Telefonat mit X``.
CONVERSATION_NOUN_ENDINGS: tuple[str, ...] = ("interview", "gespräch", "telefonat", "unterhaltung", "treffen", "begegnung")
# ``in einem Brief an X``
LETTER_NOUNS: frozenset[str] = frozenset("brief schreiben appell botschaft mail e-mail nachricht aufruf".split())
# ``sagte vor Journalisten``, ``vor der Presse``: the audience is the addressee.
AUDIENCES: frozenset[str] = frozenset(
    "journalisten reportern presse medienvertretern pressevertretern abgeordneten parlament kameras delegierten anhängern zuhörern".split()
)
# ``appellierte an X``: the an-phrase is the addressee.
APPEAL_VERBS: frozenset[str] = frozenset("appellieren wenden richten".split())

# Name particles that may start a sentence capitalised (``Von der Leyens Sprecher sagte``,
# ``De Maizière erklärte``): a Vorfeld starting with one is a name, not a prepositional phrase,
# when the NER stage marks it as a name or a genitive name precedes a noun.
NOUN_PHRASE_WORDS: frozenset[str] = frozenset(
    "der die das des dem den ein eine eines einem einer von vom in im am an für und aus bei beim zu zur zum mit".split()
)
"""Articles and prepositions that a noun phrase with its apposition may hold (``Der Chef des
Verbands in Deutschland, Michael Knipper``): a phrase of these and capitalised words is no clause."""

INVERTING_SPEECH_VERBS: frozenset[str] = frozenset(
    "sagen erklären betonen erzählen berichten bestätigen ergänzen versichern antworten schreiben meinen".split()
)
"""Verbs of saying that take no person as their object: a person named right after one is its
subject (``Der Zeitung sagte Filep Karma:``), not an object fronted the other way round."""

NAME_PARTICLES: frozenset[str] = frozenset("von van de da del della di du zu ten ter al el".split())
# Words between a name particle and the name (``von der``, ``van den``, ``de la``).
NAME_PARTICLE_INNER: frozenset[str] = frozenset("der den dem de la le van von zu und".split())
# Pronouns that name a group as subject (``vereinbarten beide``); the speaker is the word
# itself, without a name.
GROUP_PRONOUNS: frozenset[str] = frozenset("beide beiden alle sämtliche".split())
# Coordinating conjunctions: a finite verb right after one shares the subject of the first verb
# (``X warf Y Protektionismus vor und kündigte an, ...``).
COORDINATORS: frozenset[str] = frozenset("und oder sowie".split())
# Prepositions that introduce the source after a source noun (``nach Angaben aus Kreisen``,
# ``nach Informationen von X``, ``nach Darstellung des Ministeriums``).
SOURCE_PREPS: frozenset[str] = frozenset("aus von vom".split())
# Genitive determiners after a source noun (``nach Angaben der Polizei``).
SOURCE_GENITIVES: frozenset[str] = frozenset("der des eines einer".split())
# Prepositions of the source around ``hieß es``: fronted (``Aus Regierungskreisen hieß es``) or
# after it (``hieß es aus dem Ministerium``, ``hieß es in einer Mitteilung der Polizei``).
HEISST_SOURCE_PREPS: frozenset[str] = frozenset("aus in im von vom bei beim".split())


# -- words the quote rules test (tagwerk.quotes) ---------------------------------------------

# German function words: a quoted stretch whose other lowercase words are too few is a title or a
# name, not a quote (``„Haus der Geschichte“``). Foreign function words count as well.
FUNCTION_WORDS: frozenset[str] = (
    frozenset("und oder der die das des dem den von zu in im am an auf mit für ein eine einer".split())
    | FOREIGN_FUNCTION_WORDS
)

# Forms whose lemma may look like a speech verb but that never introduce speech (``weiß``).
NOT_SPEECH_FORMS: frozenset[str] = frozenset({"wissen", "weiß"})
# Pronouns before an -e form that make it indicative, not Konjunktiv I (``ich sage``).
INDICATIVE_E_SUBJECTS: frozenset[str] = frozenset({"ich", "sie", "wir"})
# First-person pronouns: a clause with one as its subject is the writer's own (no Reported quote).
FIRST_PERSON_PRONOUNS: frozenset[str] = frozenset({"ich", "wir"})
# Subject pronouns right after a verb: the object was fronted (``Die Tat bezeichnete er als ...``).
SUBJECT_PRONOUNS: frozenset[str] = PERSONAL_PRONOUNS | {"man"}

# Inflection endings of attributive adjectives (``neue``, ``russischen``, ``hohes``).
ADJECTIVE_ENDINGS: tuple[str, ...] = ("e", "en", "er", "es", "em")
# Infinitive endings (``sagen``, ``erinnern``, ``wechseln``): a lowercase word with one after a
# noun is a verb, not an attribute; a zu-infinitive in one word ends in one.
INFINITIVE_ENDINGS: tuple[str, ...] = ("en", "ern", "eln")

# Capitalised words in NP_STOP that do not end a noun phrase to the right (``Sprecher Der Linken``).
NP_CAPITALISED_ARTICLES: frozenset[str] = frozenset({"der", "die", "das"})
# After a noun, these continue the phrase as a genitive attribute (``der Sprecher des Ministeriums``,
# ``der Chef von X``); any other determiner starts a new phrase, an object (``sagte X den Medien``).
NP_ATTRIBUTE_LINKS: frozenset[str] = frozenset({"der", "des", "von"})
# Capitalised prepositions that end a noun phrase read to the left: the phrase does not take a
# sentence-initial ``Am``, ``Im`` or ``Nach``.
NP_LEFT_STOP: frozenset[str] = frozenset({"am", "im", "nach", "bei", "laut", "in", "auf"})

# Conjunctions dropped from the start of a quote's content (``..., und die Lage sei ernst``).
CONTENT_LEADING_CONJUNCTIONS: frozenset[str] = frozenset({"und", "aber", "doch", "sondern"})

# Prepositions of the agent of a passive clause (``wurde vom Verband aufgefordert``).
AGENT_PREPS: frozenset[str] = frozenset({"von", "vom"})
# Lemmas of the modal and auxiliary verbs that are the finite verb before a participle cue
# (``hat ... erklärt``, ``wollte ... sagen``).
MODAL_LEMMAS: frozenset[str] = frozenset({"können", "wollen", "müssen", "sollen", "dürfen", "werden"})
# Passive auxiliaries at the end of a ``wie``-clause (``wie mitgeteilt wurde``).
PASSIVE_AUX_FORMS: frozenset[str] = frozenset({"worden", "wurde"})
# Lemmas of the finite verb that make a speech verb's clause a passive (``wurde gefordert``).
PASSIVE_AUX_LEMMAS: frozenset[str] = frozenset({"werden", "sein"})

# Words after the comma that closes an inverted frame (``..., sagte X, der ...``) that open a clause
# belonging to the frame (a relative or temporal clause), not a second part of the quote.
FRAME_CLAUSE_OPENERS: frozenset[str] = frozenset(
    "der die das dessen deren welche welcher nachdem als weil wo bevor".split()
)

# Addressee objects. Words that open a dative object (``sagte dem Sender``, ``erklärte ihr``).
DATIVE_OBJECT_WORDS: frozenset[str] = frozenset({"dem", "einem", "einer", "ihm", "ihr", "ihnen"})
# Dative pronouns: the addressee even without a noun phrase after them.
DATIVE_PRONOUNS: frozenset[str] = frozenset({"ihm", "ihr", "ihnen"})
# Words that open an accusative object (``forderte die Regierung auf``, ``bat ihn``).
ACCUSATIVE_OBJECT_WORDS: frozenset[str] = frozenset({"den", "die", "das", "ihn", "sie", "alle", "einen", "eine"})
# Accusative pronouns: the addressee on their own.
ACCUSATIVE_PRONOUNS: frozenset[str] = frozenset({"ihn", "sie"})

# Modals of a FreeIndirect sentence after a quote (``Der Minister soll davon gewusst haben``).
FREE_INDIRECT_MODALS: frozenset[str] = frozenset({"soll", "sollen"})

# A spokesperson and the words that link it to the organisation it speaks for (``ein Sprecher
# des Ministeriums``, ``eine Sprecherin der Polizei``, ``ein Sprecher von Siemens``): the quote
# is the organisation's, the spokesperson its role.
SPOKESPERSON_NOUNS: frozenset[str] = frozenset({"sprecher", "sprecherin"})
SPOKESPERSON_LINKS: frozenset[str] = frozenset({"des", "der", "von", "vom"})
