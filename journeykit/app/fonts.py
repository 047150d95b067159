"""The kit's own fonts (Noto Sans for Latin and Cyrillic, Vazirmatn for Persian), served with
every page and carried inside every report, so text in any of the kit's languages is drawn
without missing glyphs on a machine that has neither font and no internet.

`static/fonts/fonts.css` is the one list of faces: pages link it, a report embeds the faces its
text needs (as data: URLs), and vl-convert draws PNG charts with the Persian face.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

from journeykit.app.serve import TEMPLATE

FONTS = TEMPLATE / "static" / "fonts"
FAMILY = '"JourneyKit Sans", "Vazirmatn", "DejaVu Sans", "Noto Sans", Arial, sans-serif'
_FACE = re.compile(r"@font-face\s*{(?P<body>[^}]*)}", re.S)
_SOURCE = re.compile(r"url\((?P<file>[^)]+)\)\s*format\(\"(?P<format>[^\"]+)\"\)")
_RANGE = re.compile(r"unicode-range:\s*(?P<ranges>[^;]+);")
MIME = {"woff2": "font/woff2", "truetype": "font/ttf"}


def _ranges(text: str) -> list[tuple[int, int]]:
    found = []
    for part in text.split(","):
        low, _sep, high = part.strip().removeprefix("U+").partition("-")
        found.append((int(low, 16), int(high or low, 16)))
    return found


@cache
def faces() -> list[tuple[str, str, list[tuple[int, int]]]]:
    """Each face of fonts.css's "JourneyKit Sans": its rule, its file and the characters it
    covers (the page's "JourneyKit Digits" are drawn from the same files)."""
    css = (FONTS / "fonts.css").read_text(encoding="utf-8")
    found = []
    for face in _FACE.finditer(css):
        body = face.group("body")
        if '"JourneyKit Sans"' not in body:
            continue
        source, ranges = _SOURCE.search(body), _RANGE.search(body)
        assert source and ranges, f"fonts.css: a face without src or unicode-range: {body}"
        found.append((face.group(0), source.group("file"), _ranges(ranges.group("ranges"))))
    return found


def covers(ranges: list[tuple[int, int]], text: str) -> bool:
    return any(low <= ord(c) <= high for c in set(text) for low, high in ranges)


def embedded_fonts(text: str) -> str:
    """@font-face rules with the font files inside, for the faces `text` needs: a report in
    Persian carries Vazirmatn, one in English only the Latin face."""
    rules = []
    for rule, file, ranges in faces():
        if not covers(ranges, text):
            continue
        data = base64.b64encode((FONTS / file).read_bytes()).decode("ascii")
        kind = _SOURCE.search(rule)
        mime = MIME[kind.group("format")] if kind else "font/woff2"
        rules.append(rule.replace(f"url({file})", f"url(data:{mime};base64,{data})"))
    return "\n".join(rules)


@cache
def register_chart_fonts() -> None:
    """Let vl-convert draw PNG and PDF charts with the kit's TrueType faces (Persian text is
    then drawn even where the system has no Arabic-script font)."""
    import vl_convert

    vl_convert.register_font_directory(str(FONTS))


def font_files() -> list[Path]:
    """Every font file the kit ships (what a test checks for missing glyphs)."""
    return [FONTS / file for _rule, file, _ranges in faces()]
