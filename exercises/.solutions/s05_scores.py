"""Exercise 05-scores: 40 promoters - 25 detractors of 100 answers; 60 of 100 are 4 or 5."""

ANSWERS = {"detractors": "0-6", "nps": 15.0, "csat": 60.0}
