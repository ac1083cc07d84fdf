"""German stop words and the keyphrase blacklist, as data.

``FUNCTION_WORDS``: closed-class words (articles, pronouns, prepositions, conjunctions,
auxiliaries, common adverbs) that never start or form a keyphrase, even capitalised at the
start of a sentence.

``GENERIC_NOUNS``: nouns too general to tag a news article by, whatever their
background frequency (``Angaben``, ``Bereitschaft``, ``Präsident``, ``Land``). Lemmas,
written by the team from the usual vocabulary of agency reports.
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(w.lower() for w in block.split())


FUNCTION_WORDS = _words(
    """
    der die das des dem den ein eine einer eines einem einen kein keine keiner keines keinem keinen
    ich du er sie es wir ihr mich dich sich uns euch ihm ihn ihnen mir dir man jemand niemand
    mein dein sein ihr unser euer meine deine seine ihre unsere eure seinen ihren seinem ihrem
    dieser diese dieses diesem diesen jener jene jenes welcher welche welches solche solcher
    alle alles allem allen aller jeder jede jedes jedem jeden manche mancher viele vielen wenige
    etwas nichts beide beiden einige einigen mehrere mehreren andere anderen anderer anderes
    in im ins an am ans auf aus bei beim mit nach seit von vom vor zu zum zur über unter um durch
    für gegen ohne bis zwischen neben hinter während wegen trotz statt laut gemäß dank ab per pro
    samt seitens infolge angesichts bezüglich hinsichtlich zufolge entlang innerhalb außerhalb
    und oder aber denn sondern doch sowie sowohl als auch weder noch entweder dass daß ob weil da
    wenn als wie wo wohin woher warum weshalb wann damit sodass obwohl obgleich falls sofern
    nachdem bevor ehe seitdem solange sobald während indem
    ist sind war waren bin bist seid sei seien wäre wären gewesen werden wird wurde wurden
    worden würde würden hat haben hatte hatten habe hätte hätten kann können konnte konnten
    könne könnte könnten muss müssen musste mussten müsse müsste soll sollen sollte sollten
    will wollen wollte wollten darf dürfen durfte dürfte mag mögen möchte möchten lassen lässt
    nicht nur auch noch schon sehr so nun jetzt dann dort hier heute gestern morgen immer nie
    bereits zudem außerdem jedoch allerdings dennoch zwar etwa rund fast kaum mehr weniger
    bisher zuletzt zunächst später zuvor danach dabei dafür dagegen darauf daraus darin davon
    dazu deshalb deswegen daher somit also ebenfalls ebenso sogar eben gerade wohl vielleicht
    ja nein doch denn mal einmal wieder weiter erst ganz gar oft selbst insgesamt offenbar
    angeblich laut demnach unterdessen inzwischen mittlerweile indes derzeit zugleich
    umgekehrt ihrerseits seinerseits einerseits andererseits zufolge
    wer was wem wen wessen welche
    """
)

GENERIC_NOUNS = _words(
    """
    Angabe Bereitschaft Präsident Präsidentin Land Länder Staat Regierung Minister Ministerin
    Jahr Monat Woche Tag Stunde Minute Sekunde Zeit Zeitpunkt Mal Uhr Datum Moment Phase Zeitraum
    Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonnabend Sonntag Wochenende
    Januar Februar März April Mai Juni Juli August September Oktober November Dezember
    Prozent Euro Dollar Million Milliarde Billion Zahl Anzahl Menge Teil Hälfte Drittel Viertel
    Seite Frage Antwort Ende Anfang Beginn Mitte Grund Fall Art Weise Form Sache Ding Punkt
    Mensch Menschen Leute Person Mann Frau Kind Familie Gruppe Bürger Bevölkerung
    Bericht Berichte Meldung Angaben Aussage Erklärung Mitteilung Sprecher Sprecherin Experte
    Expertin Beobachter Medium Medien Quelle Agentur Zeitung Interview Gespräch Rede Wort
    Ziel Plan Weg Schritt Lage Situation Entwicklung Problem Thema Ergebnis Folge Rolle Bedeutung
    Möglichkeit Chance Versuch Blick Sicht Hinblick Rahmen Bereich Ebene Stelle Ort Region
    Welt Haus Stadt Hauptstadt Gebiet Raum Nähe Richtung Umfeld
    Hilfe Unterstützung Zusammenarbeit Beziehung Verhältnis Position Haltung Meinung Ansicht
    Kritik Forderung Vorwurf Entscheidung Beschluss Einigung Vereinbarung Lösung Maßnahme
    Besuch Reise Treffen Einladung Gelegenheit Termin
    Chef Chefin Leiter Leiterin Vorsitzende Vorsitzender Führung Spitze Mitglied Vertreter
    Vertreterin Kollege Kollegin Partner Partnerin Freund Freundin
    Beweis Hinweis Zeichen Eindruck Erfolg Niveau Stand Höhe Wert Kosten Preis
    Fortsetzung Verlauf Zuge Anlass Hintergrund Zusammenhang Einklang Aufrichtigkeit
    Vergangenheit Zukunft Gegenwart Geschichte Beispiel Jahrhundert Jahrzehnt
    Nachricht Nachrichten Information Informationen Daten Text Foto Video Bild
    Herr Frau Dr Prof
    """
)

ROLE_HEADS: tuple[str, ...] = tuple(
    """
    minister ministerin präsident präsidentin kanzler kanzlerin chef chefin sprecher sprecherin
    vorsitzende vorsitzender experte expertin politiker politikerin beamte beamter mitarbeiter
    mitarbeiterin direktor direktorin leiter leiterin vertreter vertreterin kollege kollegin
    """.split()
)
"""Heads of role nouns (``Bundesaußenministerin``, ``Regierungssprecher``): a person's office,
never a keyphrase of its own."""
