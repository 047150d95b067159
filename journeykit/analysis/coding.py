"""Coding interview notes, one teammate at a time: the passages a note is made of, a coder's
codes saved beside the others' (never over them), and how far two coders agree.

Agreement is Cohen's kappa per code (scikit-learn's `cohen_kappa_score`), the check
qualitative researchers use on a codebook: for each code, whether each of two coders gave it
to each note both of them coded, corrected for the agreement chance alone would give.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Collection, Sequence

import numpy as np
import pandas as pd

from journeykit.errors import ConflictError
from journeykit.i18n import _, format_number, ngettext
from journeykit.model import (
    Coding,
    Insight,
    InsightKind,
    InterviewNote,
    Workspace,
    label,
    make_id,
)
from journeykit.model.base import ID_PATTERN, MAX_NAME, MAX_TEXT
from journeykit.store import Store

SENTENCE_END = re.compile(r"(?<=[.!?…؟।。])[\"'”»)\]]*\s+")
"""Where a sentence ends, in the kit's four scripts (Persian ends a question with "؟")."""
TRIES = 5
AGREEMENT_COLUMNS = ["code", "kind", "coders", "notes", "agreement", "kappa"]
MAX_EVIDENCE = 12
"""Quotes a theme gives its insight as evidence (the most a card shows and a report reads)."""


def sentences(text: str) -> list[str]:
    """The note's sentences, as written (a line break also ends one): what a coder picks
    from to keep a passage as the quote."""
    parts: list[str] = []
    for line in text.splitlines():
        parts.extend(p.strip() for p in SENTENCE_END.split(line) if p.strip())
    return parts


def passage(text: str, chosen: Sequence[int]) -> str:
    """The chosen sentences joined as a quote ("" when none, or all, are chosen: the whole
    note is the quote)."""
    parts = sentences(text)
    picked = sorted({k for k in chosen if 0 <= k < len(parts)})
    if not picked or len(picked) == len(parts):
        return ""
    return " ".join(parts[k] for k in picked)


def chosen_sentences(text: str, quote: str) -> list[int]:
    """Which of the note's sentences a kept quote is made of (none: the whole note)."""
    if not quote:
        return []
    folded = " ".join(quote.split())
    return [k for k, part in enumerate(sentences(text)) if " ".join(part.split()) in folded]


def _merged(note: InterviewNote, mine: Coding, before: Coding | None) -> InterviewNote:
    """The note with `mine` among its codings and its own fields (the team's code) showing
    everyone's: a tag or theme stays unless this coder took it away; a stage, touchpoint,
    emotion or quote is this coder's where they gave one, else what the note had (unless it
    was this coder's, now taken away)."""
    codings = [c for c in note.codings if c.coder != mine.coder] + [mine]

    def many(have: Sequence[str], now: Sequence[str], had: Sequence[str]) -> list[str]:
        gone = {x.casefold() for x in had} - {x.casefold() for x in now}
        kept = [x for x in have if x.casefold() not in gone]
        seen = {x.casefold() for x in kept}
        return kept + [x for x in now if x.casefold() not in seen]

    def one(have: object, now: object, had: object) -> object:
        if now not in (None, ""):
            return now
        return None if have == had and had not in (None, "") else have

    old = before or Coding.model_construct(
        coder=mine.coder, quote="", tags=[], stage=None, touchpoints=[], emotion=None, themes=[]
    )
    first = mine.touchpoints[0] if mine.touchpoints else None
    had_first = old.touchpoints[0] if old.touchpoints else None
    return note.model_copy(
        update={
            "codings": codings,
            "tags": many(note.tags, mine.tags, old.tags),
            "themes": many(note.themes, mine.themes, old.themes),
            "stage": one(note.stage, mine.stage, old.stage),
            "touchpoint": one(note.touchpoint, first, had_first),
            "emotion": one(note.emotion, mine.emotion, old.emotion),
            "quote": one(note.quote, mine.quote, old.quote) or "",
        }
    )


def code_note(store: Store, team: str, note_id: str, mine: Coding) -> InterviewNote:
    """Save one coder's codes on a note. A teammate who saved the same note meanwhile keeps
    theirs: the note is read again and this coder's codes merged in (a few tries)."""
    for _attempt in range(TRIES):
        stored = store.get(team, InterviewNote, note_id)
        before = next((c for c in stored.item.codings if c.coder == mine.coder), None)
        note = InterviewNote.model_validate(_merged(stored.item, mine, before).model_dump())
        try:
            store.update(team, note, stored.revision)
        except ConflictError:
            continue
        return note
    raise ConflictError(
        _("teammates kept saving this note: try again in a moment (nothing of yours was saved)")
    )


