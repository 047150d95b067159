"""The participants' language: English, Persian (right to left), Hungarian or Russian.

Every text a user reads goes through `_()` (or `N_()` where it is defined before a language is
known, and `_()` where it is shown). The translations live in one gettext catalog per language
(`locales/<code>/LC_MESSAGES/journeykit.po`, edited with Babel's tools); English is the source.
Numbers and dates go through Babel's locale formatting; Persian can show Persian digits.

A page (one kernel) speaks one language, set once it knows its address; `language()` speaks
another for a while (a report exported in Persian from an English session). This package
imports nothing of the kit: every layer may use it.
"""

from __future__ import annotations

import datetime as dt
import gettext as gettext_module
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from journeykit.i18n.collation import sort_key, text_key

__all__ = [
    "LANGUAGES",
    "N_",
    "_",
    "backward",
    "choose",
    "current",
    "direction",
    "format_date",
    "format_number",
    "format_percent",
    "forward",
    "gettext",
    "in_direction",
    "language",
    "latin_digits",
    "local_digits",
    "ngettext",
    "persian_digits",
    "set_language",
    "sort_key",
    "text_key",
]

LANGUAGES: dict[str, str] = {
    "en": "English",
    "fa": "فارسی",
    "hu": "Magyar",
    "ru": "Русский",
}
"""The languages the kit speaks, each named in itself (how a chooser shows them)."""
SOURCE = "en"
RIGHT_TO_LEFT = frozenset({"fa"})
LOCALES = Path(__file__).parent / "locales"
DOMAIN = "journeykit"

_page = {"language": SOURCE, "persian_digits": True}
_override: ContextVar[tuple[str, bool] | None] = ContextVar("journeykit_language", default=None)


def check_language(code: str) -> str:
    """`code` if the kit speaks it; else an error that lists the ones it does."""
    if code not in LANGUAGES:
        known = ", ".join(f"{c} ({n})" for c, n in LANGUAGES.items())
        raise ValueError(
            gettext("no language {code!r}: choose one of {known}").format(code=code, known=known)
        )
    return code


def set_language(code: str, persian_digits: bool = True) -> None:
    """The language of this page (kernel, process) from now on."""
    _page.update(language=check_language(code), persian_digits=persian_digits)


@contextmanager
def language(code: str, persian_digits: bool | None = None) -> Iterator[None]:
    """Speak `code` inside the block only (a report in another language than the page)."""
    digits = _page["persian_digits"] if persian_digits is None else persian_digits
    token = _override.set((check_language(code), bool(digits)))
    try:
        yield
    finally:
        _override.reset(token)


def current() -> str:
    """The language spoken now."""
    override = _override.get()
    return override[0] if override else str(_page["language"])


def persian_digits() -> bool:
    """Whether numbers are written with Persian digits (only ever in Persian)."""
    override = _override.get()
    digits = override[1] if override else bool(_page["persian_digits"])
    return digits and current() == "fa"


def direction(code: str | None = None) -> str:
    """ "rtl" for a right-to-left language, else "ltr": what a page and a report are laid out in."""
    return "rtl" if (code or current()) in RIGHT_TO_LEFT else "ltr"


def forward() -> str:
    """The arrow that points the way on (→, or ← in a right-to-left page)."""
    return "←" if direction() == "rtl" else "→"


def backward() -> str:
    """The arrow that points back (←, or → in a right-to-left page)."""
    return "→" if direction() == "rtl" else "←"


def in_direction(text: str) -> str:
    """Text for a chart (SVG knows no page direction): in a right-to-left language it is
    embedded right to left (RLE ... PDF), so "۱۲ کاربر" is not laid out as if it began left to
    right, and a Latin name inside a Persian title ("خرید Brightledger") keeps its place."""
    return "\u202b" + text + "\u202c" if direction() == "rtl" else text


def choose(*candidates: str | None) -> str:
    """The first language set among the candidates (the link's, the team's, the workshop's),
    English when none is; an unknown code is passed over, not fatal (a mistyped ?lang=)."""
    return next((c for c in candidates if c and c in LANGUAGES), SOURCE)


