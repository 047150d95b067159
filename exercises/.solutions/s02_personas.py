"""Exercise 02-personas: the most common persona, built from research; the guest stages."""

ANSWERS = {
    "personas": {"Business traveller (62% of stays)"},
    "evidence": "Booking data and the guest interviews",
    "stages": ["pre-arrival", "arrival", "stay", "departure", "post-stay"],
}