COMMENT_NOTE = "comment-"
"""The id of a survey comment taken to the board as a note: this, then the response's id."""


def comment_note_id(response: str) -> str:
    """The note a survey response's comment becomes on the board (one id for one response,
    so a comment is never taken twice)."""
    plain = f"{COMMENT_NOTE}{response}"
    if ID_PATTERN.match(plain):
        return plain
    return f"{COMMENT_NOTE}{hashlib.sha1(response.encode()).hexdigest()[:16]}"


def comments_off_board(workspace: Workspace, surveys: pd.DataFrame) -> pd.DataFrame:
    """The survey answers with a comment that is not on the board as a note yet."""
    if "comment" not in surveys or not len(surveys):
        return surveys.iloc[:0]
    said = surveys[surveys["comment"].fillna("").astype(str).str.strip() != ""]
    on_board = {n.id for n in workspace.interviews if n.id.startswith(COMMENT_NOTE)}
    if on_board:
        said = said[~said["id"].astype(str).map(comment_note_id).isin(on_board)]
    return said


def comment_notes(
    workspace: Workspace, surveys: pd.DataFrame, responses: Collection[str] | None = None
) -> list[InterviewNote]:
    """Survey comments (of `responses`, else all) not on the board yet, as notes to code like
    an interview's: the respondent as who said it, the answer's date, and the stage and
    touchpoint the answer was about."""
    said = comments_off_board(workspace, surveys)
    if responses is not None:
        said = said[said["id"].astype(str).isin(set(responses))]
    taken = {n.id for n in workspace.interviews}
    known = {
        "stage": set(workspace.stage_names()),
        "touchpoint": set(workspace.touchpoint_names()),
        "persona": set(workspace.persona_names()),
    }
    notes = []
    for row in said.to_dict("records"):
        note_id = comment_note_id(str(row["id"]))
        if note_id in taken:
            continue
        taken.add(note_id)
        when = pd.Timestamp(row["submitted_at"]) if row.get("submitted_at") is not None else None
        respondent = row.get("respondent")
        who = "" if respondent is None or pd.isna(respondent) else str(respondent).strip()
        place = {field: row[field] for field, ids in known.items() if row.get(field) in ids}
        notes.append(
            InterviewNote(
                id=note_id,
                interviewee=(who or _("respondent {id}").format(id=row["id"]))[:MAX_NAME],
                date=None if when is None or pd.isna(when) else when.date(),
                text=str(row["comment"])[:MAX_TEXT],
                **place,
            )
        )
    return notes


def coding_of(note: InterviewNote, coder: str) -> Coding | None:
    """What `coder` gave the note, if they coded it."""
    return next((c for c in note.codings if c.coder == coder), None)


def progress(workspace: Workspace, coder: str = "") -> tuple[int, int, int]:
    """How many notes are coded (by anyone), how many there are, and how many `coder` coded."""
    notes = workspace.interviews
    mine = sum(coding_of(n, coder) is not None for n in notes) if coder else 0
    return sum(n.coded() for n in notes), len(notes), mine


def _codes(coding: Coding) -> set[tuple[str, str]]:
    """A coding as the codes it gives: (what, value) pairs, themes compared casefolded."""
    codes: set[tuple[str, str]] = {("kind", str(t)) for t in coding.tags}
    codes |= {("theme", t.casefold()) for t in coding.themes}
    codes |= {("touchpoint", t) for t in coding.touchpoints}
    if coding.stage:
        codes.add(("stage", coding.stage))
    return codes


def agreement(workspace: Workspace, least: int = 2) -> pd.DataFrame:
    """Per pair of coders and code: over the notes both coded (at least `least`), the share
    of notes on which they agree whether the code applies, and Cohen's kappa (NaN where it is
    undefined: both gave the code to every note, or to none)."""
    names = workspace.names()
    coders = sorted({c.coder for n in workspace.interviews for c in n.codings})
    rows = []
    for a, b in itertools.combinations(coders, 2):
        pairs = [
            (coding_of(n, a), coding_of(n, b))
            for n in workspace.interviews
            if coding_of(n, a) and coding_of(n, b)
        ]
        if len(pairs) < least:
            continue
        # only once two coders share notes: a page without them does not pay for the import
        from sklearn.metrics import cohen_kappa_score

        given = [(_codes(x), _codes(y)) for x, y in pairs if x and y]
        shown: dict[tuple[str, str], str] = {}
        for x, y in pairs:
            for coding in (x, y):
                for theme in coding.themes if coding else ():
                    shown.setdefault(("theme", theme.casefold()), theme)
        for code in sorted(set().union(*(x | y for x, y in given))):
            first = np.array([code in x for x, _y in given])
            second = np.array([code in y for _x, y in given])
            same = float((first == second).mean())
            # both gave it to every note, or to none: chance explains all, kappa is undefined
            uniform = len(set(first)) == 1 and len(set(second)) == 1 and first[0] == second[0]
            kappa = (
                np.nan if uniform else float(cohen_kappa_score(first, second, labels=[False, True]))
            )
            what, value = code
            rows.append(
                {
                    "code": label(value)
                    if what == "kind"
                    else shown.get(code, names.get(value, value)),
                    "kind": what,
                    "coders": f"{a} / {b}",
                    "notes": len(given),
                    "agreement": same,
                    "kappa": kappa,
                }
            )
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


