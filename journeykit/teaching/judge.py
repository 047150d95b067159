"""Whether a student's free answer says something: not a random string, not a channel or a
platform where a touchpoint is asked, not a step of the journey, a KPI that can be measured,
an owner who is someone. Simple language checks on the exercise's own vocabulary, in the four
languages; each names what it found, so the hint can say it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from journeykit.i18n import text_key

WORD = re.compile(r"[^\W\d_]+")
DIGIT = re.compile(r"\d")
KEYBOARD_ROWS = (
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "йцукенгшщзхъ",
    "фывапролджэ",
    "ячсмитьбю",
    "ضصثقفغعهخحجچ",
    "شسیبلاتنمکگ",
    "ظطزرذدپو",
)
VOWELS = set("aeiouyáéíóöőúüűàèìòùâêîôûäëïаеёиоуыэюяіє")
PLATFORMS = frozenset(
    {
        "facebook",
        "instagram",
        "google",
        "tiktok",
        "youtube",
        "twitter",
        "x",
        "linkedin",
        "whatsapp",
        "telegram",
        "viber",
        "pinterest",
        "snapchat",
        "amazon",
        "ebay",
        "aliexpress",
        "vk",
        "вконтакте",
        "одноклассники",
        "яндекс",
        "инстаграм",
        "телеграм",
        "تلگرام",
        "اینستاگرام",
        "گوگل",
        "واتساپ",
        "دیجی کالا",
    }
)
"""Brands of platforms: where a touchpoint happens (a channel), not the moment itself."""
VAGUE_OWNERS = frozenset(
    {
        *("everyone", "everybody", "all", "all of us", "we", "us", "nobody", "no one"),
        *("someone", "somebody", "team", "the team", "company", "the company", "tbd", "n/a"),
        *("mindenki", "mi", "senki", "valaki", "csapat", "a csapat", "cég", "a cég"),
        *("все", "всё", "мы", "никто", "кто-то", "команда", "компания"),
        *("همه", "ما", "هیچ کس", "هیچکس", "کسی", "تیم", "شرکت"),
    }
)
"""Owners that are nobody in particular: an action everyone owns is done by no one."""
MEASURES = frozenset(
    {
        *("nps", "csat", "ces", "rate", "share", "time", "minutes", "hours", "days"),
        *("number", "count", "conversion", "percent", "average", "median", "score"),
        *("arány", "idő", "perc", "nap", "szám", "százalék", "átlag"),
        *("доля", "время", "минут", "дней", "число", "процент", "среднее", "конверсия"),
        *("نرخ", "زمان", "دقیقه", "روز", "تعداد", "درصد", "میانگین"),
    }
)
"""Words that name a quantity: with a number, what makes a KPI something one can count."""


def words(text: str) -> list[str]:
    return WORD.findall(text_key(text))


def keyboard_mash(word: str) -> bool:
    """'asdf', 'qwer', 'фыва': letters that run along a keyboard row, or a long word with no
    vowel in a script that writes them."""
    if len(word) >= 3 and any(word in row or word[::-1] in row for row in KEYBOARD_ROWS):
        return True
    latin_or_cyrillic = all("a" <= c <= "z" or "а" <= c <= "я" or c == "ё" for c in word)
    return latin_or_cyrillic and len(word) >= 4 and not VOWELS & set(word)


def gibberish(text: str) -> bool:
    """No word of three letters or more, or only strings of keys ('asdf qwer')."""
    found = [w for w in words(text) if len(w) >= 3]
    return not found or all(keyboard_mash(w) for w in found)


def known_words(texts: Iterable[str]) -> set[str]:
    """The stems (first four letters) of the words of the texts a student was shown."""
    return {w[:4] for text in texts for w in words(text) if len(w) >= 3}


def says_something(text: str, vocabulary: set[str]) -> bool:
    """Whether an answer uses at least one word the exercise's own texts use, and is not a
    string of keys."""
    if gibberish(text):
        return False
    return any(w[:4] in vocabulary for w in words(text) if len(w) >= 3)


def platform(text: str) -> bool:
    return text_key(text) in PLATFORMS


def vague_owner(text: str) -> bool:
    return text_key(text).strip(" .!") in VAGUE_OWNERS


def measurable(text: str) -> bool:
    """A KPI names a number (a target, a time) or a measured quantity (NPS, a rate, a
    share): 'happier customers' names neither."""
    key = text_key(text)
    if DIGIT.search(key) or "%" in key:
        return True
    return any(w.startswith(m) for w in words(key) for m in MEASURES)


def vague(text: str, least_words: int = 2) -> bool:
    """Too short to say anything ('x', 'bad')."""
    return len([w for w in words(text) if len(w) >= 2]) < least_words


__all__ = [
    "gibberish",
    "keyboard_mash",
    "known_words",
    "measurable",
    "platform",
    "says_something",
    "vague",
    "vague_owner",
    "words",
]
