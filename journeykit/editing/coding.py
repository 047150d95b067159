"""Step 3's editors' state and rules, apart from their pages: a note typed in (`NoteModel`),
themes suggested from the notes and comments (`SuggestionsModel`), the coding board
(`CodingModel`: the notes, the one in hand, one coder's codes on it) and the wall of themes
(`AffinityModel`: moving quotes, renaming and merging themes, a theme made an insight)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from babel.lists import format_list
from pandas.util import hash_pandas_object
from traitlets import Bool, Dict, Int, List, Unicode

from journeykit.analysis.coding import (
    chosen_sentences,
    code_note,
    coding_of,
    comment_notes,
    comments_off_board,
    passage,
    progress,
    relabel,
    sentences,
    theme_groups,
    theme_insight,
)
from journeykit.analysis.suggest import (
    Suggestion,
    accept_theme,
    note_phrases,
    reject_theme,
    theme_suggestions,
)
from journeykit.editing.edits import Editor, Outcome, refusal
from journeykit.errors import ConflictError, JourneyKitError
from journeykit.i18n import N_, _, current, format_date, format_number, ngettext, separator
from journeykit.model import (
    Coding,
    Insight,
    InsightKind,
    InterviewNote,
    Workspace,
    label,
    make_id,
)
from journeykit.store import Store

SHOWN_TEXT = 70
"""Characters of a note the list shows."""
FILTERS = (N_("Not coded by you"), N_("All notes"))
CODE_FIELDS = ("chosen", "tags", "stage", "touchpoints", "emotion", "themes")
"""What a coder gives a note: the sentences kept as the quote (by number), its kinds, stage,
touchpoints (ids), emotion and themes."""


def insight_made(insight: Insight, workspace: Workspace) -> str:
    """What became of a theme made an insight: where the map shows it, or how to place it."""
    stage = workspace.stage_names().get(insight.stage or "")
    if stage:
        return _(
            "{theme} is an insight now, with its quotes as evidence: see it on the map at "
            "{stage} (steps 2 and 5)."
        ).format(theme=insight.title, stage=stage)
    return _(
        "{theme} is an insight now, with its quotes as evidence. Its notes name no stage of the "
        "as-is journey: give it one on step 5 to see it on the map."
    ).format(theme=insight.title)


def note_line(note: InterviewNote, coder: str) -> str:
    """A note as the list shows it: coded or not (by you), who, and how it starts."""
    mark = "✓✓" if coding_of(note, coder) else ("✓" if note.coded() else "○")
    text = " ".join(note.text.split())
    if len(text) > SHOWN_TEXT:
        text = text[: SHOWN_TEXT - 1] + "…"
    return f"{mark} {note.interviewee}: {text}"


def codes_text(coding: Coding, workspace: Workspace) -> str:
    """One coder's codes in a line: kinds, where, emotion, themes."""
    names = workspace.names()
    told = [label(t) for t in coding.tags]
    told += [names.get(x, x) for x in [coding.stage, *coding.touchpoints] if x]
    if coding.emotion is not None:
        told.append(_("emotion {value}").format(value=format_number(coding.emotion)))
    told += [f"“{t}”" for t in coding.themes]
    return f"{coding.coder}: " + (format_list(told, locale=current()) if told else "—")


# ----- a note typed in -------------------------------------------------------------------------


class NoteModel(Editor):
    """A note typed or pasted on the page: who said it, when, and what."""

    def reload(self, pick: str | None = None) -> None:
        self.loaded += 1

    def add(self, who: str, when: dt.date | None, text: str) -> Outcome:
        who, text = who.strip(), text.strip()
        if not who or not text:
            return Outcome("refused", _("Write who said it and what they said, then add the note."))
        taken = {n.id for n in self.store.workspace(self.team).interviews}
        try:
            note = InterviewNote(
                id=make_id("note", who, taken=taken, fallback="note"),
                interviewee=who,
                date=when,
                text=text,
            )
        except ValueError as err:
            return Outcome("refused", refusal(err))
        outcome = self.settle(self.edits.save(note, None))
        if not outcome.saved:
            return outcome
        return self.told(
            outcome,
            _("Added the note of {who}. Code it below, or let a suggestion group it.").format(
                who=who
            ),
        )


