"""Interview notes: a table of notes (coded or not) or written text, one interview per file
(Markdown or plain text), in any of the four languages."""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pydantic import ValidationError

from journeykit.errors import EvidenceImportError, ReadError
from journeykit.evidence import cells
from journeykit.evidence.columns import (
    INTERVIEW_FIELDS,
    REQUIRED,
    match_columns,
    normalise,
)
from journeykit.evidence.reading import RawTable, decode, read_table, unpack
from journeykit.evidence.report import Checker, ImportReport
from journeykit.i18n import LANGUAGES, _, language
from journeykit.model import InterviewNote, Workspace, label, make_id

TAG_WORDS = {
    "pain_point": ("pain point", "pain", "problem", "frustration", "complaint", "issue"),
    "need": ("need", "want", "wish", "request", "expectation"),
    "delight": ("delight", "positive", "praise", "love", "wow", "compliment"),
}


def _none(value: Any) -> Any:
    """A missing cell as None (pandas may hold it as NaN)."""
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else value


@functools.cache
def tag_words() -> dict[str, str]:
    """Every word a coder may write for a tag, in any of the kit's languages (the label the
    page shows in each, and English synonyms), to the tag it means."""
    words = {normalise(w): tag for tag, synonyms in TAG_WORDS.items() for w in (tag, *synonyms)}
    for code in LANGUAGES:
        with language(code):
            for tag in TAG_WORDS:
                words.setdefault(normalise(label(tag)), tag)
    return words


def _tags(value: str) -> tuple[list[str], list[str]]:
    """The kit's tags (pain point, need, delight, in any of its languages) among a cell's
    tags, and the others as the note's themes: a research tool's tags ("onboarding",
    "pricing") are the codes a team gave its notes, not a mistake."""
    tags: list[str] = []
    themes: list[str] = []
    for part in re.split(r"[,;|/،]", value):
        key = normalise(part)
        if not key:
            continue
        tag = tag_words().get(key)
        if tag is None:
            if part.strip() not in themes:
                themes.append(part.strip())
        elif tag not in tags:
            tags.append(tag)
    return tags, themes


def parse_interviews(
    table: RawTable,
    workspace: Workspace,
    columns: Mapping[str, str] | None = None,
    dates: str = "",
) -> tuple[list[InterviewNote], ImportReport]:
    """Interview notes as model items, checked one by one, with the report."""
    frame, match = cells.prepare(table, "interviews", columns, workspace)
    told: list[str] = []
    check = Checker(frame, cells.offset(table))
    known = cells.known(workspace)
    unknown: dict[str, dict[str, list[str]]] = {}
    refs = cells.references(check, frame, match, known, unknown)
    read = cells.text(frame, match, "tags").map(_tags)
    tags, themes = read.str[0], read.str[1]
    coded = sorted({t for found in themes for t in found})
    if coded:
        told.append(
            _("tags kept as the notes' themes: {themes}").format(themes=cells.listed(coded))
        )
    emotion_text = cells.text(frame, match, "emotion")
    emotion = cells.numbers(emotion_text)
    check.refuse(
        emotion.isna() & (emotion_text != ""),
        match.columns.get("emotion", "emotion"),
        emotion_text,
        _("emotion is a whole number from -3 to +3"),
    )
    when = cells.times(cells.text(frame, match, "date"), dates, told)
    ids = cells.fallback_ids(cells.text(frame, match, "id"), table)
    interviewees = cells.text(frame, match, "interviewee")
    texts = cells.text(frame, match, "text")
    notes: list[InterviewNote] = []
    existing = {n.id for n in workspace.interviews}
    for position, index in enumerate(frame.index):
        if check.bad[index]:
            continue
        fields = {
            "id": ids[index],
            "interviewee": interviewees[index],
            "date": None if pd.isna(when[index]) else when[index].date(),
            **{what: _none(refs[what][index]) for what in ("persona", "stage", "touchpoint")},
            "text": texts[index],
            "tags": tags[index],
            "themes": themes[index],
            "emotion": None if pd.isna(emotion[index]) else int(emotion[index]),
        }
        one = pd.Series(False, index=frame.index)
        one.iloc[position] = True
        if fields["id"] in existing:
            check.refuse(
                one,
                match.columns.get("id", "id"),
                ids,
                _("a note with this id is already stored: it may have been imported before"),
            )
            continue
        try:
            notes.append(InterviewNote(**fields))
        except ValidationError as err:
            problem = err.errors()[0]
            name = str(problem["loc"][0]) if problem["loc"] else "row"
            column = match.columns.get(name, name)
            value = str(fields.get(name, ""))
            check.refuse(
                one,
                column,
                pd.Series(value, index=frame.index),
                problem["msg"].removeprefix("Value error, "),
            )
    report = cells.start_report(table, "interviews", match, check, len(table.frame))
    report.notes.extend(told)
    report.unknown = unknown
    return notes, report


