"""Exercise 10-quiz: the concept quiz."""

ANSWERS = {
    "insight": "Social media",
    "wom": "Yes",
    "pioneers": "Ron Zemke and Chip Bell",
    "personas": "Two",
    "moment": "A critical moment where the customer decides or feels strongly",
    "hypothesis": "When real customers have confirmed it",
    "internal": "An internal customer",
    "experience-starts": "Before the device is switched on",
}
