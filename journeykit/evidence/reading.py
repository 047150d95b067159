"""Reading tables as people really export them: CSV in any common encoding and delimiter,
Excel workbooks and JSON, into a frame of text cells that the importer then interprets."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from journeykit.errors import ReadError
from journeykit.files import file_bytes
from journeykit.i18n import _, format_number

LEGACY_ENCODINGS = ("cp1252", "cp1250", "cp1251", "cp1256", "koi8_r", "mac_roman")
"""Code pages a survey tool or spreadsheet writes: Windows Western, Central European
(Hungarian, Polish, Czech), Cyrillic and Arabic/Persian, KOI8-R and Mac Roman. The first
that reads as natural text wins, in this order on a tie."""
RARE_LETTERS = frozenset("õÕûÛðÐþÞ¤¦¨´¸¬¯")
"""Letters and signs real text seldom holds but a wrong Western reading of Central European
bytes makes ("Őszintén" read as Windows-1252 is "Õszintén")."""
MAX_COLUMNS = 1_000
"""Columns in one file: survey tools write a few hundred at most."""
MAX_UNPACKED = 512 * 1024 * 1024
"""The most a compressed file may unpack to: a survey export is far smaller, a zip bomb not."""
DELIMITERS = ",;\t|"
DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
"""Persian and Arabic-Indic digits to ASCII, so '۹' is read as 9."""


DtypeChooser = Callable[[list[str]], dict[str, str]]
"""Headers -> {header: a pandas dtype, or DATES} for the columns to read as such."""
DATES = "dates"
"""What a chooser answers for a column of dates: read as dates where the first rows are
plain ISO 8601 (a third quicker than reading the text of a million dates and parsing it
after); anything else stays text, for the importer's full reading."""
PLAIN_YEARS = (np.datetime64("1900-01-01", "s"), np.datetime64("2200-01-01", "s"))
"""The years read as dates on sight; the importer's full reading takes the rest (and a
Persian year such as 1404 written in ISO form among them)."""


def plain_years(stamps: np.ndarray) -> bool:
    """Whether every date is there (none NaT) and within PLAIN_YEARS."""
    low, high = PLAIN_YEARS
    return not np.isnat(stamps).any() and bool(((stamps >= low) & (stamps < high)).all())


def plain_iso(values: pd.Series) -> pd.Series | None:
    """The common column, every cell filled with an ISO 8601 date and time without a time zone
    (as survey tools export), read by numpy's own ISO parser: a third of pandas' time on a
    million cells. Read to the second, as the store keeps times (TIME_FORMAT). None for
    anything else (a blank cell, a zone, another form, a Jalali year), which the full reading
    in `cells.times` handles."""
    if not (pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy only warns about a time zone it drops
        try:
            # whole seconds: numpy also reads a bare number as a year ("1772359200"), and
            # only at this unit does such a year stay itself (far out of PLAIN_YEARS) instead
            # of wrapping around into any date
            stamps = values.to_numpy(dtype=object).astype("datetime64[s]")
        except (ValueError, TypeError, UserWarning, DeprecationWarning):
            return None
    if not plain_years(stamps):  # a Jalali year written in ISO form falls outside
        return None
    return pd.Series(stamps.astype("datetime64[us]"), index=values.index)


def _plain_dates(values: pd.Series) -> bool:
    """Whether a column of the first rows is text in plain ISO 8601 without a time zone
    (blanks allowed): `plain_iso`, the importer's own quick reading, is sure of it."""
    filled = values.dropna()
    return not filled.empty and plain_iso(filled) is not None


@dataclass(frozen=True)
class RawTable:
    """A table as text cells, with how it was read (shown in the import report)."""

    name: str
    frame: pd.DataFrame
    format: str
    encoding: str = ""
    delimiter: str = ""
    titles: dict[str, str] = field(default_factory=dict)
    """Column -> the question text a second header row gives it (Qualtrics, SurveyMonkey)."""
    header_rows: int = 1
    """Rows of headers above the data (1, or 2-3 in some survey tools' exports)."""


def script_of(ch: str) -> str:
    """A letter's script: 'LATIN', 'CYRILLIC', 'ARABIC' or 'OTHER' (what the encoding judge
    and the theme suggestions tell apart)."""
    name = unicodedata.name(ch, "")
    for script in ("LATIN", "CYRILLIC", "ARABIC"):
        if name.startswith(script):
            return script
    return "OTHER"


def _natural(word: str) -> bool:
    """Whether a word with non-ASCII letters looks like real text in one script."""
    scripts = {script_of(c) for c in word if not c.isascii()}
    if len(scripts) != 1:
        return False
    script = scripts.pop()
    if script == "LATIN":
        if any(c in RARE_LETTERS for c in word):
            return False
        # a capital inside a word, after a small letter, is a misread byte ("CafŽ")
        if any(b.isupper() and not b.isascii() and a.islower() for a, b in pairwise(word)):
            return False
        # a word of one or two letters may be all accents (Hungarian "ő", French "où")
        return len(word) <= 2 or sum(c.isascii() for c in word) * 2 >= len(word)
    if script == "CYRILLIC":
        if any(c.isascii() for c in word):
            return False
        return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())
    return script == "ARABIC" and not any(c.isascii() for c in word)


