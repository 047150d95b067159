"""Exercise 05-scores, on the sample company's setup wizard: 51 promoters - 359 detractors of
486 answers; 94 of 673 CSAT answers are 4 or 5."""

ANSWERS = {"detractors": "0-6", "nps": -63.4, "csat": 14.0}
