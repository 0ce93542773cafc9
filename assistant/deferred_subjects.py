"""A thing the knowledge base names only to say its details come elsewhere: 「衡岳科技先锋股票型基金（017436）的相关
费率另行公告」 is the one sentence naming 017436, and it says its fees are announced separately. A question about
017436 is then one the sources do not answer, whatever else they state about their own funds' fees.

Only a security the question names by code counts, and only where every sentence of the knowledge base writing that
code is one such deferral: a code the sources also describe (its rate, its dates) is theirs to answer.

A topic the question names is treated alike (`deferred_terms`): 「港股通下REIT分派的税务处理另有规定，请参阅本公司另行
发布的专项说明」 is the one statement on REITs, so the REIT distribution tax asked is not stated here; nor is a scrip
price of the interim dividend whose every mention says 「安排已经完成，详情请睇恒泽当时嘅公告」. A FAQ's question that
names the topic states nothing and does not count either way.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from assistant.bigram_overlap import bigrams
from assistant.question_parts import question_parts
from assistant.sentences import split_sentences
from knowledge_base.dictionary_terms import gloss_content_words
from knowledge_base.lexical_tokens import STOPWORDS, finance_word_tags, tokenize
from knowledge_base.scripts import normalize_for_index

_FUNCTION_TAGS = ("c", "p", "d", "r", "u", "y", "e")  # conjunctions, prepositions, adverbs, pronouns, particles
CHUNKS_READ = 4  # chunks read per code: a thing named in passing is named in one or two
_CODE = re.compile(r"(?<![A-Za-z0-9.])\d{4,6}(?![\d.%])")
# 「另行公告」, 「詳情另行通知」, 「尚未公布」, 「未能預先確定」, "to be announced", "announced separately"
# 「本公告」, 「本通知」, "this page": the document itself, and its negation (「并不」, 「唔」)
_THIS_DOCUMENT = r"本(?:公告|通告|通知|文件|页面?|文|指南|说明|网页)"
_NOT = r"(?:并)?(?:不|未|没有|冇|唔)"
DEFERRAL = re.compile(
    r"另行(?:公告|通知|公布|披露|通告)|另文(?:公告|通知)|(?:尚未|仍未)(?:公布|公告|确定|厘定|披露)|"
    r"(?:不能|未能|无法|唔能够|唔可以)预先确定|\bto be (?:announced|confirmed|determined)\b|"
    r"\bannounced separately\b|\bnot yet (?:announced|published|determined)\b|"
    # 「…另有规定，请参阅本公司另行发布的专项说明」, 「详情请睇…公告」, 「…及其费用请洽发行投信」, "see the issuer's
    # notice" (not 「另有规定者除外」 alone: an exception to a rule the sentence states)
    r"另行发布|详情请(?:睇|参阅|查阅|见|留意)|请(?:参阅|查阅|参考)[^。；;]{0,20}(?:公告|说明|通知|章程|网站)|请洽|"
    r"\bsee the (?:issuer|separate)|\bcontact the issuer\b|\bdetails (?:will be|are) (?:given|provided|announced) separately\b|"
    # 「詳情見綜合文件」 (not 「详情见下表」: a table on the same page states them); "…terms are set out in its offering
    # circular", "…will be announced on a separate page"
    r"详情(?:可)?(?:见|载于)(?![下上本附表第])|\bset out in (?:its|the) (?:offering circular|prospectus|offering document|"
    r"listing document|term sheet|pricing supplement)|\bwill be announced\b|\b(?:on|in) a separate (?:page|notice|announcement)\b|"
    # 「Delta、隐含波动率等数据请至App权证专区查询，本公告不提供」, "not covered on this page" (not 「权证不提供盘后交易」:
    # a rule of the product, which states what is asked); 「未有任何具体方案」, "has no firm plan yet"
    rf"{_THIS_DOCUMENT}{_NOT}(?:提供|列出|列示|作列示|载列|包括|涵盖|适用|涉及|预告)|"
    # 「…不在本公告范围内」, 「…唔喺本通知範圍」, "outside the scope of this notice"
    r"(?:不在|不属|不屬|唔喺|唔属|并非|並非)" + _THIS_DOCUMENT + r"(?:的|嘅)?(?:讨论|涵盖|适用)?范围|"
    r"\b(?:outside|beyond|not within) the scope of this (?:notice|page|guide|document|announcement)\b|"
    # 「實際寄送時間另以App推播通知」: told later, another way
    r"另以[^。；;，,]{0,12}(?:通知|公告|公布)|"
    r"请(?:至|到|于|登入|登录)[^。；;，,]{0,20}(?:查询|查阅|查看)|(?:未有|暂无|尚无|没有|冇)任何?具体(?:方案|安排|计划|时间表)|"
    r"\bnot (?:provided|covered|given|listed|included|shown) (?:here|on this page|in this (?:notice|guide|page|document))\b|"
    r"\bno (?:concrete|specific|firm) (?:plan|proposal|timetable)s?\b|\bwill be published (?:on|in|separately)\b|"
    # 「恢复须待交易所公告，目前没有确定日期」, "planned for later in 2029"
    r"(?:须|需|有|尚|仍)待[^。；;，,]{0,12}(?:公告|公布|通知)|(?:没有|未有|尚无|暂无|冇)(?:确定|确实|具体)(?:的)?(?:日期|时间|安排)|"
    r"\bplanned for (?:later|a later date)\b|\bno (?:set|fixed|confirmed) date\b|"
    # "Option commissions and contract fees are on the US Options page", "…are set out on our Fees page"
    r"\b(?:is|are) (?:set out |shown |listed |given )?on (?:the|our) (?:[A-Za-z0-9&'-]+ ){1,4}page\b",
    re.I,
)
# 「請見「競價拍賣專區」頁」, "see the Investor Protection page": a pointer to another page. The composer reads it as no
# answer only where every chosen line defers or points (beside a stated line it is one detail's pointer); the
# evidence check does not read it (in DEFERRAL it refused answerable questions: false refusals 15 -> 26)
REFERRAL = re.compile(
    r"(?:请(?:见|参考)|请?(?:睇|参阅|查阅|浏览))[^。；;，,]{0,24}(?:页|专区|网页|网站)|\bsee (?:the|our) [^.;]{0,40}\bpage\b|"
    # "Please contact your Premier Relationship Manager": a person to ask, as 「请洽…」 is
    r"\bplease (?:contact|ask|speak to|call) (?:your|our|the)\b", re.I)
TERM_CHUNKS = 3  # a topic named in more chunks than this is one the sources write about, not one they defer
_ASKED = re.compile(r"[?？]\s*$")
_CAPITALS = re.compile(r"(?<![A-Za-z])[A-Z][A-Z0-9]+(?![A-Za-z])")


def deferred_codes(norm_question: str, texts_mentioning: Callable[[str, int], list[str]]) -> list[str]:
    """The codes the question names (not years) whose every sentence in the knowledge base defers their details
    (`texts_mentioning(token, limit)`: normalized texts of chunks indexing the token)."""
    out = []
    for code in dict.fromkeys(_CODE.findall(norm_question)):
        if 1900 <= int(code) <= 2100:
            continue
        sentences = {text[start:end].strip() for text in texts_mentioning(code, CHUNKS_READ)
                     for start, end in split_sentences(text) if code in text[start:end]}
        if sentences and all(DEFERRAL.search(s.lower()) for s in sentences):
            out.append(code)
    return out


def deferred_terms(terms: list[str], texts_mentioning: Callable[[str, int], list[str]], question: str = "",
                   english_of: Callable[[str], tuple[str, ...]] = lambda term: (),
                   pages: Callable[[], Iterable[str]] = tuple) -> list[str]:
    """The question's topic terms (`terms`: words of at least two characters the sources use) whose every statement in
    the knowledge base defers their details; a question sentence (a FAQ's 「…可唔可以補選？」) states nothing. Of the
    question's Latin words only those it writes in capitals count (REIT): "up" or "period" is no topic of its own.
    An English page stating the term in its English words (佣金: "Commission is 0.05% …") states it too, and so does a
    retrieved page (`pages`: their texts, normalized) writing it inside a longer word the index holds instead (安养
    of 「晴安安养信托」: the product's own pages state what its 「不动产安养信托…另行公告」 does not)."""
    capitals = {w.lower() for w in _CAPITALS.findall(question)}
    deferring: dict[str, list[str]] = {}
    for term in dict.fromkeys(terms):
        if len(term) < 2 or term.isdigit() or term.isascii() and term not in capitals:
            continue
        texts = texts_mentioning(term, TERM_CHUNKS + 1)
        if not texts or len(texts) > TERM_CHUNKS:
            continue
        sentences = {text[start:end].strip() for text in texts for start, end in split_sentences(text)
                     if term in text[start:end].lower()}
        statements = [s.lower() for s in sentences if not _ASKED.search(s)]
        if statements and all(DEFERRAL.search(s) or _excludes(s, term) for s in statements) and \
                not _stated_in_english(term, english_of, texts_mentioning) and not _stated_in(term, pages()):
            deferring[term] = statements
    # A common word's one deferring line defers what that line is about: 「逾期還款利息同收費請參閱《收費表》」 defers
    # late-payment charges, not the charges of a question on early settlement or on another bank's transfers. A
    # term is deferred where the question asks nothing else, or where a deferring line writes one of its other terms.
    others = [t for t in dict.fromkeys(terms) if t not in deferring and len(t) >= 2 and not t.isdigit()]
    return [term for term, statements in deferring.items()
            if term.isascii() or not others or any(t in s for s in statements for t in others)]


def _stated_in(term: str, pages: Iterable[str]) -> bool:
    """Some sentence of the pages writes the term (within any word) without deferring or excluding it."""
    if term.isascii():
        return False  # an English word inside a longer one is another word (STAR of "start")
    for page in pages:
        for line in page.splitlines():
            if term not in line:
                continue
            for start, end in split_sentences(line):
                sentence = line[start:end].strip()
                if term in sentence and not _ASKED.search(sentence) and not DEFERRAL.search(sentence) \
                        and not _excludes(sentence, term):
                    return True
    return False


# 「私人分期貸款、結餘轉戶貸款同信用卡現金透支唔適用」: a clause naming what the page does not apply to, before its verb
# (not 「周末及公众假期除外」: an exception to a rule the sentence states)
_EXCLUDED_BEFORE = re.compile(r"([^。；;，,:：]*?)(?:均|都|亦|并|也)?(?:不|唔|并不|概不)(?:适用|适用于本[^。；;，,]{0,8}|涵盖|包括在内)\s*(?:[。；;，,]|$)")


def _excludes(sentence: str, term: str) -> bool:
    """The sentence names the term only as something the page does not apply to."""
    return any(term in m.group(1) for m in _EXCLUDED_BEFORE.finditer(sentence))


def _stated_in_english(term: str, english_of: Callable[[str], tuple[str, ...]],
                       texts_mentioning: Callable[[str, int], list[str]]) -> bool:
    """Some English sentence writes one of the term's English words (commission), or each word of a gloss of several
    (收费's "charge a fee": "charged … fees"), without deferring it."""
    if term.isascii():
        return False
    for english in english_of(term):
        words = gloss_content_words(english) or english.lower().split()
        patterns = [re.compile(rf"(?<![a-z]){re.escape(w)}(?:s|d|ed)?(?![a-z])") for w in words]
        for text in texts_mentioning(words[-1], TERM_CHUNKS + 1):
            for start, end in split_sentences(text):
                sentence = text[start:end].lower()
                if all(p.search(sentence) for p in patterns) and not DEFERRAL.search(sentence) \
                        and not _ASKED.search(sentence.strip()):
                    return True
    return False


def deferred_asks(question: str, subjects: list[str], asked: list[str], texts_mentioning: Callable[[str, int], list[str]],
                  english_of: Callable[[str], tuple[str, ...]]) -> list[str]:
    """What the question asks of a thing (`asked`: its other terms) that the one paragraph naming the thing defers:
    「Sorrel Bank's call dates, reset rate and coupon-cancellation terms are set out in its offering circular」 answers
    no question on Sorrel Bank's reset rate, though a table row on the same page gives its coupon. `subjects`: the
    question's terms that name a thing (a name, a code), each looked up only where few chunks mention it (a thing
    the sources describe at length is theirs to answer); `english_of(term)`: a Chinese term's English words, for
    a paragraph in English. A term counts where the deferring sentence itself writes it."""
    out: list[str] = []
    for subject in dict.fromkeys(subjects):
        texts = texts_mentioning(subject, TERM_CHUNKS + 1)
        if not texts or len(texts) > TERM_CHUNKS:
            continue
        paragraphs = [line for text in texts for line in text.lower().splitlines() if subject in line]
        deferring = [line[start:end] for line in paragraphs for start, end in split_sentences(line)
                     if DEFERRAL.search(line[start:end]) and not _ASKED.search(line[start:end].strip())]
        for term in asked:
            if term == subject or term in out or term in subject:
                continue
            forms = [term] if term.isascii() else [term, *english_of(term)]  # a Chinese term over an English page
            if any(_writes(sentence, form) for sentence in deferring for form in forms):
                out.append(term)
    return out


def _writes(sentence: str, form: str) -> bool:
    if form.isdigit():  # a series' or issue's number (issue 60: 「第60期」), not a digit of another figure
        return re.search(rf"(?<![\d.,]){form}(?!\d|[.,]\d|%)", sentence) is not None
    if not form.isascii():
        return form in sentence
    return re.search(rf"(?<![a-z]){re.escape(form.lower())}s?(?![a-z])", sentence) is not None


def asked_beside(norm_question: str, deferred: list[str], stated: list[str]) -> bool:
    """A part of a question of several asks about a thing the sources state and writes nothing they defer: 「…幾時生
    效？新租約同現有租戶以邊日為準？箱內物品保險會唔會一齊調整？」 is answered but for the contents insurance, whose
    details come separately. The first part must be such a part: later ones may ask on about its thing without
    naming it. `deferred`: the deferred terms and codes; `stated`: the topic nouns the sources write."""
    parts = question_parts(norm_question.lower())
    if len(parts) < 2:
        return False
    # a first part asking of the deferred thing makes the rest ask of it too (「不動產安養信託管理費是多少？也是0.20%嗎？
    # 簽約手續費呢？」): they are answered where the first part is
    # and each deferred word stands in a later part: one the question writes in other words (银行 read off "Bank")
    # cannot tell which part it defers
    own = [t for t in stated if t not in deferred]
    first, rest = parts[0], " ".join(parts[1:])
    return not any(d.lower() in first for d in deferred) and all(d.lower() in rest for d in deferred) \
        and any(t.lower() in first for t in own)


def naming_terms(terms: list[str], written: set[str], proper: set[str]) -> list[str]:
    """The terms that name a thing: words of the names and codes the question writes (`written`: Sorrel Bank, 2193)
    and the words the segmenter tags as names (`proper`: 永濠)."""
    words = {w for name in written for w in name.split()}
    return [t for t in terms if t in words or t in proper]


# a FAQ question line's marks (「问：」, "Q:", list and bold marks), no wording of its own
_FAQ_MARK = re.compile(r"^[\s*_>#-]*(?:问|問|q|question)?\s*\d*\s*[:：.、]?\s*", re.I)
SAME_FAQ = 0.5  # of the FAQ question's character bigrams the asker's question holds
MIN_FAQ_BIGRAMS = 6  # a question shorter than this (「點計？」) says too little to be the asker's
MIN_FAQ_WORDS = 3  # the same in English content words
LEAD_HITS = 5  # the passages read for the question's best-matching paragraph
_ACRONYM = re.compile(r"(?<![A-Za-z])([A-Z]{2,6})s?(?![A-Za-z])")  # ETFs asks of ETF


def _meaning_groups(words: list[str], english_of: Callable[[str], tuple[str, ...]]) -> list[set[str]]:
    """Each word of the question with its English forms, words sharing a form as one: "trade" and its translations 交易
    and 商业 count once however many a line writes."""
    groups: list[set[str]] = []
    for word in dict.fromkeys(words):
        if len(word) < 2:
            continue
        forms = {word} if word.isascii() else {word, *english_of(word)}
        joined = [g for g in groups if g & forms]
        for g in joined:
            forms |= g
            groups.remove(g)
        groups.append(forms)
    return groups


# what a scope sentence leaves out, named after its verb: 「本通告唔涵盖[跨境汇款安排]」
_LEFT_OUT = re.compile(rf"{_THIS_DOCUMENT}{_NOT}(?:提供|列出|载列|包括|涵盖|涉及)"
                       r"\s*([^。；;，,、]{2,})")


_LATIN_WORD = re.compile(r"[a-z][a-z'-]{2,}")


def _worded_alike(faq: str, question: str) -> float:
    """How much of a FAQ question's wording the asker's question holds: its character bigrams (Chinese), its words
    (English: "do you cover cruises" shares "cover" with "does it cover off-piste skiing", and is no rewording of it);
    0 for a FAQ question too short to tell (「點計？」, "any fees?")."""
    if faq.isascii():
        own = {w for w in _LATIN_WORD.findall(faq) if w not in STOPWORDS}
        asked = set(_LATIN_WORD.findall(question.lower()))
        return len(own & asked) / len(own) if len(own) >= MIN_FAQ_WORDS else 0.0
    grams = bigrams(faq)
    return len(grams & bigrams(question)) / len(grams) if len(grams) >= MIN_FAQ_BIGRAMS else 0.0


def _parts_beside(question: str, faq: str) -> bool:
    """The question has a part asking something of its own: a content word the FAQ question does not write, in a
    part that rewords little of it (「什么时候能买？」 beside 「3年期利率是多少？」; not 「也是2.04%嗎？」)."""
    tags = finance_word_tags()
    text = normalize_for_index(question).lower()
    for part in question_parts(text):
        if _worded_alike(faq, part) >= SAME_FAQ:
            continue
        if any(len(w) >= 2 and not w.isdigit() and w not in faq and not tags.get(w, "n").startswith(_FUNCTION_TAGS)
               and (not w.isascii() or w.isalpha() and w not in STOPWORDS) for w in tokenize(part)):
            return True
    return False


def _left_out(line: str) -> str | None:
    found = _LEFT_OUT.search(line)
    return found.group(1) if found else None


def leaves_out_other(line: str, words: Iterable[str]) -> bool:
    """The line says what it leaves out, and none of `words` (the question's) is in it: 「本通告唔涵盖跨境汇款安排」
    defers nothing asked about currency exchange."""
    left_out = _left_out(line)
    return left_out is not None and not any(w in left_out for w in words)


def deferring_lead(question: str, words: list[str], texts: list[str], english_of: Callable[[str], tuple[str, ...]],
                   subjects: list[str] = (), titles: list[str] = ()) -> str | None:
    """The deferring sentence of the retrieved paragraph that writes more of the question's words than any other:
    where the page's closest match to 「Harbour 50指數期權要幾多按金？」 is "Harbour 50 Index options are planned for
    later in 2028; their margins and fees will be published on a separate page", the sources do not state what is
    asked, though the index futures' margin rows share a word or two with it. `words`: the question's terms and
    their translations; `texts`: the retrieved passages (normalized), best first; `subjects`: the names and codes the
    question asks about, one of which the deferring paragraph must write (another issuer's "the issue price will be
    announced" does not answer a question on 00987); `titles`: the passages' documents' titles, which name the
    subject of a FAQ whose question and answer do not."""
    acronyms = [a.lower() for a in _ACRONYM.findall(question)]
    # the small numbers the question writes (issue 60, series 031), not its years, amounts or prices
    numbers = [n for n in re.findall(r"(?<![\d.,$])\d{1,3}(?!\d|[.,]\d|%)", question) if int(n)]
    groups = _meaning_groups([*words, *acronyms, *numbers], english_of)
    deferring: dict[str, tuple[frozenset[int], str]] = {}
    others: dict[str, frozenset[int]] = {}
    answering: dict[str, int] = {}  # FAQ answers, read with the question line before them: how many words it writes
    worded: dict[str, float] = {}  # FAQ answers: how much of their question line's wording the asker's question holds
    faqs: dict[str, str] = {}  # FAQ answers: their question line
    pages: dict[str, str] = {}  # each deferring line's page
    for k, text in enumerate(texts[:LEAD_HITS]):
        asked: tuple[str, frozenset[int]] | None = None  # the FAQ question line just read, and its words
        # a FAQ's question and answer seldom repeat the issuer's name: the passage or its page's title names it
        about = f"{titles[k] if k < len(titles) else ''}\n{text}".lower()
        passage_names = not subjects or any(_writes(about, subject) for subject in subjects)
        for line in text.lower().splitlines():
            line = line.strip()
            if not line or line.startswith("#") and not _ASKED.search(line):
                continue  # a heading names the page's subject and states nothing of it
            written = frozenset(n for n, forms in enumerate(groups) if any(_writes(line, f) for f in forms))
            if _ASKED.search(line.strip("*_ ")):  # a FAQ's question (a heading too) states nothing; its answer states
                asked = (line, written)           # what it asks
                continue
            if asked is not None and not leaves_out_other(line, (f for forms in groups for f in forms)):
                # 「问：收益要交个人所得税吗？」 then 「答：本公告不涉及收益的税务处理」: the answer is about what its
                # question names, and the pair is one paragraph (not where the answer names what it leaves out and
                # the asker never writes it: 「本通告唔涵盖跨境汇款安排」 answers a question the asker did not ask)
                written |= asked[1]
                if written:
                    answering[line] = len(asked[1])
                    faqs[line] = _FAQ_MARK.sub("", asked[0])
                    worded[line] = _worded_alike(faqs[line], question)
                asked = None
            if not written:
                continue
            sentences = [line[start:end].strip() for start, end in split_sentences(line)
                         if DEFERRAL.search(line[start:end]) and not _ASKED.search(line[start:end].strip())]
            if sentences and (not subjects or any(_writes(line, subject) for subject in subjects)
                              or line in answering and passage_names):
                deferring[line] = (written, sentences[0])
                pages[line] = titles[k] if k < len(titles) else ""
            else:
                others[line] = written
    if not deferring:
        return None
    # a FAQ whose question the asker words much as the page does (「在學期間及畢業後1年內的利息怎麼算？」 for 「在學期間
    # 的利息怎麼算？」) is the asker's question, whatever other paragraphs share a word or two with it
    # (of a question in one part: the other parts of 「…3年期和5年期利率分别是多少？什么时候能买？」 ask what no FAQ defers)
    same = [line for line in deferring if worded.get(line, 0.0) >= SAME_FAQ]
    if same and not _parts_beside(question, faqs[same[0]]) and \
            not _asked_of_another_page(question, groups, deferring[same[0]][0], pages[same[0]], titles):
        return deferring[same[0]][1]
    lead, (written, sentence) = max(deferring.items(), key=lambda item: (len(item[1][0]), item[0] in answering))
    # a chunk cut inside the deferring paragraph holds a piece of it, not another paragraph
    rivals = [w for line, w in others.items() if line[:30] not in lead and line[-30:] not in lead]
    # it writes more of the question than any other paragraph, and a word of it none of them writes (ETF, options):
    # two words every page shares (证券, 交易) make no lead
    # (a FAQ answer deferring what its question asks may tie, where that question line writes two of the asker's words
    # or more: it is the page's own wording of the asker's question, not a question on something else (「要約會唔會延期？」))
    most = max(map(len, rivals), default=0)
    if len(written) >= 2 and (len(written) > most or answering.get(lead, 0) >= 2 and len(written) == most) \
            and written - frozenset().union(*rivals) \
            and not _asked_of_another_page(question, groups, written, pages[lead], titles):
        return sentence
    return None


def _asked_of_another_page(question: str, groups: list[set[str]], written: frozenset[int], page: str,
                           titles: list[str]) -> bool:
    """A part of the question writes none of the deferring paragraph's words and two of its own (or its one) are
    written on another retrieved page (`titles`: each passage's page, `page`: the deferring one's): 「夜盤可唔可以買
    零碎股？禾晟代領紀念品，零股得唔得？」 asks the second page something the first page's deferral does not cover."""
    text = normalize_for_index(question).lower()
    others = {t for t in titles if t and t != page}
    tags = finance_word_tags()
    for part in question_parts(text):
        own = {n for n, forms in enumerate(groups) if any(f.lower() in part for f in forms)
               and not any(tags.get(f, "").startswith(_FUNCTION_TAGS) for f in forms)}  # 或者, 而家: no topic
        if not own or own & written:
            continue
        for other in others:
            found = sum(1 for n in own if any(_writes(other, f) for f in groups[n]))
            if found >= min(2, len(own)):
                return True
    return False
