"""Sorting and comparing what participants type, the way each language's readers expect.

Python's `sorted()` orders by code point: Persian پ چ ژ گ land after ی, Hungarian 'cs' sorts
inside 'c' and 'ö' after 'z', Russian 'ё' after 'я'. A sort key here follows each alphabet
(Hungarian digraphs are letters of their own; accents tell words apart only when the letters
are equal), and `text_key` folds what a keyboard varies but a reader does not see (Arabic and
Persian forms of ی and ک, the half-space, case), so two spellings of one name are one name.
Stored text is never changed: these keys are for sorting and comparing only.
"""

from __future__ import annotations

import unicodedata

ALPHABETS: dict[str, str] = {
    # letters in order; letters joined by "=" differ only by their accent
    "hu": "a=á b c cs d dz dzs e=é f g gy h i=í j k l ly m n ny o=ó ö=ő p q r s sz t ty u=ú "
    "ü=ű v w x y z zs",
    "ru": "а б в г д е=ё ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я",
    "fa": "آ ا ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی",
    "en": "a b c d e f g h i j k l m n o p q r s t u v w x y z",
}

_FOLD = str.maketrans(
    {
        "ي": "ی",  # Arabic yeh -> Persian yeh
        "ى": "ی",  # alef maksura
        "ك": "ک",  # Arabic kaf -> keheh
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "ۀ": "ه",
        "ة": "ه",
        "\u200c": " ",  # half-space (ZWNJ): a word's parts, read as one word
        "\u200d": None,
        "ـ": None,  # tatweel: stretches a line, no letter
    }
)
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def text_key(text: str) -> str:
    """What two spellings of one word share: how names are compared (and matched) in every
    language. "Ali ", "ali", "علي" and "علی" each compare equal to their other spelling."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).translate(_DIGITS)
    # NFKC has joined letter and accent (é, й, ő); what is left over are Arabic vowel signs,
    # read but not written alike by everyone
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return " ".join(text.casefold().split())


def _table(alphabet: str) -> tuple[dict[str, tuple[int, int]], int]:
    table: dict[str, tuple[int, int]] = {}
    for primary, group in enumerate(alphabet.split(), start=1):
        for secondary, letter in enumerate(group.split("=")):
            table[letter] = (primary, secondary)
    return table, max(len(k) for k in table)


_TABLES = {code: _table(alphabet) for code, alphabet in ALPHABETS.items()}


def sort_key(text: str, language: str | None = None) -> tuple[tuple[int, ...], ...]:
    """A key that sorts `text` in the order of `language`'s alphabet (the current language
    when None): letters first, then accents, then case; ties keep the text's own order."""
    if language is None:
        from journeykit.i18n import current

        language = current()
    table, longest = _TABLES.get(language, _TABLES["en"])
    folded = unicodedata.normalize("NFC", text.translate(_FOLD)).strip()
    lower = folded.casefold()
    primary: list[int] = []
    secondary: list[int] = []
    position = 0
    while position < len(lower):
        for size in range(longest, 0, -1):
            piece = lower[position : position + size]
            if piece in table:
                rank, accent = table[piece]
                primary.append(10_000 + rank)
                secondary.append(accent)
                position += size
                break
        else:
            char = lower[position]
            base = unicodedata.normalize("NFD", char)
            if base[0] in table and len(base) > 1:
                rank, _ = table[base[0]]
                primary.append(10_000 + rank)
                secondary.append(50 + len(base))
            elif char.isspace() or unicodedata.category(char).startswith("P"):
                primary.append(0)
                secondary.append(0)
            elif char.isdigit():
                primary.append(1_000 + int(unicodedata.digit(char, 0)))
                secondary.append(0)
            else:  # another script or symbol: after this alphabet, by code point
                primary.append(100_000 + ord(base[0]))
                secondary.append(len(base))
            position += 1
    case = tuple(int(c != c.casefold()) for c in folded)
    return tuple(primary), tuple(secondary), case
