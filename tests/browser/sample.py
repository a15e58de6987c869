"""What the browser tests expect of the sample playbook, written out as read off
its YAML files (``journeys/``, ``clients/``), never worked out from the built
site's data: a test that takes its expected values from the same data the site
was built from cannot see the site drop or reorder an item.

When the sample changes, these literals change with it, by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

# journeys/business-software.yml: the first journey (by id), its first phase and first persona
JOURNEY = "business-software"
PHASE = "awareness"
PERSONA = "operations-manager"
JOURNEY_URL = f"journeys/{JOURNEY}/"
PHASE_URL = f"journeys/{JOURNEY}/{PHASE}/"
PERSONA_URL = f"personas/{PERSONA}/"


@dataclass(frozen=True)
class Item:
    id: str
    priority: str
    text: str


# journeys/touchpoints/social-media-presence.yml: the first touchpoint of that phase
TOUCHPOINT = "social-media-presence"
TOUCHPOINT_NAME = "Social media presence"
TOUCHPOINT_URL = f"touchpoints/{TOUCHPOINT}/"
ITEMS = [
    Item("choose-platforms", "must", "Choose platforms by where your audience is, not by your own preference"),
    Item("helpful-content", "should", "Share helpful, honest content rather than only promotion"),
    Item("listen-with-monitoring", "should",
         "Use an online monitoring tool to follow what your audience asks and says"),
    Item("consistent-brand", "should", "Keep tone of voice and imagery consistent with the website and the sales team"),
    Item("same-price-everywhere", "should",
         "= one price everywhere: offers in posts match the webshop, shipping included"),
    Item("linkedin-for-b2b", "should",
         "For business buyers, keep company and employee profiles on LinkedIn up to date"),
    Item("agree-who-answers", "must", "Agree who answers questions that come in through social media, and how fast"),
    Item("answer-mentions", "should", "@mentions of the brand answered within one working day"),
]
FIRST, LAST = ITEMS[0], ITEMS[-1]
MUSTS = ["choose-platforms", "agree-who-answers"]

# journeys/touchpoints/search-engine-optimisation.yml: the second touchpoint of that phase
SECOND_TOUCHPOINT = "search-engine-optimisation"
SECOND_ITEMS = [
    "research-search-terms",
    "page-per-question",
    "mobile-friendly",
    "local-listing",
    "consistent-promise",
    "quarterly-review",
]

# the phase page's checklists, in order, with their number of items
PHASE_CHECKLISTS = {
    "social-media-presence": 8,
    "search-engine-optimisation": 6,
    "search-advertising": 6,
    "trade-fair": 5,
    "blog-and-guides": 6,
    "display-advertising": 5,
}
PHASE_TOTAL = 36

# clients/: acme-outdoor is the first client guide; its first journey (online-purchase)
# opens with search-engine-optimisation, which it takes from the base as it is
FIRST_CLIENT = "acme-outdoor"
CLIENT_TOUCHPOINT = SECOND_TOUCHPOINT
