"""Exercise 06-drop-off, on the sample company's ordered funnel: 1,430 of the 6,035 users
in onboarding reach expansion (23.7%), the smallest share kept."""

ANSWERS = {
    "worst": "onboarding → expansion",
    "conversion": 23.7,
    "fewer": "They leave early",
}
