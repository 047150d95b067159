"""What comes in: survey exports, usage events and interview notes, read as the tools that
wrote them write them, matched to the team's workspace and checked by the store's rules.

- `reading`: bytes to a table (encodings, compressions, spreadsheets, multi-row headers);
- `columns`: which column holds which field (names, keywords, question texts);
- `cells`: what every parser does to a table (numbers, dates, names to ids);
- `survey`, `events`, `interviews`: one parser per kind of evidence;
- `report`: what was taken and refused, as a person reads it;
- `intake`: check a file, then store it (all of it, or the valid rows when asked).
"""

from journeykit.errors import EvidenceImportError
from journeykit.evidence.intake import (
    CheckedEvidence,
    check_evidence,
    import_evidence,
    import_practice,
    load_mapping,
    store_checked,
    type_chooser,
)
from journeykit.evidence.report import KINDS, ImportReport, Refusal

__all__ = [
    "KINDS",
    "CheckedEvidence",
    "EvidenceImportError",
    "ImportReport",
    "Refusal",
    "check_evidence",
    "import_evidence",
    "import_practice",
    "load_mapping",
    "store_checked",
    "type_chooser",
]
