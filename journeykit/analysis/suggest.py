"""Themes suggested from what customers said, offline and in any of the kit's languages.

Notes that say the same thing are grouped (TF-IDF of character n-grams, so that Hungarian and
Russian word endings and Persian joined letters do not hide a shared word, then average-link
clustering on cosine distance, both from scikit-learn), and each group is named by the words
that set it apart from the other notes. Notes are grouped within their script (Latin,
Cyrillic, Arabic): no lexical method can tell that two languages say one thing. A suggestion is
never a code: a person accepts, renames, merges or rejects it.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
import pandas as pd

from journeykit.analysis.coding import MAX_EVIDENCE, comment_notes, comments_off_board
from journeykit.analysis.themes import coded_evidence
from journeykit.evidence.reading import script_of
from journeykit.i18n import text_key
from journeykit.model import Insight, InsightKind, InterviewNote, Workspace, make_id
from journeykit.store import Store

DISTANCE = 0.8
"""Average cosine distance under which notes are one theme (char 3-5-grams, TF-IDF); measured
on the planted-theme corpus of the tests, in the four languages."""
STEM = 5
"""Words are compared by their first letters (a crude stem): 'fizetés', 'fizetési', 'fizetni'
and 'оплата', 'оплаты' meet."""
MIN_NOTES = 2
WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class Suggestion:
    """A group of notes that may be one theme: its words, its notes and a guessed place."""

    label: str
    phrases: list[str]
    ids: list[str]
    texts: list[str]
    stage: str | None = None
    touchpoint: str | None = None
    cohesion: float = 0.0
    """Mean similarity of the notes to each other (0-1): how surely they say one thing."""
    people_by_note: list[str] = field(default_factory=list)
    """Who said each note ("" for an anonymous comment), beside `ids`."""
    kind: str | None = None
    """The kind most of its notes are coded as already (or their scores say), if any."""


@lru_cache(maxsize=8192)  # survey comments repeat word for word: each is made once
def normal(text: str) -> str:
    """Text as compared: as the kit compares names (i18n.text_key: case, accents, Arabic
    letter forms, digits), with Persian joiners as spaces and the stretching mark dropped, so
    the parts of a joined word are words of their own."""
    return text_key(text.replace("\u200c", " ").replace("ـ", ""))


@lru_cache(maxsize=8192)
def script(text: str) -> str:
    """The script most letters are in: 'latin', 'cyrillic', 'arabic' or 'other'."""
    counts = Counter(script_of(ch) for ch in text if ch.isalpha())
    return counts.most_common(1)[0][0].lower() if counts else "other"


COMMON = 0.4
"""A word in more than this share of a language's notes says nothing of a theme ('the', 'a',
'и', 'را'): the kit needs no list of such words per language."""


@lru_cache(maxsize=8192)
def _stems(text: str) -> dict[str, str]:
    """Each word's stem and the word (read only: the dict is shared by the cache)."""
    return {w[:STEM]: w for w in WORD.findall(normal(text))}


FUNCTION_WORDS = frozenset(
    {
        # Hungarian, Russian and Persian words that carry no theme; English comes from
        # scikit-learn's list. Frequent words are dropped anyway (COMMON): these matter where
        # a team's notes repeat a few sentences.
        *("és", "hogy", "nem", "volt", "van", "egy", "meg", "már", "csak", "nagyon", "amikor"),
        *("mert", "de", "is", "az", "ez", "azt", "ami", "aki", "lett", "még", "minden"),
        *("и", "в", "не", "на", "что", "это", "как", "был", "была", "было", "очень", "но"),
        *("мне", "меня", "все", "уже", "так", "когда", "там", "его", "она", "они", "для"),
        *("و", "در", "به", "از", "که", "را", "این", "با", "است", "بود", "هم", "خیلی", "ولی"),
        *("برای", "تا", "آن", "یک", "می", "شد", "شده", "کرد", "باید", "همه", "اما"),
    }
)


