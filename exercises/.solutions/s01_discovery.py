"""Exercise 01-discovery: whose journey, whose point of view, whom to ask."""

ANSWERS = {
    "whose": "Freelancers sending their first invoice (most of our sign-ups)",
    "view": "The customer's, step by step as they live it",
    "interviews": {
        "Freelancers who pay for Paperleaf",
        "Freelancers on the free plan who mean to buy",
    },
}
