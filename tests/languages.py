"""What tells English left on a page in another language: the words of the kit's own English
messages (every label, and the sample's content, is one), less the words that language's own
catalog uses (a translator keeps "CSAT", "Brightledger" or "Alt+S" on purpose) and the data
values a customer's systems write (platform names)."""

from __future__ import annotations

import re
from functools import cache

from journeykit.i18n import LANGUAGES, catalogs

WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
SHOWN_TEXT = """() => {
  const own = '.widget-readout, .widget-upload';  // numbers the widget writes itself
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const box = node.parentElement;
    if (!box || box.closest(own) || box.closest('script, style')) continue;
    const style = getComputedStyle(box);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    parts.push(node.textContent);
  }
  const titles = [...document.querySelectorAll('[title], [placeholder]')]
    .map(e => (e.getAttribute('title') || '') + ' ' + (e.getAttribute('placeholder') || ''));
  return parts.join(' ') + ' ' + titles.join(' ');
}"""
"""What a person reads on a page: its visible text, titles and placeholders (the numbers a
widget writes itself left out: they are drawn with Persian shapes by the page's font)."""

DATA_VALUES = frozenset({"android", "ios", "web"})
"""Values the bundled usage events carry, as an analytics export writes them."""


def words(text: str) -> set[str]:
    """The Latin-script words of `text` (three letters or more), lower case."""
    return {w.lower() for w in WORD.findall(PLACEHOLDER.sub(" ", text)) if len(w) >= 3}


@cache
def english() -> frozenset[str]:
    """Every word of the kit's English messages (the source of every catalog)."""
    found: set[str] = set()
    for message in catalogs.extract():
        for text in message.id if isinstance(message.id, tuple) else (message.id,):
            found |= words(text)
    return frozenset(found)


@cache
def own(code: str) -> frozenset[str]:
    """The Latin-script words a language's catalog writes itself, and the languages' names."""
    found = set(DATA_VALUES) | {w for name in LANGUAGES.values() for w in words(name)}
    for message in catalogs.read(code):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            found |= words(text or "")
    return frozenset(found)


def english_left(code: str, text: str) -> set[str]:
    """The English words in `text` that a page in `code` should not show."""
    return (words(text) & english()) - own(code)


@cache
def persian_names() -> re.Pattern[str]:
    """Names the Persian catalog itself writes with Latin digits (the template name "B2B")."""
    found: set[str] = set()
    for message in catalogs.read("fa"):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            found |= set(re.findall(r"[A-Za-z]+[0-9]+[A-Za-z0-9]*", text or ""))
    return re.compile("|".join(sorted(map(re.escape, found), key=len, reverse=True)) or "(?!)")


def latin_digits_left(text: str) -> list[str]:
    """The words of `text` holding Latin digits, less the names `persian_names` allows."""
    return sorted(set(re.findall(r"\S*[0-9]\S*", persian_names().sub(" ", text))))
