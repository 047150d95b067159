"""Exercise 08-actions: two actions, each tied to an insight, with an owner and a KPI."""

ANSWERS = {
    "plan": [
        {
            "change": "Retry the bank connection and let people skip it",
            "answers insight": "I1",
            "owner": "Product team",
            "KPI": "90% connect on the first try",
        },
        {
            "change": "Chat support staffed at month end",
            "answers insight": "I2",
            "owner": "Support lead",
            "KPI": "month-end replies within 1 hour",
        },
    ],
    "first": "High impact, low effort",
    "demo": "Its main call to action, from free trial to 'book a demo'",
}
