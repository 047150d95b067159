"""Which column of an export holds which field, and which answer label means which score.

Survey tools name columns after their questions ("How likely are you to recommend us to a
friend?"), in the participants' language. The match is automatic, shown in the import report,
and can be overridden column by column.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from journeykit.model import METRICS, SCORE_KEYS

# field -> (exact names, words that give the field away inside a longer header)
SURVEY_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "id": (
        (
            "id",
            "#",  # Typeform: the response's token
            "response id",
            "responseid",
            "response",
            "record id",
            "شناسه",
            "azonosító",
            "ид",
            "номер",
        ),
        (),
    ),
    "respondent": (
        (
            "respondent",
            "respondent id",
            "customer",
            "customer id",
            "email",
            "user id",
            "ügyfél",
            "клиент",
            "مشتری",
            "پاسخ دهنده",
        ),
        ("respondent",),
    ),
    "submitted_at": (
        (  # best first: when a response was sent, before when it was begun
            "submitted at",
            "submitted",
            "submit date",
            "submit date utc",  # Typeform
            "date submitted",
            "submission date",
            "recordeddate",
            "recorded date",
            "enddate",
            "end date",
            "completion time",
            "completed",
            "timestamp",
            "date",
            "time",
            "created at",
            "date created",
            "response date",
            "startdate",
            "start date",
            "start time",
            "időbélyeg",  # Google Forms' "Timestamp" in Hungarian, Russian and Persian
            "отметка времени",
            "مهر زمانی",
            "زمان ثبت",
            "تاریخ ثبت",
            "kitöltés időpontja",
            "дата заполнения",
            "dátum",
            "időpont",
            "дата",
            "время",
            "تاریخ",
            "زمان",
        ),
        ("submit", "timestamp", "időbélyeg", "отметка времени", "метка времени"),
    ),
    "touchpoint": (
        (
            "touchpoint",
            "touch point",
            "érintkezési pont",
            "kapcsolódási pont",
            "точка контакта",
            "نقطه تماس",
        ),
        ("touchpoint", "touch point", "érintkezési pont", "точк", "نقطه تماس"),
    ),
    "stage": (
        ("stage", "journey stage", "phase", "szakasz", "этап", "стадия", "مرحله"),
        ("stage", "szakasz", "этап", "стади", "مرحله"),
    ),
    "persona": (("persona", "персона", "پرسونا"), ()),
    "segment": (("segment", "сегмент", "بخش"), ("segment",)),
    **{key: (m.headers, m.words) for key, m in METRICS.items()},
    "comment": (
        (
            "comment",
            "comments",
            "feedback",
            "verbatim",
            "megjegyzés",
            "kommentár",
            "komment",
            "vélemény",
            "комментарий",
            "نظر",
            "توضیحات",
        ),
        (  # the open question as survey tools word it
            "comment",
            "feedback",
            "why",
            "reason",
            "anything else",
            "tell us",
            "explain",
            "suggest",
            "improve",
            "megjegyzés",
            "komment",
            "miért",
            "javaslat",
            "коммент",
            "почему",
            "расскажите",
            "пожелани",
            "предложени",
            "چرا",
            "توضیح",
            "پیشنهاد",
        ),
    ),
}

EVENT_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "user_id": (
        (
            "user_id",
            "user id",
            "user",
            "distinct_id",
            "distinct id",
            "case id",
            "case_id",
            "customer id",
            "anonymous id",
            "person",
            "client id",
            "uid",
        ),
        ("user", "case", "customer"),
    ),
    "event": (
        (
            "event",
            "event name",
            "event_name",
            "event_type",  # Amplitude
            "action",
            "activity",
            "name",
            "esemény",
            "событие",
            "رویداد",
        ),
        ("event",),
    ),
    "timestamp": (
        (
            "timestamp",
            "time",
            "event time",
            "event_time",
            "date",
            "datetime",
            "created at",
            "occurred at",
            "időpont",
            "время",
            "زمان",
        ),
        ("timestamp", "time", "date"),
    ),
    "session_id": (("session", "session id", "session_id", "$session_id"), ("session",)),
    "platform": (
        ("platform", "device", "os", "device type", "os name", "os.name"),
        ("platform", "device"),
    ),
    "channel": (("channel", "source", "utm_source", "medium"), ("channel", "utm")),
    "stage": (("stage", "journey stage"), ("stage",)),
    "touchpoint": (("touchpoint", "touch point"), ("touchpoint",)),
}

INTERVIEW_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "id": (("id", "note id"), ()),
    "interviewee": (
        ("interviewee", "customer", "participant", "respondent", "name", "who"),
        ("interviewee", "participant"),
    ),
    "date": (
        ("date", "interview date", "when", "created", "created at", "date created"),
        ("date",),
    ),
    "persona": (("persona",), ()),
    "stage": (("stage", "journey stage", "phase"), ("stage",)),
    "touchpoint": (("touchpoint", "touch point"), ("touchpoint",)),
    "text": (
        (
            "text",
            "quote",
            "note",
            "notes",
            "what they said",
            "verbatim",
            "answer",
            "highlight",  # Dovetail
            "excerpt",
            "transcript",
            "observation",
            "content",
        ),
        ("quote", "note", "said", "highlight", "excerpt", "transcript"),
    ),
    "tags": (("tags", "tag", "code", "codes", "coding", "type"), ("tag", "code")),
    "emotion": (("emotion", "feeling", "sentiment", "mood"), ("emotion", "feeling")),
}

FIELDS_BY_KIND = {"survey": SURVEY_FIELDS, "events": EVENT_FIELDS, "interviews": INTERVIEW_FIELDS}
REQUIRED = {
    "survey": (),
    "events": ("user_id", "event", "timestamp"),
    "interviews": ("interviewee", "text"),
}
SCORE_FIELDS = SCORE_KEYS

# Answer labels to scores. CES here: 1 = very easy (little effort) .. 7 = very difficult.
DEFAULT_LABELS: dict[str, dict[str, int]] = {
    "nps": {
        "not at all likely": 0,
        "not likely": 2,
        "neutral": 7,
        "likely": 8,
        "very likely": 9,
        "extremely likely": 10,
    },
    "csat": {
        "very dissatisfied": 1,
        "dissatisfied": 2,
        "neutral": 3,
        "neither satisfied nor dissatisfied": 3,
        "satisfied": 4,
        "very satisfied": 5,
        "nagyon elégedetlen": 1,
        "elégedetlen": 2,
        "semleges": 3,
        "elégedett": 4,
        "nagyon elégedett": 5,
        "очень недоволен": 1,
        "недоволен": 2,
        "нейтрально": 3,
        "доволен": 4,
        "очень доволен": 5,
        "خیلی ناراضی": 1,
        "ناراضی": 2,
        "بی‌طرف": 3,
        "راضی": 4,
        "خیلی راضی": 5,
    },
    "ces": {
        "very easy": 1,
        "easy": 2,
        "somewhat easy": 3,
        "neither easy nor difficult": 4,
        "neutral": 4,
        "somewhat difficult": 5,
        "difficult": 6,
        "very difficult": 7,
    },
}


NO_ANSWER = frozenset(
    {
        "",  # a dash or a dot alone
        "n a",
        "na",
        "not applicable",
        "don t know",
        "dont know",
        "do not know",
        "no answer",
        "prefer not to say",
        "skip",
        "skipped",
        "nem tudom",
        "nem releváns",
        "nincs válasz",
        "не знаю",
        "нет ответа",
        "не применимо",
        "затрудняюсь ответить",
        "نمی دانم",
        "بدون پاسخ",
        "نامشخص",
    }
)
"""Answers that say there is none, normalised: a blank, not a wrong answer."""


def normalise(text: str) -> str:
    """A header or label reduced to what matters for matching: case, spaces, punctuation."""
    text = text.casefold().replace("\u200c", " ").replace("_", " ")
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class ColumnMatch:
    """Field -> header chosen, how (exact, keyword, given by you) and wide score columns."""

    columns: dict[str, str]
    how: dict[str, str]
    wide: dict[str, dict[str, str]]
    unused: list[str]
    shown: dict[str, str] = dataclasses.field(default_factory=dict)
    """For a reshaped (wide) table: field -> header as the file has it."""


def match_columns(
    headers: Iterable[str],
    kind: str,
    overrides: Mapping[str, str] | None = None,
    touchpoint_names: Mapping[str, str] | None = None,
    titles: Mapping[str, str] | None = None,
) -> ColumnMatch:
    """Pick a header for each field: your overrides first, then exact names (in the order of
    preference the field lists them), then keywords.

    `titles` are the question texts some tools write in a second header row under short
    question ids (Qualtrics: "Q_TP" over "Which touchpoint was it?"): a column matches by its
    id or its text. For surveys, score columns that each name a touchpoint ("Satisfaction -
    Website") are a wide table: one column per touchpoint; `wide` maps score -> {header:
    touchpoint id}.
    """
    fields = FIELDS_BY_KIND[kind]
    headers = list(headers)
    free = list(headers)
    # a header of signs alone ("#") is matched as written
    keys = {
        h: [k for k in (normalise(h) or h.strip(), normalise((titles or {}).get(h, ""))) if k]
        for h in free
    }
    columns: dict[str, str] = {}
    how: dict[str, str] = {}
    for field, header in (overrides or {}).items():
        columns[field], how[field] = header, "given"
        if header in free:
            free.remove(header)
    wide: dict[str, dict[str, str]] = {}
    if kind == "survey" and touchpoint_names:
        wide = _wide_scores(
            free, touchpoint_names, {f for f in SCORE_FIELDS if f not in columns}, titles or {}
        )
        for mapping in wide.values():
            for header in mapping:
                free.remove(header)
    for field, (names, _words) in fields.items():
        if field in columns or field in wide:
            continue
        wanted = [normalise(name) or name for name in names]
        found = next((h for name in wanted for h in free if name in keys[h]), None)
        if found is not None:
            columns[field], how[field] = found, "exact"
            free.remove(found)
    for field, (_names, words) in fields.items():
        if field in columns or field in wide:
            continue
        # the field's words in their order of preference ("timestamp" before "date")
        found = next((h for w in words for h in free if any(w in k for k in keys[h])), None)
        if found is not None:
            columns[field], how[field] = found, "keyword"
            free.remove(found)
    return ColumnMatch(columns=columns, how=how, wide=wide, unused=free)


def _wide_scores(
    headers: list[str],
    touchpoint_names: Mapping[str, str],
    scores: set[str],
    titles: Mapping[str, str],
) -> dict[str, dict[str, str]]:
    wide: dict[str, dict[str, str]] = {}
    for header in headers:
        for text in (header, titles.get(header, "")):
            parts = [p for p in re.split(r"\s[-–:|]\s|[\[\]()]|:\s", text) if p.strip()]
            if len(parts) < 2:
                continue
            said = normalise(text)
            score = next((s for s in scores if any(w in said for w in SURVEY_FIELDS[s][1])), None)
            touchpoint = next(
                (touchpoint_names[normalise(p)] for p in parts if normalise(p) in touchpoint_names),
                None,
            )
            if score and touchpoint:
                wide.setdefault(score, {})[header] = touchpoint
                break
    return {score: mapping for score, mapping in wide.items() if len(mapping) >= 2}


def nearest(name: str, known: Iterable[str], count: int = 3) -> list[str]:
    """Known names closest to an unknown one, for 'did you mean' hints."""
    by_key: dict[str, str] = {}
    for k in known:  # the first spelling of a name wins: pass names before ids
        by_key.setdefault(normalise(k), k)
    close = difflib.get_close_matches(normalise(name), list(by_key), n=count, cutoff=0.5)
    return [by_key[c] for c in close]
