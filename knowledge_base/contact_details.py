"""Contact details in a passage: e-mail and web addresses and telephone numbers. Their letters and digits name a
way to get in touch, not what the passage is about: "ir@gangfeng-reit.example" does not make a sentence about a
REIT, and "(852) 2000 2719" states no figure."""
from __future__ import annotations

import re

# (852) 2000 2719, +852 2000 2719, 800-555-0199, 0800-168-520 (a toll-free line)
PHONE = re.compile(r"(?:\+\d{1,3}|\(\d{1,4}\))[\s-]?\d{3,4}[\s-]?\d{4}(?!\d)|(?<!\d)\d{3,4}-\d{3,4}-\d{3,4}(?!\d)")
_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|(?:https?://|www\.)[^\s，。；、）)」]+", re.I)


def without_contact_details(text: str) -> str:
    """`text` with its e-mail and web addresses and telephone numbers blanked out (the length is kept)."""
    for pattern in (_ADDRESS, PHONE):
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text