# ----- themes suggested ------------------------------------------------------------------------


class SuggestionsModel(Editor):
    """The themes the kit suggests from notes and comments without a theme; nothing is coded
    until a person accepts one."""

    suggestions: List[Suggestion] = List()

    def __init__(self, store: Store, team: str, top: int = 6) -> None:
        super().__init__(store, team)
        self.top = top
        self.workspace = Workspace(id=team, name=team)
        self.drawn_from: tuple[str, int] | None = None

    def reload(self, pick: str | None = None) -> None:
        self.workspace = workspace = self.store.workspace(self.team)
        surveys = self.store.survey_responses(self.team)
        self.drawn_from = self._inputs(workspace, surveys)
        self.suggestions = theme_suggestions(workspace, surveys, self.top)
        self.loaded += 1

    @staticmethod
    def _inputs(workspace: Workspace, surveys: pd.DataFrame) -> tuple[str, int]:
        """What suggestions are made of: the notes without a theme, every note's kinds (a
        suggestion's kind is its notes'), the names notes are placed by, the rejected ones,
        the survey answers. A coder's quote or emotion changes none of it."""
        notes = [
            (n.id, n.interviewee, n.text, bool(n.themes), n.tags) for n in workspace.interviews
        ]
        names = [workspace.stage_names(), workspace.touchpoint_names(), workspace.rejected]
        return repr((notes, names)), int(hash_pandas_object(surveys).sum())

    def outdated(self) -> bool:
        """Whether a teammate's save changed what is suggested (a persona or a step does
        not: then the cards stay, with any name half typed in them)."""
        workspace = self.store.workspace(self.team)
        return self._inputs(workspace, self.store.survey_responses(self.team)) != self.drawn_from

    def themes(self) -> list[str]:
        """The team's themes, offered as names: picking one merges the suggestion into it."""
        return sorted(theme_groups(self.workspace), key=str.casefold)

    def accept(self, suggestion: Suggestion, name: str, kind: InsightKind) -> Outcome:
        main = self.store.workspace(self.team).main_journey()
        journey = main.id if main else None
        try:
            insight = accept_theme(self.store, self.team, suggestion, kind, name, journey)
        except ConflictError:
            self.reload()
            return Outcome(
                "refused",
                _("A teammate coded some of these notes meanwhile: look at the new suggestions."),
                tone="conflict",
            )
        except (JourneyKitError, ValueError) as err:
            return Outcome("refused", refusal(err))
        self.reload()
        made = insight_made(insight, self.workspace)
        return Outcome("saved", _("Accepted: its notes are coded.") + " " + made)

    def reject(self, suggestion: Suggestion) -> Outcome:
        reject_theme(self.store, self.team, suggestion)
        self.reload()
        return Outcome("saved", _("Rejected: it is not suggested again."))


# ----- the coding board ------------------------------------------------------------------------


