"""Name normalisation: clean text, detect the script, transliterate to Latin, name tokens and
phonetic keys.

Every function here is total: any Unicode string gives a result, never an exception, and
long input is cut to `MAX_CHARS` first so nothing can hang. `clean` and `latin` are
idempotent (property-tested).

Pipeline for a name:
1. `clean`: NFKC, drop control/format characters (incl. right-to-left marks), symbols and
   emoji, turn punctuation other than `-` and `'` into spaces, collapse whitespace.
2. `latin`: transliterate with ICU (`Any-Latin`, then letters with a caron or dot as the
   digraphs they stand for, then `Latin-ASCII`), after name-specific rules for Arabic
   script (Persian, Urdu, Pashto and Kurdish letters to their Arabic counterparts, `عبد ال…`
   to `abd al-…`, ta marbuta, hamza seats, a final ه as a vowel), lower case ASCII.
3. `name_tokens`: split into tokens, drop nasab particles (bin, ibn, bint) and standalone
   articles (al-, el-, ar-, …), merge `abd`/`abdul`/`abdel` with the following name, merge a
   trailing `allah`/`ullah` and `al-Din`/`ad-Din` with the name before, join hyphenated
   name parts (Gebre-Mariam = Gebremariam), strip an `al`/`el` prefix glued to a name
   (Alhassan).
4. `skeleton`: a phonetic key made for romanised Arabic, Persian, Pashto, Tigrinya, Kurdish
   and Turkish names: digraphs folded (kh, sh, sch, dh, th, gh, ph, dsch, dj), q to k,
   v to w, vowels and non-initial y/w dropped (Arabic script writes no short vowels),
   a final h dropped, doubled letters collapsed. Mohammed, Muhammad, Mohamad and محمد all
   give `mhmd`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import zip_longest

import icu

MAX_CHARS = 200  # longer input is cut (a name is never this long)
_MAX_RAW = 4 * MAX_CHARS

_DROP_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "So", "Sk", "Sm", "Sc", "Me"}
_KEEP_PUNCT = {"-", "'"}

_to_latin = icu.Transliterator.createInstance("Any-Latin")
_to_ascii = icu.Transliterator.createInstance("Latin-ASCII")

# Persian, Urdu, Pashto and Kurdish letters that ICU leaves as they are: their Arabic
# counterparts (Urdu ہ and ھ are h, ے and ی are y, Pashto ډ is d, Kurdish ە is e)
_ARABIC_LETTERS = str.maketrans(
    {"ہ": "ه", "ھ": "ه", "ۀ": "ه", "ە": "e", "ی": "ي", "ے": "ي", "ې": "ي", "ۍ": "ي",
     "ێ": "ي", "ګ": "گ", "ټ": "ت", "ډ": "د", "ړ": "ر", "ڕ": "ر", "ښ": "ش", "ځ": "ز",
     "څ": "س", "ۆ": "و", "ۇ": "و", "ڵ": "ل", "ک": "ك"}
)  # fmt: skip
_ARABIC_PRE = [
    (re.compile(r"(?<![\u0600-\u06ff])عبد\s*ال"), "abd al-"),
    (re.compile(r"(?<![\u0600-\u06ff])عبد\s*(?!ه(?![\u0600-\u06ff]))"), "abd "),  # not عبده
    # a word that begins with ع begins with a vowel in Latin letters (عيسى Isa, عون Aoun,
    # العيني al-Ayni), not with the و or ي after it
    (re.compile(r"(?<![\u0600-\u06ff])الع"), "al-a"),
    (re.compile(r"(?<![\u0600-\u06ff])ع"), "a"),
    (re.compile("ة"), "a"),
    (re.compile("[ءئؤ]"), ""),
    (re.compile("[أإآ]"), "a"),
    # a final ه after a letter is the vowel of Persian Zadeh, Fatemeh (not an h that would
    # make zh or dh with the letter before); not in Allah
    (re.compile(r"(?<=[\u0621-\u064a])(?<!لل)ه(?![\u0600-\u06ff])"), "a"),
]

NASAB_PARTICLES = frozenset({"bin", "ibn", "bint", "binti", "ben", "walad", "ould"})
ARTICLES = frozenset({"al", "el", "ar", "as", "ash", "ad", "at", "an", "az", "ul", "ud", "er"})
_ABD = frozenset({"abd", "abdul", "abdel", "abdal", "abdol", "abdur", "abdus", "abdu", "abdou"})
_ALLAH = frozenset({"allah", "ullah", "ollah", "allh", "alla", "ulla", "ulah", "llah"})
_DIN = frozenset({"din", "deen", "dine", "dien", "dyn"})
_ENDINGS = frozenset({"pur", "pour", "poor", "pwr", "zadeh", "zade", "zada"})  # written apart
_NOT_JOINED = NASAB_PARTICLES | ARTICLES | _ABD | _ALLAH | _DIN
# titles and honorifics, not names: dropped when the name has two other parts (Seyed Ali
# Hosseini is Ali Hosseini; in Hajji Ludwig or Sayyed Mohammad the title may be a name, as
# registries and Wikidata have it, and is kept); the Arabic-script forms as ICU writes
# them (syd, shykh, ...)
TITLES = frozenset({
    "sayed", "sayyed", "seyed", "seyyed", "seyid", "syed", "sayyid", "seyyid", "syd", "sayyida",
    "sheikh", "shaikh", "sheik", "shaykh", "cheikh", "scheich", "shykh", "sheikha",
    "hajji", "haji", "hajj", "hadj", "hadji", "hadschi", "hajy", "haj", "hajja", "hajjah",
    "doctor", "dr", "dktwr", "prof", "professor", "haci", "mawlana",
    "maulana", "mawlawi", "maulvi", "mr", "mrs", "ms", "herr", "frau",
})  # fmt: skip
# what follows abd- before the name: the article (Abdulaziz, Abdelkader), assimilated to a
# sun letter it doubles (Abdurrahman, Abdessamad, Abdennour), or a linking vowel (Abdurahman);
# not the first letters of the name itself (Abd al-Adhim is Abdadhim, not Abd+him)
_ABD_REST = re.compile(
    r"^(?:[aeiou]l(?=[a-z]{2})|[aeiou](r|s|n|z|d|t|sh)(?=\1)|[aeiou](?=[a-z]{3}))"
)
# a kunya written as one word: Abolfazl, Abulhassan, Aboulela are Abu al-Fazl, Abu al-Hassan
_ABUL = re.compile(r"^(?:abu|abou|abo|abi)l(?=[a-z]{3})")
_ABU = frozenset({"abu", "abou", "abo", "abul", "abol", "aboul"})

_DIGRAPHS = [
    ("dsch", "j"),
    ("dzh", "j"),  # Russian Dzhamal, Czech Džamal
    ("tsch", "c"),
    ("sch", "s"),
    ("kh", "k"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "k"),
    ("dh", "z"),
    ("dz", "z"),  # ض (and Indonesian ذ: Mundzir); its other reading is d
    ("th", "t"),
    ("ph", "f"),
    ("dj", "j"),
    ("zh", "j"),
    ("q", "k"),
    ("v", "w"),
    ("x", "ks"),
]


def _step(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch.isspace() or cat in ("Zs", "Zl", "Zp"):
            out.append(" ")
        elif cat in _DROP_CATEGORIES:
            continue
        elif cat[0] == "P" and ch not in _KEEP_PUNCT:
            out.append(" ")
        elif cat == "Mn" and (not out or out[-1] == " "):
            continue  # a combining mark with nothing to combine with
        else:
            out.append(ch)
    return " ".join("".join(out).split())[:MAX_CHARS].rstrip()


def clean(text: str | None) -> str:
    """NFKC, no control/format characters or symbols, single spaces, at most MAX_CHARS."""
    if not text:
        return ""
    current = _step(str(text)[:_MAX_RAW])
    for _ in range(4):  # reach a fixed point (removing a character may let others combine)
        following = _step(current)
        if following == current:
            break
        current = following
    return current


@lru_cache(maxsize=256)
def _char_script(ch: str) -> str:
    try:
        return icu.Script.getScript(ch).getShortName()
    except Exception:  # noqa: BLE001 - ICU rejects some code points; treat them as unknown
        return "Zzzz"


def detect_script(text: str) -> str:
    """The ISO 15924 script of most letters (`Latn`, `Arab`, `Ethi`, `Cyrl`, ...), `Zyyy` if none."""
    counts: dict[str, int] = {}
    for ch in clean(text):
        if ch.isalpha():
            script = _char_script(ch)
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "Zyyy"
    return max(sorted(counts), key=counts.__getitem__)


def scripts_of(text: str) -> set[str]:
    """All scripts of the letters in `text` (more than one: mixed scripts)."""
    return {_char_script(ch) for ch in clean(text) if ch.isalpha()}


# letters that Latin-ASCII leaves out or turns into an apostrophe; ayn and hamza signs written
# inside a Latin name (Sa'id, Saʿīd, Maʼmun) are dropped, so Sa'id is Said, not Sa + id
_PRE_LATIN = str.maketrans(
    {"ə": "e", "Ə": "E", "ɛ": "e", "ʿ": "", "ʾ": "", "ʼ": "", "ʻ": "", "’": "", "‘": "", "`": ""}
)
# letters with a caron, dot or line that stand for a digraph in other romanisations (Czech,
# Latvian, Turkish, scholarly Arabic, ICU's Cyrillic): Džuma is Juma, Žanna Zhanna, Šamil
# Shamil, ǧ the j of ج, ġ and ğ the gh of غ; Latin-ASCII alone would drop the mark (Dzuma).
# ḍ, ICU's and the scholars' ض, is dz: Arabic romanisations write it d (Fadl, Ramadan),
# Persian, Urdu and Turkish ones z (Fazl, Ramazan, Reza), and dz has both readings
_DIGRAPH_LETTERS = str.maketrans(
    {"ž": "zh", "Ž": "Zh", "š": "sh", "Š": "Sh", "č": "ch", "Č": "Ch", "ǧ": "j", "Ǧ": "J",
     "ġ": "gh", "Ġ": "Gh", "ğ": "gh", "Ğ": "Gh", "ḫ": "kh", "ṯ": "th", "ḏ": "dh",
     "ḍ": "dz", "Ḍ": "Dz"}
)  # fmt: skip
_INNER_APOSTROPHE = re.compile(r"(?<=[a-z])'+(?=[a-z])")


def _any_latin(text: str) -> str:
    """ICU's Any-Latin; where ICU fails on a sequence (a Multani letter before a digit and a
    kana iteration mark), letter by letter, without the letters it cannot convert."""
    try:
        return _to_latin.transliterate(text)
    except icu.ICUError:
        out = []
        for ch in text:
            try:
                out.append(_to_latin.transliterate(ch))
            except icu.ICUError:
                continue
        return "".join(out)


@lru_cache(maxsize=200_000)
def latin(text: str) -> str:
    """Lower-case ASCII transliteration of `text` (letters, digits, spaces, `-` and `'`)."""
    cleaned = clean(text)
    if not cleaned:
        return ""
    cleaned = cleaned.translate(_PRE_LATIN)
    if not cleaned.isascii():
        if any("\u0600" <= ch <= "\u06ff" for ch in cleaned):
            cleaned = cleaned.translate(_ARABIC_LETTERS)
            for pattern, replacement in _ARABIC_PRE:
                cleaned = pattern.sub(replacement, cleaned)
        latinised = _any_latin(cleaned)
        cleaned = _to_ascii.transliterate(latinised.translate(_DIGRAPH_LETTERS))
    lowered = cleaned.lower()
    kept = "".join(
        ch if (ch.isascii() and ch.isalnum()) or ch in "-' " else (" " if ch.isspace() else "")
        for ch in lowered
    )
    return _INNER_APOSTROPHE.sub("", " ".join(kept.split()))


def _strip_article(token: str) -> str:
    if token.endswith(("din", "dyn", "deen", "dine", "dien")) and len(token) > 6:
        return token  # Alaeddin is not al-Aeddin
    if (
        token[:2] in ("al", "el")
        and len(token) >= 5
        and token[2] != token[3]
        and token[2] not in "aeiouy"  # Aloui is not al-Oui
    ):
        return token[2:]
    return token


def _abd(rest: str) -> str:
    return "abd" + _ABD_REST.sub("", rest, count=1)


def _kunya(token: str) -> tuple[str, ...]:
    """Abu as a part of its own, however written: Abou, Abul; Abolfazl is Abu + Fazl."""
    if token in _ABU:
        return ("abu",)
    glued = _ABUL.match(token)
    return ("abu", token[glued.end() :]) if glued else (token,)


def _join_hyphenated(word: str) -> list[str]:
    """Gebre-Mariam is Gebremariam, as Ali-Reza is Alireza; al-Hassan and Abd-al-Rahman keep
    their parts apart."""
    parts = [p for p in word.split("-") if p]
    out: list[str] = []
    for part in parts:
        if out and part not in _NOT_JOINED and out[-1] not in _NOT_JOINED:
            out[-1] += _strip_article(part)
        else:
            out.append(part)
    return out


def name_tokens(text: str) -> tuple[str, ...]:
    """Canonical ASCII tokens of a name: particles dropped, abd- and -ullah compounds merged,
    titles dropped when two other parts remain (`TITLES`)."""
    return _tokens(text, _keeps_titles(text))


def _keeps_titles(*texts: str) -> bool:
    """Fewer than two parts are left without the titles: a title may be the name."""
    return sum(len(_tokens(text, False)) for text in texts) < 2


@lru_cache(maxsize=200_000)
def _tokens(text: str, titles: bool) -> tuple[str, ...]:
    words = [p for w in latin(text).split() for p in _join_hyphenated(w)]
    raw = [t.strip("-'") for w in words for t in re.split(r"'+", w)]
    raw = [k for t in raw if t and t not in NASAB_PARTICLES for k in _kunya(t)]
    if not titles:  # a title with a Persian ending is a name: Hajipour, حاجی پور, Sheikhzadeh
        raw = [t for i, t in enumerate(raw) if t not in TITLES or _ENDINGS & {*raw[i + 1 : i + 2]}]
    return _canonical(raw)


def _canonical(raw: list[str]) -> tuple[str, ...]:
    """The tokens of `name_tokens` from its words: articles dropped, abd-, -ullah and -din
    compounds merged."""
    tokens: list[str] = []
    i = 0
    while i < len(raw):
        token = raw[i]
        if token in ARTICLES and i + 1 < len(raw):
            i += 1
            continue
        if token in _ABD and i + 1 < len(raw):
            j = i + 1
            while j < len(raw) - 1 and raw[j] in ARTICLES:
                j += 1
            tokens.append(_abd(_strip_article(raw[j]) if raw[j] not in _ALLAH else raw[j]))
            i = j + 1
            continue
        if token in _ALLAH and tokens:
            tokens[-1] += "allah"
            i += 1
            continue
        if _strip_article(token) in _DIN and tokens:  # Nur al-Din = Nureddin = نور الدين
            tokens[-1] += "din"
            i += 1
            continue
        if token.startswith("abd") and len(token) > 5:
            token = _abd(token[3:])
        tokens.append(_strip_article(token))
        i += 1
    return tuple(tokens)


_C_SOFT = re.compile(r"c(?=[eiy])")
_OU_W = re.compile(r"^ou(?=[aeiy])")  # French Oualid, Ouaknine: w
_DOUBLED = re.compile(r"(.)\1+")


def single_letters(text: str) -> str:
    """Each run of one letter written once (Mohammed: Mohamed)."""
    return _DOUBLED.sub(r"\1", text)


_J_AS_Y = re.compile(r"(?<=[aeiou])j(?![aeiouyj])")  # German Hussejn, Fajsal: a vowel glide


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """Phonetic key of one canonical token (see the module docstring)."""
    text = "".join(ch for ch in token.lower() if "a" <= ch <= "z")
    text = _J_AS_Y.sub("", _OU_W.sub("w", text))
    if text[:1] == "y":  # Yusuf, Jusuf, يوسف: one initial sound
        text = "j" + text[1:]
    for source, target in _DIGRAPHS:
        text = text.replace(source, target)
    text = _C_SOFT.sub("s", text).replace("c", "k")  # Youcef; Deacon
    if not text:
        return ""
    head, tail = text[0], text[1:]
    if head in "aeiou":
        head = ""
    tail = re.sub(r"[aeiouyw]", "", tail)
    key = (head + tail).rstrip("h") if len(head + tail) > 1 else head + tail
    collapsed = single_letters(key)
    return collapsed or text[:1]


# spellings that stand for more than one sound: each reading gives a key of its own
# (French Achour is Ashour, German Chalid is Khalid; French Youcef is Yusuf; Uzbek and
# Somali x is kh; Persian gh is q; th is also the dh of ذ). The third value is the least
# length of a key a reading may give (a short key of a rare reading finds too much).
_READINGS = (
    (re.compile(r"ch"), "sh", 0),
    (re.compile(r"c(?!h)"), "s", 0),  # Fayçal is Faisal (ç is c after Latin-ASCII)
    (re.compile(r"c(?!h)"), "j", 0),  # Turkish Cemal is Jamal
    (re.compile(r"x"), "kh", 0),
    (re.compile(r"x"), "h", 0),  # Somali Maxamed is Mohamed
    (re.compile(r"gh"), "q", 0),
    (re.compile(r"th"), "dh", 0),
    (re.compile(r"dz"), "d", 0),  # Arabic Fadl, Ramadan, Ridha for ض
    (re.compile(r"th"), "s", 0),  # Persian and Turkish ث: Osman for Othman
    (re.compile(r"zh"), "zah", 0),  # ز then ه in a transliteration (الزهراوي, alzhrawy)
    (re.compile(r"v"), "f", 0),  # -ov written with ف in Arabic script (صفروف)
    (re.compile(r"(?<!n)g(?!h)"), "j", 0),  # Egyptian ج: Gamal is Jamal, Ragab Rajab
    (re.compile(r"kh"), "h", 3),  # Turkish and Persian Halid, Hakim for Khalid, Khakim
    (re.compile(r"t$"), "d", 3),  # Turkish final devoicing: Ahmet, Mehmet, Hamit, Murat
    (re.compile(r"p$"), "b", 3),  # Recep is Rajab
    (re.compile(r"dh"), "dah", 3),  # d then h: Mohammadhossein, محمدحسین (not ذ)
    (re.compile(r"q"), "g", 3),  # Gulf, Iraqi and Turkic q said as g: Turqut, Baraqani
    (re.compile(r"sz"), "s", 2),  # Hungarian sz: Huszajn, Thanászisz
    (re.compile(r"p"), "b", 2),  # Arabic script has no p: Pan written بان
    (re.compile(r"(?<=.)j(?=[aeiou])"), "y", 2),  # German, Slavic j is y: Ruqja, Marjam
)
# a particle written together with the name (Benali, Bensalah, Binladen): also the name alone
_GLUED_PARTICLE = re.compile(r"^(?:ben|bin|ibn|ould)(?=[a-z]{3})")
# an article written together with a name that begins with a vowel (Alanoud, Elamin): the
# article stays in the token (Aloui is a name of its own) and the name alone is a key too
_GLUED_ARTICLE = re.compile(r"^(?:al|el)(?=[aeiou][a-z]{2})")
# endings that make another form of the same name: Uzbek -jon, -xon, -bek (Hikmatjon,
# Qimmatxon, Qodirbek for Hikmat, Qimmat, Qodir), a Turkic plural -lar/-ler (Cavanşirler),
# Latvian and Lithuanian -s after a consonant (Romāns, Deivids); the rest must keep three
# consonants, so that Abbas or Idris keep their s
_SUFFIXES = (  # each with the least length of the rest's key
    (re.compile(r"(?<=[a-z]{3})(?:jon|xon|khon|bek|lar|ler)$"), 2),  # Olimjon: Olim
    (re.compile(r"(?<=[a-z]{3}[^aeiouy])s$"), 3),
)
MAX_KEYS = 8


def _readings(token: str) -> list[str]:
    texts = [token]
    for pattern, reading, shortest in _READINGS:
        for text in list(texts):
            if pattern.search(text):
                other = pattern.sub(reading, text)
                if len(skeleton(other)) >= shortest:
                    texts.append(other)
    return texts


@lru_cache(maxsize=200_000)
def keys(token: str) -> tuple[str, ...]:
    """All phonetic keys of one canonical token: its skeleton first, then the skeletons of
    other readings of ambiguous letters, of the name without a glued particle and of the
    name without an ending that makes another form of it (Hikmatjon: Hikmat)."""
    forms = [token]  # the name as written, then without a glued particle or an ending
    for prefix, shortest in ((_GLUED_PARTICLE, 0), (_GLUED_ARTICLE, 2)):
        rest = prefix.sub("", token)
        if rest != token and len(skeleton(rest)) >= shortest:
            forms.append(rest)
    for suffix, shortest in _SUFFIXES:
        stem = suffix.sub("", token)
        if stem != token and len(skeleton(stem)) >= shortest:
            forms.append(stem)
    others = zip_longest(*(_readings(form)[1:] for form in forms))  # each form's in turn
    texts = forms + [t for turn in others for t in turn if t]
    found = dict.fromkeys(skeleton(t) for t in texts)
    found.pop("", None)
    return tuple(found)[:MAX_KEYS] or (skeleton(token),)


def name_key(text: str) -> str:
    """Sorted skeletons of a name's tokens: order-free key for blocking (batch linkage)."""
    return " ".join(sorted(skeleton(t) for t in name_tokens(text)))


def place_key(text: str) -> str:
    """Diacritic-free case-folded place name (any script) for alias look-up."""
    decomposed = unicodedata.normalize("NFKD", clean(text).casefold())
    kept = "".join(ch for ch in decomposed if ch.isalnum() or ch == " ")
    return " ".join(kept.split())


Token = tuple[str, str, str]  # canonical, skeleton, role ("g" given, "f" family, "" unknown)


def spelling_tokens(given: str, family: str) -> tuple[Token, ...]:
    """The tokens of one spelling, each with its skeleton and whether it is a given or
    family name."""
    titles = _keeps_titles(given, family)  # counted over both, as one name
    out = [(t, skeleton(t), "g") for t in _tokens(given, titles)]
    out += [(t, skeleton(t), "f") for t in _tokens(family, titles)]
    return tuple(out)
