"""Reading a file a person named on the command line or in a form: a path that is not a
readable file is refused with what to check, in the reader's language (never a traceback)."""

from __future__ import annotations

from pathlib import Path

from journeykit.errors import ReadError
from journeykit.i18n import _


def file_bytes(path: Path) -> bytes:
    """The file, read whole. Refused: a path that is not there, a folder given for the file
    in it, a file this account may not read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ReadError(_("{path}: no such file: check the path").format(path=path)) from None
    except IsADirectoryError:
        raise ReadError(
            _("{path} is a folder: give the file in it (the export itself)").format(path=path)
        ) from None
    except PermissionError:
        raise ReadError(
            _("{path}: this account may not read it: check its permissions").format(path=path)
        ) from None
