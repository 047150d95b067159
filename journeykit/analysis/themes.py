"""What customers said: interview notes and survey comments coded the same way (tag, stage,
touchpoint, emotion), counted by theme, with the most telling quotes of each theme.

Text is kept exactly as written, in any language; nothing here translates, lowercases or
drops it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from journeykit.model import EMOTION_MAX, Workspace

CODED_COLUMNS = ["source", "id", "who", "text", "tag", "stage", "touchpoint", "emotion"]
# CSAT answer -> emotion on the map's scale, and the tag a comment with that answer carries.
CSAT_EMOTION = {1: -3, 2: -2, 3: 0, 4: 2, 5: 3}
NPS_EMOTION = {**dict.fromkeys(range(0, 5), -3), 5: -2, 6: -1, 7: 0, 8: 1, 9: 2, 10: 3}


def code_interviews(workspace: Workspace) -> pd.DataFrame:
    """One row per interview note and tag (a note with no tag is kept as 'untagged')."""
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
        }
        for note in workspace.interviews
        for tag in (note.tags or ["untagged"])
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
        },
        columns=CODED_COLUMNS,
    )


def coded_evidence(workspace: Workspace, surveys: pd.DataFrame) -> pd.DataFrame:
    """Interview notes and survey comments in one coded table."""
    parts = [p for p in (code_interviews(workspace), code_comments(surveys)) if not p.empty]
    if not parts:
        return pd.DataFrame(columns=CODED_COLUMNS)
    return pd.concat(parts, ignore_index=True)


def themes(coded: pd.DataFrame) -> pd.DataFrame:
    """Count of mentions per theme (tag x stage x touchpoint), how many people, from which
    sources, and the mean emotion; most mentioned first."""
    keys = ["tag", "stage", "touchpoint"]
    data = coded.assign(**{k: coded[k].fillna("(any)") for k in ("stage", "touchpoint")})
    grouped = data.groupby(keys, sort=False)
    table = pd.DataFrame(
        {
            "mentions": grouped.size(),
            "people": grouped["who"].nunique(),
            "interviews": grouped["source"].apply(lambda s: int((s == "interview").sum())),
            "comments": grouped["source"].apply(lambda s: int((s == "survey").sum())),
            "emotion": grouped["emotion"].mean(),
        }
    ).reset_index()
    return table.sort_values(["mentions", "people"], ascending=False, kind="stable").reset_index(
        drop=True
    )


def telling_quotes(
    coded: pd.DataFrame, tag: str, stage: str | None, touchpoint: str | None, count: int = 3
) -> list[str]:
    """The quotes that say most for a theme: strongest feeling first, then the more specific
    (longer, up to a few sentences); each distinct text once."""
    mask = coded["tag"] == tag
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
    return chosen["text"].head(count).tolist()
