# ruff: noqa: E501 - the seed articles keep one paragraph a line
"""Fuzzing inputs and invariants shared by ``tests/test_fuzz_quick.py`` and ``benchmarks/fuzz.py``.

The seed articles are German news texts written for tagwerk's tests (no agency's text);
hypothesis mutates them, mixes in control characters, right-to-left text, NUL bytes,
surrogates, very long lines and deeply nested JSON, and feeds the results to every reader and
to the Analyzer. The invariants: only the documented ``ArticleError`` types come out of a
reader (never an exception, never an ``InternalError``), every span of an analysis points at
its own text (``text[start:end] == span.text``), and the same input gives the same output.
"""

from __future__ import annotations

SEED_ARTICLES = [
    """Bahnstreik legt Fernverkehr lahm

Frankfurt am Main (dpa) - Die Gewerkschaft Deutscher Lokomotivführer (GDL) hat am Montag den Fernverkehr der Deutschen Bahn weitgehend zum Erliegen gebracht. „Wir lassen uns nicht länger hinhalten“, sagte GDL-Chef Claus Weselsky in Frankfurt. Die Bahn sprach von einem „unverhältnismäßigen Streik“.

Nach Angaben eines Sprechers fielen bundesweit rund 80 Prozent der Fernzüge aus. Pendler in Hamburg, München und Köln mussten am 4. März 2024 auf Busse ausweichen.

Verhandlungen ohne Ergebnis

Bundesverkehrsminister Volker Wissing (FDP) rief beide Seiten auf, an den Verhandlungstisch zurückzukehren. Der Streik soll bis Mittwoch früh dauern.

Quelle: dpa, jga""",
    """Kanzler reist nach Peking

Berlin (AFP) - Bundeskanzler Olaf Scholz ist am Samstag zu einem dreitägigen Besuch nach China aufgebrochen. Begleitet wird er von Vertretern von Siemens, BASF und Volkswagen. Scholz will mit Staatschef Xi Jinping über den Handel und den Krieg in der Ukraine sprechen.

Die Opposition kritisierte die Reise im April 2024. CDU-Chef Friedrich Merz sagte der „Süddeutschen Zeitung“, der Kanzler dürfe die Menschenrechte nicht ausklammern. Außenministerin Annalena Baerbock (Grüne) äußerte sich zurückhaltend.

Von Maria Schneider""",
    """Hochwasser im Süden

Passau - Nach tagelangem Regen sind in Bayern und Baden-Württemberg mehrere Flüsse über die Ufer getreten. In Passau erreichte die Donau am Sonntagmorgen einen Pegel von 9,20 Metern. Ministerpräsident Markus Söder (CSU) besuchte die Einsatzkräfte und versprach schnelle Hilfe: „Niemand wird allein gelassen.“

Der Deutsche Wetterdienst (DWD) warnte vor weiteren Unwettern im Juni 2024. Die Feuerwehr meldete mehr als 3.000 Einsätze. Ein Mann wurde in Ulm vermisst.

Tags: Hochwasser, Bayern, Wetter""",
    """FC Bayern verliert in Dortmund

Dortmund (sid) - Borussia Dortmund hat das Spitzenspiel der Fußball-Bundesliga gegen den FC Bayern München mit 2:0 gewonnen. Vor 81.365 Zuschauern im Signal Iduna Park trafen Karim Adeyemi und Julian Brandt. Bayern-Trainer Thomas Tuchel sagte nach dem Spiel, seine Mannschaft habe „keine Lösungen“ gefunden.

Durch den Sieg am 30. März 2024 rückt der BVB in der Tabelle auf Platz drei vor.""",
    """Inflation sinkt auf 2,2 Prozent

Wiesbaden (Reuters) - Die Inflation in Deutschland ist im März 2024 deutlich zurückgegangen. Wie das Statistische Bundesamt am Freitag mitteilte, stiegen die Verbraucherpreise um 2,2 Prozent im Vergleich zum Vorjahresmonat. Ökonomen hatten mit 2,4 Prozent gerechnet. Die Europäische Zentralbank (EZB) könnte nun im Juni die Zinsen senken, sagte Commerzbank-Chefvolkswirt Jörg Krämer.

Energie verbilligte sich um 2,7 Prozent, Lebensmittel kosteten 0,7 Prozent weniger als vor einem Jahr.""",
    """Neue Brücke für Dresden

Dresden - Der Stadtrat von Dresden hat am Donnerstag den Neubau der Carolabrücke beschlossen. Oberbürgermeister Dirk Hilbert (FDP) sprach von einem „wichtigen Signal für die Stadt“. Die alte Brücke war im September 2024 teilweise eingestürzt; verletzt wurde niemand.

Die Kosten schätzt die Verwaltung auf rund 100 Millionen Euro. Der Freistaat Sachsen und der Bund sollen sich beteiligen. Die Grünen forderten eine breite Spur für Radfahrer, die AfD lehnte den Entwurf ab.

„Wir bauen nicht für zehn, sondern für hundert Jahre“, sagte Baubürgermeister Stephan Kühn.""",
]