# ----- the affinity board: themes as columns of quotes --------------------------------------


def theme_groups(workspace: Workspace) -> dict[str, list[InterviewNote]]:
    """Each theme (labels that differ only in case are one, named as first written) and the
    notes that carry it, the most quoted theme first."""
    groups: dict[str, list[InterviewNote]] = {}
    names: dict[str, str] = {}
    for note in workspace.interviews:
        for theme in note.themes:
            key = theme.casefold()
            names.setdefault(key, theme)
            if note not in groups.setdefault(key, []):
                groups[key].append(note)
    order = sorted(groups, key=lambda k: (-len(groups[k]), names[k].casefold()))
    return {names[k]: groups[k] for k in order}


def _swapped(themes: list[str], old: str, new: str) -> list[str]:
    """`themes` with `old` (any case) replaced by `new` (once, where `old` stood); `new` ""
    takes `old` away."""
    out: list[str] = []
    for theme in themes:
        label = (new if theme.casefold() == old.casefold() else theme).strip()
        if label and label.casefold() not in {t.casefold() for t in out}:
            out.append(label)
    return out


def relabel(store: Store, team: str, old: str, new: str, notes: Sequence[str] | None = None) -> int:
    """Move notes from theme `old` to `new`: the given notes (a quote moved to another or a
    new theme: a split), or all of them (a rename, or a merge when `new` is a theme already);
    `new` "" takes the theme off. In the note's own themes and in every coder's, so a coder
    who saves the note again does not bring the old label back; one transaction, all or
    nothing. Returns how many notes changed."""
    new = " ".join(new.split())
    edits = []
    for stored in store.items(team, InterviewNote):
        note = stored.item
        if notes is not None and note.id not in notes:
            continue
        if old.casefold() not in {t.casefold() for t in note.themes}:
            continue
        codings = [
            c.model_copy(update={"themes": _swapped(c.themes, old, new)}) for c in note.codings
        ]
        changed = note.model_copy(
            update={"themes": _swapped(note.themes, old, new), "codings": codings}
        )
        edits.append((InterviewNote.model_validate(changed.model_dump()), stored.revision))
    if edits:
        store.save_together(team, edits)
    return len(edits)


def _most(values: Sequence[str | None]) -> str | None:
    """The value most notes give (ties: the first seen), None when none gives one."""
    given = [v for v in values if v]
    return max(dict.fromkeys(given), key=given.count) if given else None


def theme_insight(workspace: Workspace, theme: str, kind: InsightKind) -> Insight:
    """A theme as an insight: its label as the title, its quotes (the kept passages) as the
    evidence, at the stage and touchpoint most of its notes name, on the as-is journey."""
    notes = theme_groups(workspace).get(theme)
    if not notes:
        notes = next(
            (n for t, n in theme_groups(workspace).items() if t.casefold() == theme.casefold()),
            [],
        )
    if not notes:
        raise ValueError(_("no note carries the theme {theme!r}").format(theme=theme))
    main = workspace.main_journey()
    journey = main.id if main else None
    stages = {s.id for j in workspace.journeys if j.id == journey for s in j.stages}
    stage = _most([n.stage for n in notes])
    return Insight(
        id=make_id(theme, fallback="theme", taken={i.id for i in workspace.insights}),
        kind=kind,
        title=theme,
        description=ngettext(
            "{count} note of the theme {theme!r}",
            "{count} notes of the theme {theme!r}",
            len(notes),
        ).format(count=format_number(len(notes)), theme=theme),
        journey=journey,
        stage=stage if stage in stages else None,
        touchpoint=_most([n.touchpoint for n in notes]),
        evidence=list(dict.fromkeys(n.said for n in notes))[:MAX_EVIDENCE],
    )
