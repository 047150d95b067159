"""The catalogs' upkeep: every message the code marks (`_`, `N_`, `ngettext`), and each
language's .po file brought in step with them. A test fails while a catalog misses a message,
keeps one the code no longer has, or changes a placeholder; this updates the files.

    python -m journeykit.i18n.catalogs          # report what each catalog misses
    python -m journeykit.i18n.catalogs update   # add new messages (untranslated), drop old ones
"""

from __future__ import annotations

import ast
import re
import sys
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from journeykit import __version__
from journeykit.i18n import DOMAIN, LANGUAGES, LOCALES, SOURCE

PACKAGE = Path(__file__).resolve().parents[1]
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"{([^{}]*)}")


IN_FSTRING = re.compile(
    r"(?<![\w.])N?_\((?P<quote>['\"])(?P<text>(?:\\.|(?!(?P=quote)).)*)(?P=quote)\)"
)


def _in_fstrings(path: Path) -> Iterator[tuple[int, str]]:
    """Messages marked inside f-strings (`f"<b>{_('Goals:')}</b>"`), which Babel's extractor
    does not read on Python 3.11: one literal per call."""
    with path.open("rb") as handle:
        for token in tokenize.tokenize(handle.readline):
            opening = token.string.split("'")[0].split('"')[0].lower()
            if token.type == tokenize.STRING and "f" in opening:
                for found in IN_FSTRING.finditer(token.string):
                    quote = found.group("quote")
                    yield token.start[0], ast.literal_eval(quote + found.group("text") + quote)


def extract() -> Catalog:
    """Every message the package marks, with where it is used."""
    template = Catalog(project="JourneyKit", domain=DOMAIN)
    for filename, line, message, comments, context in extract_from_dir(
        PACKAGE,
        method_map=[("**.py", "python"), ("**.j2", "jinja2.ext:babel_extract")],
        keywords=KEYWORDS,
        comment_tags=("NOTE:",),
    ):
        template.add(
            message,
            None,
            [(f"journeykit/{filename}", line)],
            auto_comments=comments,
            context=context,
        )
    for path in sorted(PACKAGE.rglob("*.py")):
        for line, message in _in_fstrings(path):
            where = (f"journeykit/{path.relative_to(PACKAGE).as_posix()}", line)
            found = template.get(message)
            if found is None:
                template.add(message, None, [where])
            elif where not in found.locations:
                found.locations.append(where)
    return template


def po_path(code: str) -> Path:
    return LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(code: str) -> Catalog:
    with po_path(code).open("rb") as handle:
        return read_po(handle, locale=code)


def write(code: str, catalog: Catalog) -> None:
    """Write a catalog with the kit's own header (no template placeholders)."""
    catalog.project, catalog.version = "JourneyKit", __version__
    catalog.copyright_holder = "the JourneyKit project"
    catalog.msgid_bugs_address = ""
    catalog.last_translator = catalog.language_team = f"JourneyKit {LANGUAGES[code]}"
    catalog.header_comment = (
        f"# JourneyKit messages in {LANGUAGES[code]} ({code}).\n"
        "# Translate each msgstr; keep every {placeholder} as it is.\n"
        "# `python -m journeykit.i18n.catalogs` lists what is missing or stale."
    )
    catalog.fuzzy = False
    catalog.revision_date = catalog.creation_date
    po_path(code).parent.mkdir(parents=True, exist_ok=True)
    with po_path(code).open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=False, include_previous=False)


def placeholders(text: str) -> set[str]:
    """The names a message fills in ({team}, {count}, {value!r} ...), which a translation
    must keep."""
    return {p.split("!")[0].split(":")[0] for p in PLACEHOLDER.findall(text)}


@dataclass(frozen=True)
class Problem:
    language: str
    message: str
    what: str

    def __str__(self) -> str:
        return f"{self.language}: {self.what}: {self.message!r}"


def _forms(message: object) -> tuple[str, ...]:
    if isinstance(message, str):
        return (message,)
    return tuple(message or ())  # type: ignore[arg-type]


def problems(template: Catalog | None = None) -> Iterator[Problem]:
    """What stands between each catalog and a complete, current translation."""
    template = template or extract()
    wanted = {m.id: m for m in template if m.id}
    for code in LANGUAGES:
        if code == SOURCE:
            continue
        if not po_path(code).exists():
            yield Problem(code, str(po_path(code)), "no catalog")
            continue
        catalog = read(code)
        have = {m.id: m for m in catalog if m.id}
        for key, message in wanted.items():
            found = have.get(key)
            texts = _forms(found.string) if found else ()
            if found is None or not texts or not all(texts):
                yield Problem(code, str(key), "not translated")
            elif found.fuzzy:
                yield Problem(code, str(key), "marked fuzzy (check it, then drop the mark)")
            else:
                source = _forms(message.id)
                if any(placeholders(t) != placeholders(source[-1]) for t in texts):
                    yield Problem(code, str(key), "placeholders differ from the English")
        for key in have.keys() - wanted.keys():
            yield Problem(code, str(key), "no longer in the code (stale)")


def update() -> None:
    """Bring every catalog in step with the code: new messages added empty, old ones dropped,
    translations kept."""
    template = extract()
    for code in LANGUAGES:
        if code == SOURCE:
            continue
        catalog = read(code) if po_path(code).exists() else Catalog(locale=code, domain=DOMAIN)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        write(code, catalog)


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        update()
    found = list(problems())
    for problem in found:
        print(problem)
    print(f"{len(found)} problems in {len(LANGUAGES) - 1} catalogs")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