def plausibility(text: str) -> float:
    """Share of non-ASCII words that read as natural text (1.0 when there are none), less the
    share of control, private and symbol characters (box drawing, where letters were meant)."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if not w.isascii()]
    odd = sum(unicodedata.category(c) in ("Cc", "Co", "So") for c in text if c not in "\r\n\t")
    natural = sum(map(_natural, words)) / len(words) if words else 1.0
    return natural - odd / max(len(text), 1)


def decode(
    data: bytes, name: str, encoding: str | None = None, partial: bool = False
) -> tuple[str, str]:
    """Text and the encoding it was read with: BOM, then UTF-8, then the likeliest code page.

    With `partial`, `data` is the start of a longer file and may end inside a character.
    """
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as err:
            raise ReadError(
                _("{name}: cannot be read as {encoding}: {err}").format(
                    name=name, encoding=encoding, err=err
                )
            ) from None
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if len(data) >= 4 and data[1:4:2] == b"\x00\x00" and data[0:4:2] != b"\x00\x00":
        return _utf16(data, "utf-16-le", partial), "utf-16-le"
    if len(data) >= 4 and data[0:4:2] == b"\x00\x00" and data[1:4:2] != b"\x00\x00":
        return _utf16(data, "utf-16-be", partial), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        if partial and err.start >= len(data) - 3:  # a character cut at the end of a sample
            return data[: err.start].decode("utf-8"), "utf-8"
    best: tuple[float, str, str] | None = None
    for candidate in _candidates(data):
        try:
            text = data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
        score = plausibility(text)
        if best is None or score > best[0]:
            best = (score, text, candidate)
    if best is None:
        raise ReadError(
            _(
                "{name}: not text in UTF-8, UTF-16 or a known code page: save it as CSV "
                "UTF-8 or give the encoding"
            ).format(name=name)
        )
    return best[1], best[2]


def _utf16(data: bytes, encoding: str, partial: bool) -> str:
    if partial and len(data) % 2:
        data = data[:-1]
    return data.decode(encoding, errors="strict")


def _candidates(data: bytes) -> list[str]:
    """The code pages to try: the kit's list, and charset-normalizer's guess where it is
    another (it reads byte statistics; the kit's own judge of natural text then chooses)."""
    from charset_normalizer import from_bytes

    found = from_bytes(data[:65_536]).best()
    guess = found.encoding if found is not None else None
    return [*LEGACY_ENCODINGS, *([guess] if guess and guess not in LEGACY_ENCODINGS else [])]


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most equal, widest rows."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    if not lines:
        return ","
    best, best_score = ",", (-1, 0)
    for delimiter in DELIMITERS:
        widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        if max(widths) < 2:
            continue
        modal = max(set(widths), key=widths.count)
        score = (widths.count(modal), modal)
        if score > best_score:
            best, best_score = delimiter, score
    return best


SAMPLE_ROWS = 500


def _spaced(text: str, delimiter: str) -> bool:
    """Whether the first lines put a space after the delimiter ("a, b"), outside quotes."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    return any(
        cell[:1] == " " for row in csv.reader(lines, delimiter=delimiter) for cell in row[1:]
    )


def _csv(
    data: bytes,
    text_head: str,
    encoding: str,
    name: str,
    delimiter: str | None,
    dtypes: DtypeChooser | None,
) -> tuple[pd.DataFrame, str]:
    delimiter = delimiter or sniff_delimiter(text_head)
    options = {
        "sep": delimiter,
        "encoding": encoding,
        "keep_default_na": False,
        "na_values": [""],
        "skip_blank_lines": True,
        # Only where the file writes "a, b": skipping costs a tenth of the read on big files.
        "skipinitialspace": _spaced(text_head, delimiter),
    }
    try:
        head = pd.read_csv(io.BytesIO(data), nrows=SAMPLE_ROWS, **options)
        chosen = dtypes([str(c) for c in head.columns]) if dtypes is not None else {}
        dates = [c for c, t in chosen.items() if t == DATES and c in head]
        dates = [c for c in dates if _plain_dates(head[c])]
        chosen = {c: t for c, t in chosen.items() if t != DATES}
        # Columns of decimals in the first rows are read as such: guessing costs a sixth of
        # the read. A later cell that is not a number (a label, "1,5") means reading again.
        hinted = {c: "float64" for c in head.columns if head[c].dtype == "float64"}
        # Text as plain objects: pandas' string array checks every cell again after reading
        # (an eighth of the read of a million rows); the cells are the same strings.
        hinted.update({c: "object" for c in head.columns if pd.api.types.is_string_dtype(head[c])})
        hinted = {c: t for c, t in hinted.items() if c not in dates}
        if dates:
            options |= {"parse_dates": dates, "date_format": "ISO8601"}
        try:
            frame = pd.read_csv(io.BytesIO(data), dtype={**hinted, **chosen} or None, **options)
        except ValueError:
            if not hinted:
                raise
            frame = pd.read_csv(io.BytesIO(data), dtype=chosen or None, **options)
        for c in dates:
            frame[c] = _dates_or_text(frame, c, data, options)
    except pd.errors.EmptyDataError:
        raise ReadError(
            _("{name}: the file is empty: export the table again").format(name=name)
        ) from None
    except (ValueError, csv.Error) as err:  # ParserError and UnicodeDecodeError among them
        raise ReadError(
            _("{name}: not a readable table ({err}): check the delimiter").format(
                name=name, err=err
            )
        ) from None
    return frame, delimiter


def _dates_or_text(
    frame: pd.DataFrame, column: str, data: bytes, options: dict[str, Any]
) -> pd.Series:
    """A column read as dates, or as the text the file holds where a later row is not a
    plain ISO date (pandas then leaves the column as read) or its years are not plain (read
    again, as text, so the importer can tell a Persian year from a Gregorian one)."""
    values = frame[column]
    if pd.api.types.is_datetime64_dtype(values):
        stamps = values.to_numpy(dtype="datetime64[s]")
        if plain_years(stamps[~np.isnat(stamps)]):
            return values
        at = [str(c) for c in frame.columns].index(column)
        text = {k: v for k, v in options.items() if k not in ("parse_dates", "date_format")}
        values = pd.read_csv(io.BytesIO(data), usecols=[at], dtype=object, **text).iloc[:, 0]
    return values.astype(object)


def _json(text: str, name: str) -> pd.DataFrame:
    try:
        data = json.loads(text)
    except RecursionError:
        raise ReadError(
            _("{name}: nested too deeply to be a table: export the records as a list").format(
                name=name
            )
        ) from None
    except json.JSONDecodeError as err:
        data = _json_lines(text, name) if err.msg == "Extra data" else None
        if data is None:
            raise ReadError(
                _("{name}: line {lineno}, column {colno}: not valid JSON ({msg})").format(
                    name=name, lineno=err.lineno, colno=err.colno, msg=err.msg
                )
            ) from None
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        data = lists[0] if len(lists) == 1 else [data]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ReadError(
            _(
                "{name}: expected a list of objects (one per row), or an object holding one "
                "such list"
            ).format(name=name)
        )
    frame = pd.json_normalize(data, sep=".")
    frame.columns = _leaf_names([str(c) for c in frame.columns])
    return frame.map(
        lambda v: "" if v is None or v != v else v if isinstance(v, str) else json.dumps(v)
    )


def _json_lines(text: str, name: str) -> list[Any] | None:
    """Records one per line (JSON Lines: how Mixpanel, Amplitude and Segment export events);
    None when the first line is not a JSON object (then the file is not JSON Lines at all)."""
    records: list[Any] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            if not records:
                return None
            raise ReadError(
                _("{name}: line {lineno}, column {colno}: not valid JSON ({msg})").format(
                    name=name, lineno=number, colno=err.colno, msg=err.msg
                )
            ) from None
        except RecursionError:
            return None
        if not isinstance(record, dict):
            return None
        records.append(record)
    return records


def _leaf_names(columns: list[str]) -> list[str]:
    """Nested fields without the object that wraps them where no other column has that name
    ("properties.time" is "time", as Mixpanel nests everything under "properties"; Segment's
    "context.os.name" is "os.name"), else by their whole path."""
    leaves = [c.split(".", 1)[-1] for c in columns]
    return [
        leaf if leaves.count(leaf) == 1 and (leaf == c or leaf not in columns) else c
        for c, leaf in zip(columns, leaves, strict=True)
    ]


def _excel(data: bytes, name: str, engine: str = "openpyxl") -> pd.DataFrame:
    try:  # a workbook is a zip: what it says it unpacks to, before anything is unpacked
        unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except zipfile.BadZipFile:
        unpacked = 0  # not a zip at all: the reader below says what is wrong
    if unpacked > MAX_UNPACKED:
        raise _too_big(name)
    try:
        sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, dtype=str, engine=engine)
    except Exception as err:  # openpyxl raises many kinds on a damaged file
        raise ReadError(
            _("{name}: not a readable Excel or ODS workbook ({err})").format(name=name, err=err)
        ) from None
    filled = [frame for frame in sheets.values() if not frame.empty]
    if not filled:
        raise ReadError(_("{name}: every sheet is empty").format(name=name))
    return filled[0].fillna("")


SURVEYMONKEY_CELLS = frozenset({"Response", "Open-Ended Response"})


def header_rows(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str], int]:
    """The data below any further header rows, each column's question text from them, and how
    many header rows there were in all.

    Qualtrics writes three: question ids (the header), question texts, and import ids as JSON.
    SurveyMonkey writes two: the question over its columns (left blank over the second and
    later columns of one question) and under it "Response" or each option's name; the
    columns are named "question - option" (so a rating per touchpoint reads as a wide table).
    """
    if len(frame) < 1 or frame.shape[1] == 0:
        return frame, {}, 1
    first = [str(v).strip() if pd.notna(v) else "" for v in frame.iloc[0]]
    if len(frame) >= 2:
        second = [str(v).strip() if pd.notna(v) else "" for v in frame.iloc[1]]
        filled = [v for v in second if v]
        if filled and sum(v.startswith('{"ImportId"') for v in filled) * 2 >= len(filled):
            titles = {str(c): t for c, t in zip(frame.columns, first, strict=True) if t}
            return frame.iloc[2:].reset_index(drop=True), titles, 3
    blank_headers = [str(c).startswith("Unnamed:") for c in frame.columns]
    if any(v in SURVEYMONKEY_CELLS for v in first) and not first[0]:
        names: list[str] = []
        question = ""
        for column, blank, sub in zip(frame.columns, blank_headers, first, strict=True):
            question = question if blank and question else str(column)
            name = question if sub in SURVEYMONKEY_CELLS or not sub else f"{question} - {sub}"
            while name in names:
                name += " "
            names.append(name)
        data = frame.iloc[1:].reset_index(drop=True)
        data.columns = names
        return data, {}, 2
    return frame, {}, 1


WORKBOOKS = (".xlsx", ".xlsm", ".ods")
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".json", ".jsonl", ".ndjson", *WORKBOOKS)


def _too_big(name: str) -> ReadError:
    return ReadError(
        _("{name}: unpacks to more than {size} MB: split the export").format(
            name=name, size=MAX_UNPACKED // 1024 // 1024
        )
    )


def unpack(data: bytes, name: str) -> tuple[bytes, str, str]:
    """The table inside a compressed file (`.csv.gz`, or a zip holding one table), its name and
    how it was packed ("" when it was not); a workbook (XLSX, ODS) is itself a zip and stays."""
    if data.startswith(b"\x1f\x8b"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as packed:
                inner = packed.read(MAX_UNPACKED + 1)
        except (OSError, EOFError) as err:
            raise ReadError(
                _("{name}: a damaged gzip file ({err}): compress it again").format(
                    name=name, err=err
                )
            ) from None
        if len(inner) > MAX_UNPACKED:
            raise _too_big(name)
        return inner, name.removesuffix(".gz").removesuffix(".GZ"), "gzip"
    if not data.startswith(b"PK\x03\x04") or Path(name).suffix.lower() in WORKBOOKS:
        return data, name, ""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.namelist()
        if "[Content_Types].xml" in members or "mimetype" in members:
            return data, name, ""  # a workbook
        tables = [
            m
            for m in members
            if Path(m).suffix.lower() in TABLE_SUFFIXES
            and not m.endswith("/")
            and not m.startswith("__MACOSX/")
        ]
        if len(tables) != 1:
            raise ReadError(
                _(
                    "{name}: a zip file should hold one table (CSV, Excel, ODS or JSON); it holds "
                    "{members}: unpack it and import the table"
                ).format(name=name, members=", ".join(tables or members) or "-")
            )
        with archive.open(tables[0]) as packed:
            inner = packed.read(MAX_UNPACKED + 1)
    except (zipfile.BadZipFile, OSError, EOFError) as err:
        raise ReadError(
            _("{name}: a damaged zip file ({err}): compress it again").format(name=name, err=err)
        ) from None
    if len(inner) > MAX_UNPACKED:
        raise _too_big(name)
    return inner, Path(tables[0]).name, "zip"


def read_table(
    data: bytes,
    name: str,
    encoding: str | None = None,
    delimiter: str | None = None,
    dtypes: DtypeChooser | None = None,
) -> RawTable:
    """A table from the bytes of a CSV, TSV, TXT, XLSX, ODS or JSON file, or of one of them
    compressed (gzip, or alone in a zip).

    Columns the reader can type as numbers come as numbers, the rest as text; a blank cell is
    missing (NaN), and text such as "NA" stays text. For CSV, `dtypes` may choose types from
    the header (say 'category' for a column of a few repeated names: much faster to read).
    """
    if len(data) > MAX_UNPACKED:
        raise ReadError(
            _(
                "{name}: {size} MB, more than the {most} MB a file may have: split the export"
            ).format(name=name, size=len(data) // 1024 // 1024, most=MAX_UNPACKED // 1024 // 1024)
        )
    data, inner, packed = unpack(data, name)
    suffix = Path(inner).suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        ods = suffix == ".ods" or b"opendocument.spreadsheet" in data[:200]
        frame, used, delim = _excel(data, name, "odf" if ods else "openpyxl"), "", ""
        fmt = "ods" if ods else "excel"
    else:
        head, used = decode(data[:65_536], name, encoding, partial=len(data) > 65_536)
        head = head.lstrip("\ufeff")
        if suffix in (".json", ".jsonl", ".ndjson") or head.lstrip()[:1] in ("[", "{"):
            text, used = decode(data, name, encoding)
            frame, fmt, delim = _json(text.lstrip("\ufeff"), name), "json", ""
        else:
            # pandas decodes plain UTF-8 in C but "utf-8-sig" in Python: drop the BOM here.
            body, reader_encoding = (data[3:], "utf-8") if used == "utf-8-sig" else (data, used)
            try:
                frame, delim = _csv(body, head, reader_encoding, name, delimiter, dtypes)
            except ReadError:
                if used != "utf-8" or encoding:
                    raise
                # Valid UTF-8 at the start only: judge the encoding on the whole file.
                _text, used = decode(data, name, encoding)
                frame, delim = _csv(data, head, used, name, delimiter, dtypes)
            fmt = "csv"
    if frame.shape[1] > MAX_COLUMNS:
        raise ReadError(
            _(
                "{name}: {count} columns: an export for the kit has at most {most}; leave out "
                "the columns you do not need"
            ).format(
                name=name, count=format_number(frame.shape[1]), most=format_number(MAX_COLUMNS)
            )
        )
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    if not isinstance(frame.index, pd.RangeIndex) or frame.index.start != 0:
        frame = frame.reset_index(drop=True)
    if packed:
        fmt = f"{fmt} ({packed})"
    frame, titles, rows = header_rows(frame)
    return RawTable(
        name=name,
        frame=frame,
        format=fmt,
        encoding=used,
        delimiter=delim,
        titles=titles,
        header_rows=rows,
    )


def read_path(path: Path, encoding: str | None = None) -> RawTable:
    return read_table(file_bytes(path), path.name, encoding)


def to_number(text: str) -> float | None:
    """A number from a cell: Persian digits, decimal commas and spaces allowed; None if blank.

    Raises ValueError when the cell holds something else.
    """
    cleaned = text.translate(DIGITS).replace("\u066b", ".").replace("\u00a0", "").strip()
    if not cleaned:
        return None
    if re.fullmatch(r"[+-]?\d+,\d+", cleaned):
        cleaned = cleaned.replace(",", ".")
    return float(cleaned)