PROSE_SUFFIXES = (".md", ".markdown", ".txt")
HEADER_LINE = re.compile(r"^\s*([^\W\d_][\w \-]{0,30}?)\s*:\s*(.+?)\s*$")


def is_prose(data: bytes, name: str, columns: Mapping[str, str] | None) -> bool:
    """Whether an interview file is written text (one interview: Markdown or plain text, or
    a zip of such files) rather than a table of notes."""
    try:
        inner, inner_name, _packed = unpack(data, name)
    except ReadError:
        return _zip_of_prose(data)
    if Path(inner_name).suffix.lower() not in PROSE_SUFFIXES:
        return False
    if Path(inner_name).suffix.lower() != ".txt":
        return True
    try:
        table = read_table(inner, inner_name)
    except ReadError:
        return True
    match = match_columns(table.frame.columns, "interviews", columns)
    return not all(f in match.columns for f in REQUIRED["interviews"])


def _zip_of_prose(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [m for m in archive.namelist() if not m.endswith("/")]
    except (zipfile.BadZipFile, OSError):
        return False
    return bool(names) and all(Path(m).suffix.lower() in PROSE_SUFFIXES for m in names)


def prose_notes(text: str, name: str) -> list[dict[str, str]]:
    """One interview written as text: header lines such as "Interviewee: Anna" and "Date:
    2026-03-01" (in any of the four languages) at the top, then one note per paragraph
    (Markdown headings and list marks dropped). Who said it defaults to the file's name."""
    who_words = {normalise(n) for n in INTERVIEW_FIELDS["interviewee"][0]}
    who_words |= {"name", "név", "имя", "نام", "ügyfél", "клиент", "مشتری", "interjúalany"}
    date_words = {normalise(n) for n in INTERVIEW_FIELDS["date"][0]}
    date_words |= {"dátum", "дата", "تاریخ"}
    who, when = Path(name).stem, ""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[0].strip() == "---":  # Markdown front matter
        end = next((k for k in range(1, len(lines)) if lines[k].strip() == "---"), 0)
        header, lines = lines[1:end], lines[end + 1 :]
    else:
        header = []
        while lines and (not lines[0].strip() or lines[0].lstrip().startswith("#")):
            lines = lines[1:]
        while lines and HEADER_LINE.match(lines[0]):
            header.append(lines[0])
            lines = lines[1:]
    for line in header:
        found = HEADER_LINE.match(line)
        if not found:
            continue
        key, value = normalise(found.group(1)), found.group(2)
        if key in who_words:
            who = value
        elif key in date_words:
            when = value
    notes, paragraph = [], []
    for line in [*lines, ""]:
        stripped = line.strip()
        if stripped.startswith("#"):
            stripped = ""
        stripped = re.sub(r"^([-*+]|\d+[.)])\s+", "", stripped)
        if stripped:
            paragraph.append(stripped)
        elif paragraph:
            notes.append(" ".join(paragraph))
            paragraph = []
    return [{"interviewee": who, "date": when, "text": n} for n in notes]


def read_prose(data: bytes, name: str, encoding: str | None) -> RawTable:
    files: list[tuple[str, bytes]] = []
    if data.startswith(b"PK\x03\x04") and _zip_of_prose(data):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in sorted(m for m in archive.namelist() if not m.endswith("/")):
                files.append((Path(member).name, archive.read(member)))
    else:
        try:
            inner, inner_name, _packed = unpack(data, name)
        except ReadError as err:
            raise EvidenceImportError(str(err)) from None
        files.append((inner_name, inner))
    rows: list[dict[str, str]] = []
    used = ""
    for file_name, content in files:
        try:
            text, used = decode(content, file_name, encoding)
        except ReadError as err:
            raise EvidenceImportError(str(err)) from None
        for number, note in enumerate(prose_notes(text.lstrip("\ufeff"), file_name), 1):
            note["id"] = f"{make_id(Path(file_name).stem, fallback='note')}-{number}"
            rows.append(note)
    if not rows:
        raise EvidenceImportError(
            _("{name}: no text found: write one paragraph per note").format(name=name)
        )
    frame = pd.DataFrame(rows, columns=["id", "interviewee", "date", "text"])
    return RawTable(name=name, frame=frame, format="text", encoding=used)
