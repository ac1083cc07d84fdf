"""Abbreviations of German news text that end in a period and do not end a sentence.

spaCy's German tokenizer already knows the common ones (``Dr.``, ``z.B.``, ``usw.``);
these are the ones news copy adds: titles, ranks, party and office forms, units.
"""

ABBREVIATIONS: tuple[str, ...] = (
    "Abg.", "Bundeskanzler a.D.", "a.D.", "i.R.", "Gen.", "Oberst.", "Hptm.", "Kap.", "Lt.",
    "Min.", "Präs.", "Vors.", "stv.", "Stv.", "Sen.", "Gouv.", "Botsch.", "Staatssekr.",
    "Bd.", "Jh.", "Jhd.", "Mio.", "Mrd.", "Bio.", "Tsd.", "Mill.", "Nr.", "Abs.", "Art.",
    "Ziff.", "Kap.", "Tel.", "Str.", "Pl.", "geb.", "gest.", "verh.", "ehem.", "sog.",
    "bzw.", "ggf.", "evtl.", "inkl.", "exkl.", "zzgl.", "vgl.", "u.a.", "u.ä.", "o.ä.",
    "d.h.", "z.T.", "z.Zt.", "i.d.R.", "u.U.", "v.a.", "n.Chr.", "v.Chr.", "Mo.", "Di.",
    "Mi.", "Do.", "Fr.", "Sa.", "So.", "Jan.", "Feb.", "Apr.", "Aug.", "Sept.", "Okt.",
    "Nov.", "Dez.", "Prof.", "Dipl.-Ing.", "Ing.", "Mag.", "Dres.", "St.", "Hl.", "Pfr.",
    "Kfz.", "Std.", "Min.", "Sek.", "ca.", "rd.", "max.", "min.", "insg.", "Tab.", "Abb.",
    # clubs as results tables shorten them (``Bor. Mönchengladbach``, ``Eintr. Frankfurt``)
    "Bor.", "Eintr.", "Preuß.",
)

# Tokens that end a sentence.
SENTENCE_FINAL = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
# Tokens that may follow the final punctuation and still belong to the sentence.
CLOSING = frozenset({'"', "“", "”", "«", "»", "'", "’", "‘", ")", "]"})