@dataclass(frozen=True)
class Catalog:
    """One language's translations: msgid (or singular and plural) -> text, and its plural
    rule (which form to use for n)."""

    messages: dict[str | tuple[str, str], str | tuple[str, ...]]
    plural: Callable[[int], int]


@cache
def catalog(code: str) -> Catalog:
    """The translations of one language, read from its .po file (none for English)."""
    if code == SOURCE:
        return Catalog({}, lambda n: int(n != 1))
    from babel.messages.pofile import read_po

    path = LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as handle:
        read = read_po(handle, locale=code)
    messages: dict[str | tuple[str, str], str | tuple[str, ...]] = {}
    for message in read:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, str):
            if message.string:
                messages[message.id] = str(message.string)
        elif isinstance(message.string, (tuple, list)) and all(message.string):
            messages[(message.id[0], message.id[1])] = tuple(message.string)
    return Catalog(messages, gettext_module.c2py(read.plural_expr))


def gettext(message: str) -> str:
    """`message` in the current language (the English text itself when no translation)."""
    if not message:
        return message
    found = catalog(current()).messages.get(message)
    return found if isinstance(found, str) else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message that fits the count `n` in the current language (Russian has
    three: 1 строка, 3 строки, 5 строк)."""
    language = catalog(current())
    found = language.messages.get((singular, plural))
    if isinstance(found, tuple):
        return found[min(language.plural(n), len(found) - 1)]
    return singular if n == 1 else plural


_ = gettext


def N_(message: str) -> str:
    """Marks a text for translation where it is defined; `_()` translates it where shown."""
    return message


# ----- numbers and dates ------------------------------------------------------------------------

_PERSIAN = str.maketrans("0123456789%", "۰۱۲۳۴۵۶۷۸۹٪")
_TO_LATIN = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٫٬", "01234567890123456789.,")


def local_digits(text: str) -> str:
    """Latin digits written as Persian ones when the page uses them (ids and links untouched:
    pass only text meant for reading)."""
    return text.translate(_PERSIAN) if persian_digits() else text


def separator() -> str:
    """What stands between parts of a line ("24 notes · 3 teams"): a middle dot, but in Persian
    a dash, since the Persian zero (۰) is a dot and "۲۴ · یادداشت" reads as 240."""
    return " – " if current() == "fa" else " · "


def latin_digits(text: str) -> str:
    """Persian and Arabic-Indic digits (and separators) typed by a participant, as Latin ones:
    how a number field reads '۴۲' or '٣٫٥'."""
    return text.translate(_TO_LATIN)


def _numbers() -> str:
    return "arabext" if persian_digits() else "latn"


def format_number(value: float, decimals: int | None = None) -> str:
    """A number as the language writes it (1 234,5 in Hungarian; ۱٬۲۳۴٫۵ in Persian)."""
    from babel.numbers import format_decimal

    pattern = None if decimals is None else "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(value, pattern, locale=current(), numbering_system=_numbers())
    return local_digits(text)


def format_percent(value: float, decimals: int = 0) -> str:
    """A share (0.42) as a percentage in the language's way (42 %, ٪۴۲)."""
    from babel.numbers import format_percent as babel_percent

    pattern = None if not decimals else "#,##0." + "0" * decimals + "%"
    text = babel_percent(value, pattern, locale=current(), numbering_system=_numbers())
    return local_digits(text)


def format_signed(value: float, decimals: int = 1) -> str:
    """A change with its sign always written (+3,2 in Hungarian; ‎+۳٫۲ in Persian)."""
    from babel.numbers import format_decimal

    digits = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(
        value, f"+{digits};-{digits}", locale=current(), numbering_system=_numbers()
    )
    return local_digits(text)


def format_choices(items: Iterable[str]) -> str:
    """Alternatives as the language lists them ("nps, csat or ces"; "nps، csat یا ces")."""
    from babel.lists import format_list

    return format_list(list(items), style="or", locale=current())


def format_date(value: dt.date | dt.datetime, style: str = "medium") -> str:
    """A date as the language writes it (25 нояб. 2026 г.; 2026. nov. 25.)."""
    from babel.dates import format_date as babel_date

    day = value.date() if isinstance(value, dt.datetime) else value
    return local_digits(babel_date(day, style, locale=current()))
