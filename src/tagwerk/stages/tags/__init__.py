"""Tags: what an editor puts under the article, ranked, with evidence.

Candidates come from entities, topics and keyphrases (:mod:`.candidates`), are merged into one
concept each in its canonical editor form and cleaned of noise (:mod:`.merge`, :mod:`.rules`),
then ranked: by their hand-weighted salience, or by a newsroom profile's ranker
(:mod:`tagwerk.profiles`); :func:`select_tags` keeps the given tags and the top k.
"""

from __future__ import annotations

from operator import attrgetter

from tagwerk.analysis import Analysis
from tagwerk.pipeline import AnalyzerConfig, Stage, Work, register_stage
from tagwerk.profiles import Profile, extend_vocabulary, profile_for, vocabulary_for
from tagwerk.profiles.ranker import candidate_kind
from tagwerk.stages.tags.candidates import (
    HOME_COUNTRY,
    Candidate,
    entity_candidates,
    first_speaker,
    keyphrase_candidates,
    lead_sentence_span,
    role_prominence,
    text_prominence,
    topic_candidates,
)
from tagwerk.stages.tags.merge import drop_noise, fill_evidence_text, merge_candidates, select_tags
from tagwerk.stages.tags.profile import (
    Above,
    associated_candidates,
    association_topics,
    lead_end,
    narrower_named,
    places_above,
    subject_evidence,
)
from tagwerk.stages.tags.rules import (
    Institutions,
    NameIndex,
    credit_spans,
    hits_at_home,
    hits_beyond_amounts,
    hits_beyond_dates,
    hits_outside_names,
    hits_outside_spans,
    hits_outside_town_names,
    holiday_topics,
    named_abroad,
    story_countries,
)
from tagwerk.topics import TopicHit, load_vocabulary, tag_key, topic_hits
from tagwerk.topics.layout import Layout

__all__ = [
    "HOME_COUNTRY",
    "Candidate",
    "Tags",
    "drop_noise",
    "entity_candidates",
    "first_speaker",
    "keyphrase_candidates",
    "lead_sentence_span",
    "merge_candidates",
    "role_prominence",
    "select_tags",
    "text_prominence",
    "topic_candidates",
]

