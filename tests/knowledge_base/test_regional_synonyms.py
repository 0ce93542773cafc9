"""Regional words as one index word (knowledge_base.regional_synonyms), read from the regional glossary."""
from __future__ import annotations

from knowledge_base.lexical_tokens import tokenize, with_canonical_terms
from knowledge_base.regional_synonyms import regional_synonyms, synonym_groups


def test_rows_become_groups_with_the_mainland_word_as_the_canonical_one():
    rows = [["TW", "股息率", "殖利率"], ["HK", "殖利率", "股息率"], ["TW", "小盤股", "小型股"],
            ["HK", "小盤股", "細價股"], ["CN", "聯準會", "美联储"], ["TW", "交易所買賣基金", "ETF"]]
    groups = synonym_groups(rows)
    assert groups["殖利率"] == "股息率" and "股息率" not in groups
    assert groups["小型股"] == groups["细价股"] == "小盘股"
    assert groups["联准会"] == "美联储"
    assert "etf" not in groups and "交易所买卖基金" not in groups  # Latin words are one word in every script


def test_the_shipped_glossary_gives_a_taiwan_word_its_mainland_word():
    assert regional_synonyms()["殖利率"] == "股息率" and regional_synonyms()["本益比"] == "市盈率"


def test_documents_and_questions_carry_the_canonical_word_and_the_word_it_sits_in():
    assert "股息率" in tokenize(with_canonical_terms("全年殖利率為6.4%"))
    # 殖利率 alone is a stock's dividend yield; in a bond's compound it is the mainland's 收益率
    bond = tokenize(with_canonical_terms("到期殖利率為5.1%"))
    assert "到期收益率" in bond and "股息率" not in bond
    text = with_canonical_terms("换算平均年化报酬率约为5.2%")
    assert "回报率" in tokenize(text)  # 报酬率 is 回报率 to a mainland asker
    assert with_canonical_terms("指数上涨2%") == "指数上涨2%"  # nothing regional: unchanged


def test_the_english_glossary_read_backwards_adds_english_question_words():
    from knowledge_base.lexical_tokens import EN_QUERY_TERMS, expand_query, glossary_query_terms
    rows = [("市净率", "price-to-book ratio (P/B)"), ("管理费", "management fee"), ("交易所买卖基金", "ETF"),
            ("加权", "weighting")]
    terms = glossary_query_terms(rows, known={"weighting"})
    assert terms == {"price-to-book ratio": "市净率", "p/b": "市净率", "management fee": "管理费"}
    assert "管理费" in expand_query("what is the management fee of the fund?")
    assert "etf" not in EN_QUERY_TERMS  # documents write ETF as it is



def test_plural_question_words_meet_the_singular_entry():
    from knowledge_base.lexical_tokens import expand_query, with_plurals
    terms = with_plurals({"margin call": "追缴", "policy": "政策", "fees": "费用", "u.s.": "美国", "day": "日"})
    assert terms["margin calls"] == "追缴" and terms["policies"] == "政策" and terms["days"] == "日"
    assert "feess" not in terms and "u.s.s" not in terms
    # the shipped list: a broker's English questions reach the Chinese words its pages use
    assert "营业日" in expand_query("how many business days do i have to top up the account?")
    assert "补缴" in expand_query("how many business days do i have to top up the account?")
    assert "维持率" in expand_query("what maintenance ratio triggers margin calls?")
    assert "保荐人" in expand_query("who are the sponsors of the listing?")
    assert "每手" in expand_query("what does one board lot cost?")


def test_a_bonds_yield_in_taiwan_wording_is_no_dividend_yield():
    from knowledge_base.lexical_tokens import regional_forms

    assert regional_forms("10年期美债殖利率回落至4%") == ["美债收益率"]
    assert "股息率" not in regional_forms("债券殖利率上升")
    assert regional_forms("高股息etf的殖利率") == ["股息率"]