class CodingModel(Editor):
    """The coding board's state: the notes listed for this coder (all, or the ones they have
    not coded), the one in hand, and this coder's codes on it (`values`: CODE_FIELDS).
    Each coder's codes are kept apart, so several people code at once."""

    coder = Unicode()
    every = Bool(False)
    """List all notes, not only the ones this coder has not coded."""
    notes: List[tuple[str, str]] = List()
    """The notes listed, (line, id)."""
    picked = Unicode()
    """The note in hand ("" when none)."""
    values = Dict()
    said = Unicode()
    """How far the team (and this coder) got."""
    waiting = Int(0)
    """Survey comments not on the board yet."""

    def __init__(self, store: Store, team: str, coder: str = "") -> None:
        super().__init__(store, team)
        self.workspace = Workspace(id=team, name=team)
        self.by_id: dict[str, InterviewNote] = {}
        self.coder = coder

    # ----- reading -----------------------------------------------------------------------------

    def reload(self, pick: str | None = None) -> None:
        self.workspace = workspace = self.store.workspace(self.team)
        self.by_id = {n.id: n for n in workspace.interviews}
        coder = self.coder.strip()
        coded, total, mine = progress(workspace, coder)
        said = _("{coded} of {total} notes coded").format(
            coded=format_number(coded), total=format_number(total)
        )
        if coder:
            said += separator() + _("{count} by you").format(count=format_number(mine))
        listed = [n for n in workspace.interviews if self.every or coding_of(n, coder) is None]
        ids = [n.id for n in listed]
        chosen = pick if pick in ids else self.picked
        commented = self.store.survey_responses(self.team, commented=True)
        with self.hold_trait_notifications():
            self.notes = [(note_line(n, coder), n.id) for n in listed]
            self.picked = chosen if chosen in ids else (ids[0] if ids else "")
            self.waiting = len(comments_off_board(workspace, commented))
            self.said = said
        self.open()

    def show(self, coder: str | None = None, every: bool | None = None) -> None:
        """List the notes for another coder, or all of them (or not)."""
        if coder is not None:
            self.coder = coder
        if every is not None:
            self.every = every
        self.reload()

    @property
    def note(self) -> InterviewNote | None:
        return self.by_id.get(self.picked)

    def pick(self, note_id: str) -> None:
        if note_id in {i for _line, i in self.notes}:
            self.picked = note_id
            self.open()

    def open(self) -> None:
        """The note in hand with this coder's codes (or the note's own) to change."""
        note = self.note
        mine = coding_of(note, self.coder.strip()) if note else None
        if note is None:
            values: dict[str, Any] = {field: [] for field in CODE_FIELDS}
            values.update(stage=None, emotion=None)
        else:
            stage = mine.stage if mine else note.stage
            values = {
                "chosen": chosen_sentences(note.text, mine.quote if mine else note.quote),
                "tags": list(mine.tags if mine else note.tags),
                "stage": stage if stage in self.workspace.stage_names() else None,
                "touchpoints": list(mine.touchpoints)
                if mine
                else [t for t in [note.touchpoint] if t],
                "emotion": mine.emotion if mine else note.emotion,
                "themes": list(mine.themes if mine else note.themes),
            }
        self.values = values
        self.loaded += 1

    def sentences(self) -> list[str]:
        """The note in hand's sentences, to tick as the quote."""
        return sentences(self.note.text) if self.note else []

    def key_words(self) -> str:
        """The words that set the note in hand apart from the others."""
        note = self.note
        if note is None:
            return ""
        others = [n.text for n in self.workspace.interviews if n.id != note.id]
        words = note_phrases(note.text, others)
        return format_list(words, locale=current()) if words else ""

    def when(self) -> str:
        note = self.note
        return f" ({format_date(note.date)})" if note and note.date else ""

    def others(self) -> list[str]:
        """The teammates' codes on the note in hand, a line each."""
        note = self.note
        if note is None:
            return []
        coder = self.coder.strip()
        return [codes_text(c, self.workspace) for c in note.codings if c.coder != coder]

    def earlier_themes(self) -> list[str]:
        """Every theme a note has, offered when a coder types one."""
        notes = self.workspace.interviews
        found = {t for n in notes for t in n.themes}
        found |= {t for n in notes for c in n.codings for t in c.themes}
        return sorted(found, key=str.casefold)

    def empty(self) -> str:
        """What the board says when no note is in hand."""
        return (
            N_("You coded every note: show all notes to look at them again.")
            if self.workspace.interviews
            else N_("No notes yet: add one above, or import interview notes.")
        )

    # ----- coding ------------------------------------------------------------------------------

    def set(self, field: str, value: object) -> None:
        if field not in CODE_FIELDS:
            raise KeyError(field)
        if self.values.get(field) != value:
            self.values = {**self.values, field: value}

    def add_theme(self, theme: str) -> None:
        """A theme typed (once, whatever its case and spacing)."""
        theme = " ".join(theme.split())
        themes = list(self.values.get("themes", []))
        if theme and theme.casefold() not in {t.casefold() for t in themes}:
            self.set("themes", [*themes, theme])

    def coding(self, note: InterviewNote) -> Coding:
        """What the form says, as this coder's codes on `note`."""
        values = self.values
        return Coding(
            coder=self.coder,
            quote=passage(note.text, list(values["chosen"])),
            tags=list(values["tags"]),
            stage=values["stage"],
            touchpoints=list(values["touchpoints"]),
            emotion=values["emotion"],
            themes=list(values["themes"]),
        )

    def save(self) -> Outcome:
        """Save this coder's codes on the note in hand; a teammate's codes stay theirs."""
        note = self.note
        if note is None:
            return Outcome("refused", _("Pick a note in the list first."))
        if not self.coder.strip():
            return Outcome(
                "refused", _("Write your name as the coder first: each coder's codes are kept.")
            )
        try:
            code_note(self.store, self.team, note.id, self.coding(note))
        except (JourneyKitError, ValueError) as err:
            return Outcome("refused", refusal(err))
        self.reload()
        return Outcome(
            "saved", _("Saved your code on the note of {who}.").format(who=note.interviewee)
        )

    def save_and_next(self) -> Outcome:
        """Save, then open the next note to code (the list may have lost the coded one)."""
        ids = [i for _line, i in self.notes]
        here = ids.index(self.picked) if self.picked in ids else -1
        after = ids[here + 1] if 0 <= here < len(ids) - 1 else None
        outcome = self.save()
        if outcome.saved:
            ids = [i for _line, i in self.notes]
            if after in ids:
                self.pick(after)
            elif ids and self.every:
                self.move(1)
        return outcome

    def move(self, step: int) -> None:
        ids = [i for _line, i in self.notes]
        if not ids:
            return
        here = ids.index(self.picked) if self.picked in ids else 0
        self.pick(ids[max(0, min(len(ids) - 1, here + step))])

    def take_comments(self) -> Outcome:
        """The survey's comments become notes on the board (each once, in one transaction):
        coded, quoted and grouped like an interview's."""
        notes = comment_notes(
            self.workspace, self.store.survey_responses(self.team, commented=True)
        )
        try:
            self.store.save_together(self.team, [], notes)
        except JourneyKitError as err:
            self.reload()
            return Outcome("refused", refusal(err))
        self.reload()
        return Outcome(
            "saved",
            ngettext(
                "The survey's comment is a note on the board now: code it like an interview's.",
                "The survey's {count} comments are notes on the board now: code them like an "
                "interview's.",
                len(notes),
            ).format(count=format_number(len(notes))),
        )


