"""What customers said: interview notes and survey comments coded the same way (tag, stage,
touchpoint, emotion), counted by theme, with the most telling quotes of each theme.

Text is kept exactly as written, in any language; nothing here translates, lowercases or
drops it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from journeykit.model import EMOTION_MAX, Workspace

CODED_COLUMNS = ["source", "id", "who", "text", "tag", "stage", "touchpoint", "emotion", "theme"]
# CSAT answer -> emotion on the map's scale, and the tag a comment with that answer carries.
CSAT_EMOTION = {1: -3, 2: -2, 3: 0, 4: 2, 5: 3}
NPS_EMOTION = {**dict.fromkeys(range(0, 5), -3), 5: -2, 6: -1, 7: 0, 8: 1, 9: 2, 10: 3}


def code_interviews(workspace: Workspace) -> pd.DataFrame:
    """One row per interview note, tag and theme label (a note with no tag is kept as
    'untagged'; with no label, its theme is "")."""
    rows = [
        {
            "source": "interview",
            "id": note.id,
            "who": note.interviewee,
            "text": note.said,  # the passage a coder kept, else the whole note
            "tag": tag,
            "stage": note.stage,
            "touchpoint": note.touchpoint,
            "emotion": np.nan if note.emotion is None else float(note.emotion),
            "theme": theme,
        }
        for note in workspace.interviews
        for tag in (note.tags or ("untagged",))
        for theme in (note.themes or [""])
    ]
    return pd.DataFrame(rows, columns=CODED_COLUMNS)


def code_comments(surveys: pd.DataFrame) -> pd.DataFrame:
    """Survey comments coded from the answer that came with them: a low score marks a pain
    point, a high one a delight; the emotion follows the score (CSAT first, else NPS)."""
    with_text = surveys[surveys["comment"].notna() & (surveys["comment"].astype(str) != "")]
    csat = with_text["csat"].astype("Float64")
    nps = with_text["nps"].astype("Float64")
    emotion = csat.map(CSAT_EMOTION, na_action="ignore").astype("Float64")
    emotion = emotion.fillna(nps.map(NPS_EMOTION, na_action="ignore").astype("Float64"))
    tag = np.select(
        [emotion.fillna(0).to_numpy() < 0, emotion.fillna(0).to_numpy() > 0],
        ["pain_point", "delight"],
        "untagged",
    )
    return pd.DataFrame(
        {
            "source": "survey",
            "id": with_text["id"].to_numpy(),
            # an anonymous answer is one person (who cannot be told apart from the others)
            "who": with_text["respondent"]
            .astype("string")
            .fillna("")
            .mask(lambda who: who.str.strip() == "", "response " + with_text["id"].astype(str))
            .to_numpy(dtype=object),
            "text": with_text["comment"].astype(str).to_numpy(),
            "tag": tag,
            "stage": with_text["stage"].to_numpy(),
            "touchpoint": with_text["touchpoint"].to_numpy(),
            "emotion": emotion.to_numpy(dtype=float, na_value=np.nan),
            "theme": "",
        },
        columns=CODED_COLUMNS,
    )


def coded_evidence(workspace: Workspace, surveys: pd.DataFrame) -> pd.DataFrame:
    """Interview notes and survey comments in one coded table."""
    parts = [p for p in (code_interviews(workspace), code_comments(surveys)) if not p.empty]
    if not parts:
        return pd.DataFrame(columns=CODED_COLUMNS)
    return pd.concat(parts, ignore_index=True)


THEME_COLUMNS = [
    "theme",
    "tag",
    "stage",
    "touchpoint",
    "mentions",
    "people",
    "interviews",
    "comments",
    "emotion",
]


def _mode(values: pd.Series) -> object:
    """What most rows of a group say (ties: the first seen)."""
    counts = values.value_counts(sort=False)
    return counts.idxmax() if len(counts) else None


def themes(coded: pd.DataFrame) -> pd.DataFrame:
    """Count of mentions per theme, how many people, from which sources, and the mean
    emotion; most mentioned first. A theme is the team's label where notes carry one (labels
    that differ in case are one; its kind, stage and touchpoint are what most of its notes
    say, so uneven coding does not split it), else the notes' tag x stage x touchpoint."""
    data = coded.assign(**{k: coded[k].fillna("(any)") for k in ("stage", "touchpoint")})
    if "theme" not in data:
        data["theme"] = ""
    data["theme"] = data["theme"].fillna("")
    parts = []
    plain = data[data["theme"] == ""]
    if not plain.empty:
        grouped = plain.groupby(["tag", "stage", "touchpoint"], sort=False)
        parts.append(
            pd.DataFrame(
                {
                    "theme": "",
                    "mentions": grouped.size(),
                    "people": grouped["who"].nunique(),
                    "interviews": grouped["source"].apply(lambda s: int((s == "interview").sum())),
                    "comments": grouped["source"].apply(lambda s: int((s == "survey").sum())),
                    "emotion": grouped["emotion"].mean(),
                }
            ).reset_index()
        )
    labelled = data[data["theme"] != ""]
    if not labelled.empty:
        labelled = labelled.assign(key=labelled["theme"].str.casefold())
        notes = labelled.drop_duplicates(["source", "id", "key"])  # a note once per theme
        grouped = notes.groupby("key", sort=False)
        parts.append(
            pd.DataFrame(
                {
                    "theme": grouped["theme"].first(),
                    "tag": labelled.groupby("key", sort=False)["tag"].agg(_mode),
                    "stage": grouped["stage"].agg(_mode),
                    "touchpoint": grouped["touchpoint"].agg(_mode),
                    "mentions": grouped.size(),
                    "people": grouped["who"].nunique(),
                    "interviews": grouped["source"].apply(lambda s: int((s == "interview").sum())),
                    "comments": grouped["source"].apply(lambda s: int((s == "survey").sum())),
                    "emotion": grouped["emotion"].mean(),
                }
            ).reset_index(drop=True)
        )
    if not parts:
        return pd.DataFrame(columns=THEME_COLUMNS)
    table = pd.concat(parts, ignore_index=True)[THEME_COLUMNS]
    return table.sort_values(["mentions", "people"], ascending=False, kind="stable").reset_index(
        drop=True
    )


def telling_quotes(
    coded: pd.DataFrame,
    tag: str,
    stage: str | None,
    touchpoint: str | None,
    count: int = 3,
    theme: str = "",
) -> list[str]:
    """The quotes that say most for a theme (the team's label, when given; else the tag at
    the stage and touchpoint): strongest feeling first, then the more specific (longer, up to
    a few sentences); each distinct text once."""
    if theme:
        mask = coded["theme"].fillna("").str.casefold() == theme.casefold()
    else:
        mask = coded["tag"] == tag
        if "theme" in coded:
            mask &= coded["theme"].fillna("") == ""
        for column, value in (("stage", stage), ("touchpoint", touchpoint)):
            if value not in (None, "(any)"):
                mask &= coded[column] == value
    chosen = coded[mask].assign(
        strength=lambda d: d["emotion"].abs().fillna(0) / EMOTION_MAX,
        detail=lambda d: d["text"].str.len().clip(upper=200) / 200,
        interview=lambda d: (d["source"] == "interview").astype(float),
    )
    chosen = chosen.sort_values(
        ["strength", "interview", "detail"], ascending=False, kind="stable"
    ).drop_duplicates("text")
    return [str(t) for t in chosen["text"].head(count)]
