"""A question asking several things at once, cut into its parts (「降到多少?为啥对罗素2000特别有利?」), and how many
things it asks."""
from __future__ import annotations

import re

# a question mark or semicolon ends a part; so does a comma after 多少 / 几 (「要付多少，几时到账」)
QUESTION_PARTS = re.compile(r"[?？;；]|(?<=[多少几])[,，]")

# The question words every reading of what a question asks shares (index form: simplified, Cantonese kept), and
# the English wh-words. 点 asks (点样, 点解) but after a number it is a clock's hour (「下午2点提交」): ASKING_DIAN.
QUESTION_WORDS = "多少|几|什么|啥|哪|谁|吗|怎|如何|为何|是否|有没有|咩|乜|边"
ENGLISH_QUESTION_WORDS = "how|what|which|who|when|why"
ASKING_DIAN = r"(?<![\d一二三四五六七八九十两半])点"
# a clause that asks: a question word, A-not-A (能不能, 使唔使), an English wh-word or a clause opening with an auxiliary
_ASKS = re.compile(rf"{QUESTION_WORDS}|有冇|{ASKING_DIAN}|"
                   r"([\u4e00-\u9fff])[不唔没冇]\1|"
                   rf"\b(?:{ENGLISH_QUESTION_WORDS}|whats|where)\b|"
                   r"^\s*(?:and\s+)?(?:is|are|can|do|does|did|will|would|should|could|has|have)\b", re.I)
# clauses: commas and colons, and an English "and" that opens a question of its own ("…, and what do I have to do")
_CLAUSES = re.compile(r"[,，:：]|\band\b(?=\s+(?:how|what|whats|which|who|when|where|why|is|are|can|do|does|will)\b)",
                      re.I)
# a list of the things asked: 「月费、邮费、日结单」, "fees, minimum fee, cut-off time and minimum holding"
_CHINESE_LIST = re.compile(r"、")
_LAST_JOINED = re.compile(r"^[^，,]{2,12}?(?:和|同|及|与|跟|以及)[^，,]{2,}")
_ENGLISH_ITEMS = re.compile(r",\s*(?:and\s+)?|\s+and\s+", re.I)
MAX_LISTED_WORDS = 4  # an item of a list of things asked is a short noun phrase ("minimum holding left")


def question_parts(norm_question: str) -> list[str]:
    """The question's parts, each a question of its own; one part for a question asking one thing."""
    return [p.strip() for p in QUESTION_PARTS.split(norm_question) if p.strip()]


def _listed(part: str) -> int:
    """How many things a part lists to be answered (0 where it lists none)."""
    if _CHINESE_LIST.search(part):
        # 「…、補發結單同核數確認書」: the last item joined with 和 / 同 / 及 is one more
        joined = _LAST_JOINED.search(_CHINESE_LIST.split(part)[-1]) is not None
        return len(_CHINESE_LIST.findall(part)) + 1 + joined
    tail = re.split(r"[:：]", part)[-1]
    items = [i for i in _ENGLISH_ITEMS.split(tail) if i.strip()]
    if len(items) < 3 or re.search(r"\d", tail):
        return 0  # two things joined by "and", or a scenario's figures, are no list of questions
    return len(items) if all(len(i.split()) <= MAX_LISTED_WORDS for i in items[1:-1]) else 0


def asked_things(norm_question: str) -> int:
    """How many things the question asks: each part's asking clauses or listed items, at least one a part
    (「时间、转出限额和存管银行变更各有什么不同？」 asks three; "fees, minimum fee, cut-off time and minimum holding"
    four)."""
    total = 0
    for part in question_parts(norm_question):
        asking = sum(1 for c in _CLAUSES.split(part) if c and c.strip() and _ASKS.search(c))
        total += max(1, asking, _listed(part))
    return total
