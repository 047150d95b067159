"""Exercise 03-touchpoints: moments, not channels; direct and indirect contact."""

ANSWERS = {
    "list": [
        "Search results for running sneakers",
        "Product page with the size guide",
        "Checkout on the shop's website",
        "Next-day delivery",
        "Hand-written thank-you note in the box",
    ],
    "contact": {
        "A friend recommends the shop": "indirect contact",
        "Paying at the website's checkout": "direct contact",
        "A blog review of the shop": "indirect contact",
        "Calling support about a late parcel": "direct contact",
        "An advert on a bus": "indirect contact",
    },
    "word-of-mouth": "Yes",
}