def _function_stems() -> set[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return {w[:STEM] for w in (*ENGLISH_STOP_WORDS, *FUNCTION_WORDS) if len(w) >= 3}


def _common_stems(texts: list[str]) -> set[str]:
    counts = Counter(s for text in texts for s in _stems(text))
    frequent = {s for s, n in counts.items() if n > COMMON * len(texts) and len(texts) > 5}
    return frequent | _function_stems()


def _phrases(texts: list[str], others: list[str], common: set[str], count: int = 3) -> list[str]:
    """The words that most set these notes apart from the others (by share of notes that use
    the word's stem here minus there), each as it is most often written here."""
    stems = _stems

    inside = [stems(t) for t in texts]
    outside = [set(stems(t)) for t in others]
    here = Counter(s for words in inside for s in words)
    there = Counter(s for words in outside for s in words)
    scored = sorted(
        (
            (here[s] / len(texts) - (there[s] / len(others) if others else 0.0), s)
            for s in here
            if here[s] >= MIN_NOTES and s not in common
        ),
        reverse=True,
    )
    forms: dict[str, Counter[str]] = {}
    for words in inside:
        for s, w in words.items():
            forms.setdefault(s, Counter())[w] += 1
    return [forms[s].most_common(1)[0][0] for score, s in scored[:count] if score > 0]


def note_phrases(text: str, others: Sequence[str], count: int = 3) -> list[str]:
    """A note's key words: long words few of the other notes use (a crude but language-free
    weight: length for how much a word says, the share of notes without it for how much it
    sets this one apart), leaving out words with no theme in them ('the', 'и', 'را')."""
    own = _stems(text)
    outside = Counter(s for other in others for s in _stems(other))
    common = _function_stems() | {
        s for s, n in outside.items() if len(others) > 5 and n > COMMON * len(others)
    }
    share = len(others) or 1
    scored = sorted(
        (-(1 - outside[s] / share) * len(w), s) for s, w in own.items() if s not in common
    )
    return [own[s] for _weight, s in scored[:count]]


def key_phrases(texts: Sequence[str], others: Sequence[str], count: int = 3) -> list[str]:
    """The words that set these texts (a theme's quotes, a note) apart from the others."""
    if len(texts) == 1:
        return note_phrases(texts[0], others, count)
    common = _common_stems([normal(t) for t in [*texts, *others]])
    return _phrases(list(texts), list(others), common, count)


def _places(texts: list[str], workspace: Workspace | None) -> tuple[str | None, str | None]:
    """The stage and touchpoint most of the notes name (by catalogue name or id), if any."""
    if workspace is None:
        return None, None
    found = []
    said = Counter(map(normal, texts))  # each distinct text is searched once
    for catalogue in (
        [(s.id, s.name) for j in workspace.journeys for s in j.stages],
        [(t.id, t.name) for t in workspace.touchpoints],
    ):
        patterns = [
            (item_id, [re.compile(rf"\b{re.escape(k)}") for k in keys])
            for item_id, name in catalogue
            if (keys := {k for k in (normal(name), normal(item_id)) if len(k) >= 3})
        ]
        counts: Counter[str] = Counter()
        for text, times in said.items():
            for item_id, found_by in patterns:
                if any(p.search(text) for p in found_by):
                    counts[item_id] += times
        best = counts.most_common(1)
        found.append(best[0][0] if best and best[0][1] * 2 >= len(texts) else None)
    return found[0], found[1]


def suggest_themes(
    notes: Sequence[tuple[str, str, str]],
    workspace: Workspace | None = None,
    top: int = 10,
) -> list[Suggestion]:
    """Groups of notes that may be themes, the likeliest first: `notes` are (id, who, text)."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    suggestions: list[Suggestion] = []
    by_script: dict[str, list[tuple[str, str, str]]] = {}
    for note in notes:
        if note[2].strip():
            by_script.setdefault(script(note[2]), []).append(note)
    for group in by_script.values():
        if len(group) < MIN_NOTES:
            continue
        texts = [normal(text) for _id, _who, text in group]
        common = _common_stems(texts)
        # compared without the words that say nothing of a theme ('the', 'и', 'را'), which
        # otherwise make any two notes of one language look alike
        content = [" ".join(w for w in WORD.findall(t) if w[:STEM] not in common) for t in texts]
        try:
            matrix = TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=(3, 5),
                sublinear_tf=True,
                min_df=2,
                dtype=np.float32,  # half the memory of the note x note similarity
            ).fit_transform(content)
        except ValueError:  # no n-gram in two notes: nothing in common
            continue
        similarity = (matrix @ matrix.T).toarray()  # rows are unit length: cosine
        if len(group) == MIN_NOTES:
            together = similarity[0, 1] > 1 - DISTANCE
            labels = np.zeros(2, dtype=int) if together else np.arange(2)
        else:
            labels = AgglomerativeClustering(
                n_clusters=None,
                metric="precomputed",
                linkage="average",
                distance_threshold=DISTANCE,
            ).fit_predict(np.clip(1 - similarity, 0, None))
        for label in np.unique(labels):
            members = np.flatnonzero(labels == label)
            if len(members) < MIN_NOTES:
                continue
            block = similarity[np.ix_(members, members)]
            pairs = len(members) * (len(members) - 1)
            cohesion = float((block.sum() - np.trace(block)) / pairs)
            inside = [group[i][2] for i in members]
            apart = np.ones(len(group), dtype=bool)
            apart[members] = False
            outside = [group[i][2] for i in np.flatnonzero(apart)]
            phrases = _phrases(inside, outside, common)
            if not phrases:  # no word of their own in common: not a theme
                continue
            stage, touchpoint = _places(inside, workspace)
            suggestions.append(
                Suggestion(
                    label=" / ".join(phrases[:2]),
                    phrases=phrases,
                    ids=[group[i][0] for i in members],
                    texts=inside,
                    stage=stage,
                    touchpoint=touchpoint,
                    cohesion=cohesion,
                    people_by_note=[group[i][1] for i in members],
                )
            )
    suggestions.sort(key=lambda s: (len(s.ids) * s.cohesion, len(s.ids)), reverse=True)
    return suggestions[:top]


# ----- a team's notes in, suggestions out, an accepted one saved ------------------------------

SURVEY_PREFIX = "response:"
"""Survey comments are suggested beside interview notes; their ids carry this prefix."""


def uncoded_notes(workspace: Workspace, surveys: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(id, who, text) of what customers said that has no theme yet: interview notes without
    theme labels, and survey comments."""
    notes = [(n.id, n.interviewee, n.text) for n in workspace.interviews if not n.themes]
    said = comments_off_board(workspace, surveys)  # one on the board is one of the notes
    if len(said):
        who = said["respondent"].fillna("").astype(str)
        notes += [
            (SURVEY_PREFIX + str(i), str(r), str(c))
            for i, r, c in zip(said["id"], who, said["comment"], strict=True)
        ]
    return notes


def suggestion_key(suggestion: Suggestion) -> str:
    """What a rejected suggestion is remembered by: the notes it groups."""
    digest = hashlib.sha1("\n".join(sorted(suggestion.ids)).encode()).hexdigest()[:12]
    return f"theme:{digest}"


def theme_suggestions(
    workspace: Workspace, surveys: pd.DataFrame, top: int = 8
) -> list[Suggestion]:
    """The team's suggestions: from notes and comments not yet given a theme, without the
    ones the team rejected."""
    found = suggest_themes(
        uncoded_notes(workspace, surveys), workspace, top + len(workspace.rejected)
    )
    kept = [s for s in found if suggestion_key(s) not in workspace.rejected][:top]
    coded = coded_evidence(workspace, surveys)
    tags = dict(
        zip(
            [
                (SURVEY_PREFIX if source == "survey" else "") + str(i)
                for source, i in zip(coded["source"], coded["id"], strict=True)
            ],
            coded["tag"],
            strict=True,
        )
    )
    guessed = []
    for suggestion in kept:
        votes = Counter(tags.get(i) for i in suggestion.ids)
        votes.pop("untagged", None)
        votes.pop(None, None)
        best = votes.most_common(1)
        kind = best[0][0] if best and best[0][1] * 2 > len(suggestion.ids) else None
        guessed.append(replace(suggestion, kind=kind))
    return guessed


def accept_theme(
    store: Store,
    team: str,
    suggestion: Suggestion,
    kind: InsightKind,
    label: str,
    journey: str | None = None,
) -> Insight:
    """Code the suggestion's interview notes with the theme (its label, and `kind` as their
    tag; its guessed stage and touchpoint where a note has none), take its survey comments to
    the board as notes coded the same way, and save the theme as an insight with its quotes as
    evidence, in one transaction; a name the team gave a theme already merges the two (the
    notes get that theme, the insight its quotes). A person chose all of it."""
    label = label.strip() or suggestion.label
    comments = [
        i.removeprefix(SURVEY_PREFIX) for i in suggestion.ids if i.startswith(SURVEY_PREFIX)
    ]
    workspace = store.workspace(team)
    taken = {  # its survey comments go to the board as notes, coded with the theme
        note.id: note
        for note in comment_notes(workspace, store.survey_responses(team, commented=True), comments)
    }
    members = set(suggestion.ids)
    edits = []
    for stored in store.items(team, InterviewNote):
        note = stored.item
        if note.id in members:
            edits.append((_themed(note, suggestion, kind, label), stored.revision))
    added = [_themed(note, suggestion, kind, label) for note in taken.values()]
    quotes = list(dict.fromkeys(suggestion.texts))
    same = next(  # a theme of that name already: the two are merged into it
        (s for s in store.items(team, Insight) if s.item.title.casefold() == label.casefold()),
        None,
    )
    if same is not None:
        insight = same.item.model_copy(
            update={
                "evidence": list(dict.fromkeys([*same.item.evidence, *quotes]))[:MAX_EVIDENCE],
                "stage": same.item.stage or suggestion.stage,
                "touchpoint": same.item.touchpoint or suggestion.touchpoint,
            }
        )
        store.save_together(team, [*edits, (insight, same.revision)], added)
        return insight
    insight = Insight(
        id=make_id(label, fallback="theme", taken={i.id for i in workspace.insights}),
        kind=kind,
        title=label,
        description=", ".join(suggestion.phrases),
        journey=journey,
        stage=suggestion.stage,
        touchpoint=suggestion.touchpoint,
        evidence=quotes[:5],
    )
    store.save_together(team, edits, [*added, insight])
    return insight


def _themed(note: InterviewNote, suggestion: Suggestion, kind: str, label: str) -> InterviewNote:
    """A note given an accepted theme: its label, `kind` as a tag, and the guessed stage and
    touchpoint where it has none."""
    change: dict[str, object] = {"themes": [*note.themes, label]}
    if kind in ("pain_point", "need", "delight") and kind not in note.tags:
        change["tags"] = [*note.tags, kind]
    if note.stage is None and suggestion.stage:
        change["stage"] = suggestion.stage
    if note.touchpoint is None and suggestion.touchpoint:
        change["touchpoint"] = suggestion.touchpoint
    return note.model_copy(update=change)


def reject_theme(store: Store, team: str, suggestion: Suggestion) -> None:
    """Remember that the team rejected this grouping, so it is not suggested again."""
    key = suggestion_key(suggestion)

    def mark(header: Workspace) -> Workspace:
        return header.model_copy(update={"rejected": sorted({*header.rejected, key})})

    store.amend_header(team, mark)