# ----- the wall of themes ----------------------------------------------------------------------


class AffinityModel(Editor):
    """The team's themes with their notes, most quoted first."""

    groups = Dict()
    """Theme -> its notes."""

    def __init__(self, store: Store, team: str) -> None:
        super().__init__(store, team)
        self.workspace = Workspace(id=team, name=team)

    def reload(self, pick: str | None = None) -> None:
        self.workspace = self.store.workspace(self.team)
        self.groups = theme_groups(self.workspace)
        self.loaded += 1

    def move(self, theme: str, to: str, notes: list[str] | None = None) -> Outcome | None:
        """A quote (or, without `notes`, the whole theme) to theme `to`: a split, a rename,
        or a merge when `to` is a theme already. None when nothing moves."""
        to = " ".join((to or "").split())
        if not to or to == theme:
            return None
        merged = to.casefold() in {t.casefold() for t in self.groups}
        try:
            moved = relabel(self.store, self.team, theme, to, notes)
        except (JourneyKitError, ValueError) as err:
            self.reload()
            return Outcome("refused", refusal(err))
        self.reload()
        if notes is not None:
            said = _("Moved the quote to {theme}.").format(theme=to)
        elif merged:
            said = _("Merged {theme} into {other} ({count} notes).").format(
                theme=theme, other=to, count=format_number(moved)
            )
        else:
            said = _("Renamed {theme} to {other}.").format(theme=theme, other=to)
        return Outcome("saved", said)

    def make_insight(self, theme: str, kind: InsightKind) -> Outcome:
        if theme.casefold() in {i.title.casefold() for i in self.workspace.insights}:
            return Outcome(
                "refused", _("{theme} is an insight already: see it on step 5.").format(theme=theme)
            )
        try:
            insight = theme_insight(self.workspace, theme, kind)
        except (JourneyKitError, ValueError) as err:
            return Outcome("refused", refusal(err))
        outcome = self.settle(self.edits.save(insight, None))
        if not outcome.saved:
            return outcome
        return Outcome("saved", insight_made(insight, self.workspace))