VERSION = "1.3.41"
"""1.3.41: a security hole (``Sicherheitslücke``) is cybercrime and IT security only beside computers (a
laboratory's safety lapse had both); faith (``Glaube``, ``Glauben``) is religion only beside its words, as
the verb shares the lemma (``Frankreich glaubt nicht …`` had it); ``Glaubens*`` counts alone.
1.3.40: the bare ``Pride`` and ``Regenbogen`` are LGBTQ only beside its words (the cruise ship ``Pride of
America`` had it), the ``Regenbogenpresse`` never; fires in general (``Hausbrände``, a bare ``Brände``) are
no forest fires: ``Waldbrände`` takes the forest's, bush's, steppe's, moor's and heath's fires only.
1.3.39: a suspect (``Tatverdächtige``) is murder only beside the dead or a killing (the suspects of a robbery
had it; ``Fünf Tote … kein Dritter tatverdächtig`` keeps it); it still makes ``getötet`` and a body count.
1.3.38: the topic of working from home, working time and overtime is named ``Arbeitswelt``, no longer
``Automatisierung der Arbeit`` (no trigger of it named automation: an ntv teaser on pets at the home office had it).
1.3.37: the bare ``Nazi``, ``Nazis`` is the Nazi era (``Zweiter Weltkrieg``) only beside its words (police
cadets who dressed up as Nazis had it); ``Nazi-Zeit``, ``Wehrmacht``, ``Holocaust`` still count alone.
1.3.36: a family on holiday (``im Urlaub``, ``aus dem Urlaub``) is no tourism; a collision of two
trains (``Zusammenstoß zweier Schnellzüge``) is a train crash, no road accident; a time zone's adjective
the recogniser cut from its noun (``Mitteleuropäischer`` of ``Mitteleuropäischer Zeit``) is no tag; the KB
knows the ``Bild am Sonntag`` as an outlet, so the paper that carried an op-ed is no tag.
1.3.35: a bare artist (``Künstler``, ``Künstlerin``) is art only beside art's words (a Broadway star
had it), a bare airport (``Flughafen``) aviation only beside flights, aircraft or passengers (a man
arrested at one had it); the state broadcaster and state media that report the news
(``Staatsfernsehen``, ``Staatsmedien``) are no television or media, and a kind of outlet ending in
``-medium``/``-medien`` named only as the source is no keyphrase tag. The KB knows Wikinews and
Wikipedia as media, so a wiki cited as the source (``Wikinews berichtete``) is no tag.
1.3.34: a bare package (``Paket``, ``Pakete``) is the parcel trade only beside its words (a package of new
rules, Ubuntu's software packages); an attempt on Adolf Hitler's life (``Attentat auf Adolf Hitler``) is no
terrorism, as one on Hitler was not.
1.3.33: the power grid (``Stromnetz``) is the energy transition only beside its words (Cuba's collapsed
grid had it).
1.3.32: an emergency landing (``Notlandung``, ``notgelandet``) is a plane crash only beside harm or
wreckage (five Wikinews landings where nobody was hurt had it); the date ``7. Oktober`` is the Gaza war
only beside its words (a 2007 helicopter landing on 7 October had it).
1.3.31: an outlet that ordered a poll (``Forsa-Ranking für ntv``, ``Trendbarometer von RTL und ntv``)
is named as its source and is no tag.
1.3.30: an outlet a speaker talked to (``sagt X im Gespräch mit ntv.de``) is named as the source of
the news and is no tag (the cues ``sagt`` and ``Gespräch mit``); the Olympic flame, soldiers who open
fire and artillery fire (``Artilleriefeuer``, ``Sperrfeuer``) are no fires.
1.3.29: a stage (``Bühne``) is the theatre only beside its words (a nightclub's fire show), the bare
forest (``Wald``) its topic only beside the forest's words (a car that left the road into the woods and
hit a tree), a yacht luxury only beside the rich (an activists' yacht bound for Gaza).
1.3.28: an entity named in another case than its topic (``aus Zweitem Weltkrieg``, ``der Olympischen
Spiele``) folds into the topic as the same case does; keyphrases 1.1.1 (no ``Quell`` for ``Quelle``).
1.3.27: a memorial (``Gedenkstätte``) is the Holocaust only beside its words (a memorial to
Scotland's witches had it), a founder (``Gründer``, ``Parteigründer``) start-ups only beside theirs (a
rocket maker's founder), and an auction house no longer makes an auction art (a president's watch).
1.3.26: the bare ``Bahn`` is the Deutsche Bahn only beside the railway's words (the Earth on its
orbit had it); a bare flight speaks for aviation without the landing words a spacecraft shares (a
shuttle's flight had it); a Christmas or holiday bonus (``Weihnachts- und Urlaubsgeld``) is no holiday
and no tourism, nor is leave (``Urlaubsanspruch``, ``Hafturlaub``); a man who fathered children
(``gezeugt``) and traces that bear witness (``zeugen von``) are no trial, the encyclical ``Deus caritas
est`` no development aid. The inhabitants of a town the text names are that town (entities 1.3.6:
``Gersfelder`` is no tag beside ``Gersfeld``).
1.3.25: a disgrace (``Armutszeugnis``) and an embrace (``in die Arme``) are no poverty; firearms
(``Schusswaffen``) and a school massacre are gun law only beside its words (a family feud with guns
had it).
1.3.24: an attack ruled out (``ein Anschlag wird ausgeschlossen``, ``kein Anschlag``) is no
terrorism; witnesses to be questioned (``befragt``) are a poll only beside its words, one of the
richest men (``reichsten``) luxury only beside luxury (the super-rich still count alone).
1.3.23: racism (``Rassismus``, ``rassistisch``) is no longer right-wing extremism by itself (the topic
``Rassismus`` has it); people cheered like pop stars (``wie Popstars``) are no pop music.
1.3.22: the Earth's orbit (``Bahn um die Sonne``) is no railway, a parcel bomb no parcel trade,
an altitude (``über dem Meeresspiegel``) no climate change or ocean; a tourist (``Touristin``) is
tourism only beside travel words, an oil company (``Erdölgesellschaft``) the oil price only beside
the market's words.
1.3.21: a storm of particles, a shitstorm and a storm of indignation are no severe weather, a
politician who rails (``wettert``) no weather, a landslide victory no natural disaster; a pensioner
(``Rentner``) is pensions only beside pension words, a museum art only beside art words, and an
arbitrary choice (``willkürlich``) human rights only beside repression (arbitrary arrests still count).
1.3.20: an aircraft carrier is no aviation, a name ending in ``-ski`` (the ship ``Arctowski``) and a
motocross show's freestyle no winter sport, the Big Brother Awards no reality TV; the bare ``Medien`` and
``Presse`` are the media only beside the trade's words (not the press kept out of a kidnapping), and a
bare ``Auto`` or ``Fahrzeug`` is motoring only beside its words (not a car shot at, crashed or burnt).
1.3.19: RTL as the sponsor of a poll (``Trendbarometer von RTL und ntv``, ``Umfrage für RTL``) is no
television; prisoners of war (``Kriegsgefangene``) are no prison.
1.3.18: the bare ``Nationalmannschaft`` is the German football team only beside football (a Swiss ice
hockey team had it); Catholics and Protestants are the churches only beside church words (Northern
Ireland's communities); a school education policy only beside teaching (an arson at one); a driver
(``Mähdrescherfahrer``, ``Skifahrer``) the road only as a road user.
1.3.17: a hotel speaks for tourism only among travellers (the trade's own words still do); a poll's
broadcaster (``RTL/ntv-Trendbarometer``) is no television, a billionaire no luxury.
1.3.16: an evacuation or a death toll speaks for a natural disaster only beside one (a war, a plane,
a Second World War bomb, an attack); a teenager or a ``Jugendlicher`` is no child (``Kinder``).
1.3.15: a plaque or a blackboard (``Tafel``) is poverty's food bank only beside food and the needy;
a union, and its name, is no strike (``Gewerkschaft der Polizei``); ``bauen`` is no housing construction,
an ``Affäre`` no corruption (``Stinkefinger-Affäre``), rescue vehicles no road; a flag's red lion, a
festival's golden lion no animal, Hitler's would-be assassins no terrorism, an underground train no
Deutsche Bahn; a holiday after another and ``und`` (``zwischen Weihnachten und Silvester``) is a date.
1.3.14: a golf course speaks for golf only beside golfers (a helicopter landed on one), an auction for
art only among art (fake table reservations were auctioned), an injury (``schwer verletzt``) for a
road accident only on the road (a goalkeeper); an atom bomb is no explosion, and a magazine's
genitive (``des Nachrichtenmagazins``) no interest rate (``*zins``); a craft (``Uhrmacherkunst``,
``Kochkunst``) is no art and ``Star Trek`` no celebrity.
1.3.13: with a profile whose ranker gives keep probabilities, a tag below the profile's
``min_probability`` is not suggested (the best one, given tags and subject terms always are); a
profile's associated words count in the head and lead only, where a teaser has them (a long
article held more of any tag's words than a teaser: ``Rodrigo Duterte`` on Iceland's whaling).
Without a profile the tags are the same.
1.3.12: a car maker's name speaks for the car industry only beside its business (a kidnapper's red
``Renault``, a ``BMW-Fahrer``'s crash are none), stress for psychology only beside the mind (pupils'
stress, a bank's stress test); the ``Verfassungsschutz`` is its own tag, no longer espionage; a
``Raumfrachter`` is no shipping, a shuttle's ``Hitzekacheln`` no weather and the district ``Herzogtum
Lauenburg`` no royals; a holiday named as a time after a time of day or week (``am Abend des
chinesischen Neujahrsfestes``, ``in der Nacht vor dem Osterfest``) is a date, as ``an Weihnachten`` is.
1.3.11: a premiere speaks for theatre only beside the stage (a band's tour has one), suppliers for the
car industry only among cars (a phone maker's, Airbus'), a bare ``Zoll`` for a trade dispute only
among trade (the customs service finds drugs; a display measures ``4,3 Zoll``, a unit after an amount
like ``Meter``); a mother ``psychologisch betreut`` is no psychology, a display's ``Pixeln`` no Pixel phone,
a landslide no flood, a mudslide no avalanche, and ``verschüttet`` speaks for avalanches only in the snow;
a named weather system (``Orkantief Xynthia``) weighs as a person or place, no longer as a weak name;
``Kriegsende`` speaks for World War II, ``Asche`` for volcanoes, ``Sanierung`` for insolvency and
``Waffengewalt`` for gun laws only in their context; a forest fire is no forest topic, a coup or junta
no civil war (``Putsch`` has its own topic), the ``Vierschanzentournee`` no music tour; a flight speaks
for aviation, a staging for theatre and bare ``Gold`` for the metal only in their context (a vulture's
first flight, politics staged, a wrestler's gold, lithium's "weißes Gold"); protection on humanitarian
grounds is no development aid, an ``Asylstau`` no traffic jam, ``vor laufenden Kameras`` no
photography, a rocket's ``suborbitale Bahn`` no Deutsche Bahn, ``Tausender`` no broadcaster
(``*sender``), the Nazis' ``NS-Terror`` no terrorism and ``Königs Wusterhausen`` no king; no word of a
street's or square's name of three or more parts is evidence (``Herzog-von-Weimar-Straße`` no royals,
``Papst-Johannes-Platz`` no pope), nor ``Grand Theft Auto`` a car; creditors (``Gläubiger``) are no
believers, a ``Flut von`` opioids no flood, ``Sauerstoffarmut`` no poverty, and a bare forecast speaks for
the economy only beside it (polls forecast elections), the civil protection (``Katastrophenschutz``) a
natural disaster only beside one (its helpers also come to a road accident).
1.3.10: a topic's ``not`` words and phrases are no evidence of it (``fernseh*`` no longer finds a
stolen ``Fernsehgerät``, ``*sender`` no ``Reisender``, ``Schafe`` no animals among ``schwarze
Schafe``); ``eingefroren`` speaks for sanctions, ``schwarze`` for racism, a temperature for the
weather, groundwater for drought, an activist for human rights, ``schloss`` for monuments,
``abnehmen`` for diet, volunteers, helpers and foundations for volunteering, a print run for the
press, a net for the Internet, a festival or album for music, a bishop or pastor for the Catholic
Church, an author for literature, ``sparen`` for savings and ``Pixel`` for Google only in their
context; the ``Strafgesetzbuch``, a ``Parteibuch``, a ``Selbstmörder``, a town whose name ends in
``-witz`` (``Auschwitz``), a bicycle lock, a verb that ``ausschloss``, ``Brandstiftung``,
``grafisch``, ``Speichermedien``, a ``Pressesprecher`` or ``Pressekonferenz`` and a
``Fernsehansprache`` or ``Fernsehbilder`` (the medium of the news) are no evidence; an arrest
warrant speaks for the courts, not for prison; a gas leak is no IT security, a rush (``Ansturm``)
and the storming of the Capitol no storm, an adviser no football transfer, a biathlon sprint no
athletics, a hunger strike no strike, and a stage win speaks for cycling and a state of emergency
for a natural disaster only in their context (never a ``Gesundheitsnotstand``). The country or Land
a profile adds for a place takes the house's name (``USA``) and joins the tag the house already has,
not a second tag under the KB's name (``Vereinigte Staaten``).
1.3.9: a holiday named in the body as the time of the news (``an Weihnachten``, ``in der
Silvesternacht``) is no evidence and no keyphrase tag; a time zone (``Ortszeit PST``, ``Moskauer
Zeit``) is no tag; ``Verhandlung`` speaks for Justiz, ``Bach``, ``Wagner`` and ``Tenor`` for
classical music and ``Verschwörung`` for conspiracy theories only in their context; waste in
general is the new topic ``Müll``, no longer ``Plastikmüll``. A profile's additions (the country or
Land of a place, associated tags) come from the candidates that are no noise: an outlet named only
as the source gives no country.
1.3.8: ``abgestürzt`` and ``Absturz`` speak for a plane crash, ``Schüler`` and ``Lehrer`` for education
policy and ``Feuerwehr`` for fires only in their context; ``stahl*`` no longer matches ``stahlen``.
1.3.7: ``Lesung``, ``Missbrauch``, the Huthi and ``Tour`` speak for Literatur, sexual abuse,
piracy and music only in their context; a topic listed in several entries names itself once.
1.3.6: a compound trigger that is only a part of a town's name is no evidence (``Iserlohn`` is
no ``*lohn``, ``Tempelhof`` no ``tempel*``).
1.3.5: a topic that is a German institution (``country`` in topics.yaml: the Deutsche Bahn, the
Bundesrat) is no tag of a story set only in other countries unless the text names it itself, and
not even then where another country's institution has the name (the Swiss ``Bundesrat``).
1.3.4: a trigger a topic lists twice gives one hit; the tags follow the section and Media
Topics, whose scores shift a little (a profile's subject terms may change).
1.3.3: a profile offers no kind of candidate its newsroom does not use (ntv: keyphrases, kept
1 in 453 times; ``Priors.unkept_kinds``); topic triggers with another sense need their context
(``Hubschrauber`` no robbery, ``Armee`` no poverty, ``Tatort`` and a bare ``Serie`` no television,
``Studie`` no medicine, ``Investor`` no start-up, ``Selbstmordattentäter`` no psychology).
1.3.2: an organisation topic's own name on another organisation's name is no evidence
(``Union`` in ``Europäische Union``), the topic ``Union`` is named ``CDU/CSU`` as the KB names it;
a contact line and a reporter's credit in the body are credit material (``… berichtet aus London.``);
a profile's archive counts are smoothed more (``PRIOR_SMOOTHING``; issue #31).
1.3.1: a profile's subject term that no candidate names carries the evidence of what chose it
(issue #31); the agency conventions a profile learns now (IPTC-named terms, a second term, a
kind's keep rate) come with profiles trained by this version. Without a profile, and with a
profile trained before, the tags are the same."""

