"""What the kit refuses, as one family of errors: every message says what is wrong, where,
and how to go on, in the reader's language. A page, the command line and an export catch
`JourneyKitError` and show its message; anything else is a defect.

    JourneyKitError
    ├── InputError          a value a person gave cannot be used (an option, a name, a file)
    │   ├── ReadError           a file that cannot be read, or not as a table
    │   ├── EvidenceImportError an export whose columns cannot be matched
    │   └── EvidenceError       rows the store's rules refuse
    ├── StoreError          the store refuses a request
    │   ├── NotFoundError       no such team or item
    │   └── ConflictError       changed since the copy an edit was based on
    └── ServerError         a server the kit starts did not start or answer

Input errors are also `ValueError`s, so code that checks values the Python way catches them.
This module imports nothing: every layer may raise them.
"""

from __future__ import annotations


class JourneyKitError(Exception):
    """A request the kit refuses; the message says what is wrong and how to go on."""


class InputError(JourneyKitError, ValueError):
    """A value a person gave (an option, a name, an answer, a file) cannot be used."""


class ReadError(InputError):
    """A file that cannot be read as a table: the message names the file and what to try."""


class EvidenceImportError(InputError):
    """An export that cannot be imported as it is (no column for a field it needs)."""


class EvidenceError(InputError):
    """Rows the store's rules refuse: the message says which rows and why."""


class StoreError(JourneyKitError):
    """A request the store refuses (or a store that cannot be opened or written)."""


class NotFoundError(StoreError):
    """No such team or item: the message names the ones there are."""


class ConflictError(StoreError):
    """The item changed (or appeared) since the copy the edit was based on."""


class ServerError(JourneyKitError):
    """A server the kit starts (Voila, JupyterLab, a hub) did not start or did not answer."""
