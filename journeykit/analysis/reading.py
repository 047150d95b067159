"""Reading tables as people really export them: CSV in any common encoding and delimiter,
Excel workbooks and JSON, into a frame of text cells that the importer then interprets."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from journeykit.i18n import _

LEGACY_ENCODINGS = ("cp1252", "cp1251", "cp1256")
"""Windows code pages a survey tool or spreadsheet writes: Western, Cyrillic, Arabic/Persian."""
DELIMITERS = ",;\t|"
DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
"""Persian and Arabic-Indic digits to ASCII, so '۹' is read as 9."""


DtypeChooser = Callable[[list[str]], dict[str, str]]


class ReadError(ValueError):
    """A file that cannot be read as a table; the message names the file and the fix."""


@dataclass(frozen=True)
class RawTable:
    """A table as text cells, with how it was read (shown in the import report)."""

    name: str
    frame: pd.DataFrame
    format: str
    encoding: str = ""
    delimiter: str = ""


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    for script in ("LATIN", "CYRILLIC", "ARABIC"):
        if name.startswith(script):
            return script
    return "OTHER"


def _natural(word: str) -> bool:
    """Whether a word with non-ASCII letters looks like real text in one script."""
    scripts = {_script(c) for c in word if not c.isascii()}
    if len(scripts) != 1:
        return False
    script = scripts.pop()
    if script == "LATIN":
        return sum(c.isascii() for c in word) * 2 >= len(word)
    if script == "CYRILLIC":
        if any(c.isascii() for c in word):
            return False
        return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())
    return script == "ARABIC" and not any(c.isascii() for c in word)


def plausibility(text: str) -> float:
    """Share of non-ASCII words that read as natural text; 1.0 when there are none."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if not w.isascii()]
    if not words:
        return 1.0
    odd = sum(unicodedata.category(c) in ("Cc", "Co", "So") for c in text if c not in "\r\n\t")
    return sum(map(_natural, words)) / len(words) - odd / max(len(text), 1)


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
        return data.decode("utf-16-le"), "utf-16-le"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        if partial and err.start >= len(data) - 3:  # a character cut at the end of a sample
            return data[: err.start].decode("utf-8"), "utf-8"
    best: tuple[float, str, str] | None = None
    for candidate in LEGACY_ENCODINGS:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if best is None or score > best[0]:
            best = (score, text, candidate)
    if best is None:
        raise ReadError(
            _(
                "{name}: not text in UTF-8, UTF-16 or Windows-1252/1251/1256: save it as CSV "
                "UTF-8 or give the encoding"
            ).format(name=name)
        )
    return best[1], best[2]


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
        # Columns of decimals in the first rows are read as such: guessing costs a sixth of
        # the read. A later cell that is not a number (a label, "1,5") means reading again.
        hinted = {c: "float64" for c in head.columns if head[c].dtype == "float64"}
        try:
            frame = pd.read_csv(io.BytesIO(data), dtype={**hinted, **chosen} or None, **options)
        except ValueError:
            if not hinted:
                raise
            frame = pd.read_csv(io.BytesIO(data), dtype=chosen or None, **options)
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


def _json(text: str, name: str) -> pd.DataFrame:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
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
    frame = pd.DataFrame.from_records(data)
    return frame.map(lambda v: "" if v is None else v if isinstance(v, str) else json.dumps(v))


def _excel(data: bytes, name: str) -> pd.DataFrame:
    try:
        sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, dtype=str, engine="openpyxl")
    except Exception as err:  # openpyxl raises many kinds on a damaged file
        raise ReadError(
            _("{name}: not a readable Excel workbook ({err})").format(name=name, err=err)
        ) from None
    filled = [frame for frame in sheets.values() if not frame.empty]
    if not filled:
        raise ReadError(_("{name}: every sheet is empty").format(name=name))
    return filled[0].fillna("")


def read_table(
    data: bytes,
    name: str,
    encoding: str | None = None,
    delimiter: str | None = None,
    dtypes: DtypeChooser | None = None,
) -> RawTable:
    """A table from the bytes of a CSV, TSV, TXT, XLSX or JSON file.

    Columns the reader can type as numbers come as numbers, the rest as text; a blank cell is
    missing (NaN), and text such as "NA" stays text. For CSV, `dtypes` may choose types from
    the header (say 'category' for a column of a few repeated names: much faster to read).
    """
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm") or data.startswith(b"PK\x03\x04"):
        frame, fmt, used, delim = _excel(data, name), "excel", "", ""
    else:
        head, used = decode(data[:65_536], name, encoding, partial=len(data) > 65_536)
        head = head.lstrip("\ufeff")
        if suffix == ".json" or head.lstrip()[:1] in ("[", "{"):
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
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    if not isinstance(frame.index, pd.RangeIndex) or frame.index.start != 0:
        frame = frame.reset_index(drop=True)
    return RawTable(name=name, frame=frame, format=fmt, encoding=used, delimiter=delim)


def read_path(path: Path, encoding: str | None = None) -> RawTable:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(_("{path}: no such file: check the path").format(path=path)) from None
    return read_table(data, path.name, encoding)


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