_SCORE = attrgetter("score")
KEYPHRASE_KIND = "keyphrase:term"
"""The kind (:func:`~tagwerk.profiles.ranker.candidate_kind`) of every keyphrase candidate."""
RANK_POOL = 18
"""A profile's ranker scores this many candidates by salience (at least 3 × top_k) and every
house tag among the rest; the others keep the bottom. It bounds the ranker's time on long
articles. Measured with the ntv profile on 150 Wikinews background articles: the same six tags
as with every candidate scored for 147 articles (in the same order for 146); a pool of 12 kept
136 (135)."""

def _load_kb(config: AnalyzerConfig):  # noqa: ANN202
    """The KB the entities stage uses (same arguments, so the cached copy), or None."""
    try:
        from tagwerk.kb import load_kb
    except ImportError:  # pragma: no cover - the KB package is part of tagwerk
        return None
    try:
        return load_kb(
            config.kb_path,
            user=config.extra.get("entities.user_kb", True),
            vocabularies=config.newsroom_vocabulary,
        )
    except Exception:  # noqa: BLE001 - without a KB the tags still work, only less well
        return None


@register_stage(
    "tags",
    version=VERSION,
    requires=("entities", "keyphrases", "section"),
    assigns=("tags",),
    description="ranked tags from entities, topics and keyphrases, with evidence; a newsroom profile ranks them",
)
class Tags(Stage):
    """The tags stage. ``profile`` (a loaded :class:`~tagwerk.profiles.Profile`) overrides
    ``config.profile``; training passes the profile it is fitting."""

    def __init__(self, config: AnalyzerConfig, *, profile: Profile | None = None) -> None:
        if profile is None:
            self.profile = profile_for(config)
            self.vocab = vocabulary_for(config)
        else:
            self.profile = profile
            self.vocab = extend_vocabulary(load_vocabulary(config.topics_path, config.newsroom_vocabulary), profile)
        self.top_k = config.top_k
        self.rank_pool = max(RANK_POOL, 3 * config.top_k)
        self.home = config.extra.get("tags.home_country", self.profile.home_country) or None
        self.kb = _load_kb(config)
        # the vocabulary topics that find a house tag's associated words: topic index -> tag
        self._assoc_topics = association_topics(self.vocab.topics, self.profile.associations)
        self._above: dict[tuple[str | None, ...], Above] = {}  # places_above's memo
        self._institutions = Institutions.of(self.vocab, self.kb)  # the topics that are a country's institution
        self._holidays = holiday_topics(self.vocab)  # the topics whose triggers name holidays (hits_beyond_dates)
        self._towns: dict[str, bool] = {}  # town name -> whether a trigger matches it (hits_outside_town_names)
        # the kinds of candidate the newsroom does not use: keyphrases are not looked for, the
        # others are dropped once merged (an entity's candidate may take a topic's kind)
        self.unkept = self.profile.unkept_kinds
        self._unkept_after_merge = bool(self.unkept - {KEYPHRASE_KIND})
        if self.profile.learned:
            self.version_suffix = f"+profile:{tag_key(self.profile.name) or 'unnamed'}"

    def _house_name(self, name: str) -> str:
        """``name`` as the vocabulary writes it (a house tag whose alias it is: ``USA``), else itself."""
        t = self.vocab.lookup(name)
        return t.name if t is not None else name

    def candidates(self, work: Work, credit: list[tuple[int, int]] | None = None,
                   names: NameIndex | None = None, by_key: dict[str, Candidate] | None = None) -> list[Candidate]:
        """Every candidate of the article, merged, cleaned of noise, with its features; scored by
        the hand-set weights (:meth:`rank` applies the profile). ``credit`` (the article's credit
        spans) and ``names`` (its entities' :class:`NameIndex`): where the caller has them.
        ``by_key``: an empty dict to fill with the candidates by key, in their order (what a
        profile adds and :meth:`rank` read it; one index saves each a pass)."""
        analysis = work.analysis
        text = analysis.article.text
        layout = Layout.of(analysis.article)
        lead = lead_sentence_span(analysis.sentences, layout)
        if credit is None:
            credit = credit_spans(analysis.article)
        cands = entity_candidates(
            analysis.entities, layout, analysis.quotes, home=self.home, kb=self.kb, text=text, lead=lead, credit=credit
        )
        hits = hits_outside_spans(topic_hits(work, self.vocab), credit)
        assoc_hits: dict[int, list[TopicHit]] = {}
        if self._assoc_topics and (found := self._assoc_topics.keys() & hits.keys()):
            hits = dict(hits)  # the topic hits are shared with the section stage: not changed here
            end = lead_end(analysis.article)  # associated words count in the head and lead (lead_lemmas)
            for ti in found:
                if in_lead := [h for h in hits.pop(ti) if h.end <= end]:
                    assoc_hits[ti] = in_lead
        hits = hits_beyond_amounts(hits_outside_names(hits, self.vocab, analysis.entities, analysis.tokens, names, self.kb), text)
        hits = hits_outside_town_names(hits, self.vocab, analysis.entities, self.kb, text, self._towns)
        hits = hits_beyond_dates(hits, self._holidays, text, layout)
        inst = self._institutions
        setting: set[str] | None = None  # the countries the story is set in, where a rule needs them
        if self.kb is not None and (inst.by_topic.keys() & hits.keys() or any(e.id in inst.by_entity for e in analysis.entities)):
            setting = story_countries(analysis.entities, self.kb, inst)
            hits = hits_at_home(hits, inst, setting)
        cands += topic_candidates(self.vocab, hits, layout)
        if KEYPHRASE_KIND not in self.unkept:
            cands += keyphrase_candidates(analysis.keyphrases, text=text, credit=credit, layout=layout)
        cands = merge_candidates(cands, self.vocab)
        if setting and (abroad := named_abroad(analysis.entities, inst, setting)):
            cands = [c for c in cands if c.entity not in abroad]  # before what lies above them: not the German one's country
        if self._unkept_after_merge:
            cands = [c for c in cands if candidate_kind(c) not in self.unkept]
        fill_evidence_text(cands, text)
        cands = drop_noise(cands, analysis, self.kb)
        # what a profile adds comes from the candidates that are no noise: an outlet named only
        # as the source gives no country, as it gives no tag
        n = len(cands)
        places = self.profile.countries_of_places or self.profile.regions_of_places
        if by_key is None and not (places or self.profile.associations is not None):
            return cands
        if by_key is None:
            by_key = {}
        by_key.update({c.key: c for c in cands})
        if places:
            cands = places_above(cands, self.kb, countries=self.profile.countries_of_places,
                                 regions=self.profile.regions_of_places, memo=self._above, by_key=by_key,
                                 name_of=self._house_name)
        if self.profile.associations is not None:
            cands = associated_candidates(cands, self._assoc_topics, assoc_hits, self.profile.associations.min_score,
                                          by_key=by_key)
        if len(cands) > n:  # the added ones (both add after the others), checked as the others were
            added = kept = cands[n:]
            if self._unkept_after_merge:
                kept = [c for c in kept if candidate_kind(c) not in self.unkept]
            fill_evidence_text(kept, text)
            kept = drop_noise(kept, analysis, self.kb)
            if len(kept) < len(added):
                left = set(map(id, kept))
                for c in added:
                    if id(c) not in left:
                        del by_key[c.key]
            cands = cands[:n] + kept
        return cands

    def rank(self, cands: list[Candidate], analysis: Analysis, credit: list[tuple[int, int]] | None = None,
             names: NameIndex | None = None,
             by_key: dict[str, Candidate] | None = None) -> tuple[list[str], list[Candidate] | None]:
        """Score ``cands`` with the profile's ranker (in place); the keys of the subject terms to
        put first, in order, when the profile has a subject list (as many as the house gives an
        article, :meth:`tagwerk.profiles.Subjects.choose_terms`), and the ranker's pool with the
        subject terms' candidates where it left candidates out (RANK_POOL; else None), for
        :func:`select_tags`. ``credit`` and ``names`` as for :meth:`candidates`; ``by_key``: the
        candidates by key as :meth:`candidates` fills it (a subject term's new candidate joins it)."""
        if not self.profile.learned:
            return [], None  # the default profile: the hand-weighted salience ranks
        if by_key is None:
            by_key = {c.key: c for c in cands}
        subjects = self.profile.subjects
        pool = cands
        rest: list[Candidate] = []
        if len(cands) > self.rank_pool:
            # the ranker sees the best candidates by salience and every house tag; the rest
            # rarely rise into the top k (RANK_POOL) and keep the bottom, saving the ranker's time
            pool = sorted(cands, key=_SCORE, reverse=True)  # stable: ties keep their order
            left, pool = pool[self.rank_pool :], pool[: self.rank_pool]
            house = {id(by_key[k]) for k in self.profile.house_keys.intersection(by_key)}  # reads the candidates, not the house's tags
            for c in left:
                if id(c) in house or "src_assoc" in c.feats:
                    pool.append(c)
                else:
                    c.score = 0.0
                    rest.append(c)
        scores = self.profile.score(pool)
        if scores is not None:
            for c, sc in zip(pool, scores, strict=True):
                c.score = sc
        if subjects is None:
            return [], (pool if rest else None)
        terms_of = subjects.terms_by_key
        top = max(map(_SCORE, cands), default=0.0) or 1.0
        named = {k: c.score / top for k, c in by_key.items() if k in terms_of}
        if credit is None:
            credit = credit_spans(analysis.article)
        narrower = narrower_named(analysis, credit, names) if subjects.media_topic_terms else {}
        wire = analysis.article.wire
        terms = subjects.choose_terms([(s.code, s.name, s.score) for s in analysis.subjects],
                                      analysis.section.label if analysis.section else None,
                                      named, narrower,
                                      n=max(1, round(subjects.per_article)), genre=wire.genre if wire else None)
        first = [tag_key(t) for t in terms]
        rest_ids = set(map(id, rest)) if rest else ()
        for term, key in zip(terms, first, strict=True):
            have = by_key.get(key)
            if have is None:  # a term without a candidate of its own
                have = by_key[key] = Candidate(term, 0.0, "topic", "topic",
                                               evidence=subject_evidence(term, subjects, analysis, narrower))
                cands.append(have)
                if rest:
                    pool.append(have)
            elif id(have) in rest_ids:
                pool.append(have)  # a subject term the pool left out still leads
        return first, (pool if rest else None)

    def __call__(self, work: Work) -> None:
        analysis = work.analysis
        credit, names = credit_spans(analysis.article), NameIndex(analysis.entities)
        by_key: dict[str, Candidate] | None = {} if self.profile.learned else None
        cands = self.candidates(work, credit, names, by_key)
        first, pool = self.rank(cands, analysis, credit, names, by_key)
        analysis.tags = select_tags(cands, analysis.article.given_tags, self.top_k, analysis.article.text, first=first, pool=pool,
                                    min_score=self.profile.suggest_from)
