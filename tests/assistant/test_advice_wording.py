"""Buy/sell requests in the ways customers write them (assistant/advice.py), and look-alike questions that ask
for facts: a request gets the disclaimer and no call; a fact question is answered as one."""
from __future__ import annotations

import pytest

from assistant.advice import is_advice_request
from assistant.language import normalize_query


@pytest.mark.parametrize("question", [
    "Is this a good entry point for the REIT ETF?",
    "Is the bond fund worth investing in?",
    "這檔ETF適合長期持有嗎?",
    "这只REIT值得投资吗?",
    "花生期货现在能做多吗?",
    "幫我揀一隻基金",
    "我想買啲高息股,邊隻好?",
    "00968值唔值得買?",
    "Should I move my emergency fund into the money market fund now?",
    "Would it be wise to invest in peanut futures?",
    "Is it too late to get into this fund?",
    "Can I make money with this fund?",
    "呢隻基金抵唔抵買?",
    "仲可以追嗎?",
    "要唔要轉基金?",
    "赎回还是继续持有?",
    "何时卖出比较好?",
    "该怎么操作?",
    "现在适合配置REIT吗?",
    # a judgement on the asker's own plan, and all of one's money at once
    "我打算將三成積蓄放落呢隻REIT，係咪好主意？",
    "借钱满仓买入这只ETF靠谱吗？",
    "用孖展梭哈科技股明唔明智?",
    "呢隻新股有冇得搏?",
    "Is the small-cap ETF any good?",
    "Thoughts on the bond fund?",
    "Is the REIT a good buy at this price?",
    # an action with a judgement, a forecast, an allocation, in wording the file's lines were not written from
    "Is it time to take some profit on the bond ETF?",
    "Would it be sensible to put half my savings in it?",
    "Will the REIT's units fall after the rate hike?",
    "該唔該攤平?",
    "明年恒指會唔會升穿三萬?",
    "这只基金接下来怎么走",
    "退休金放幾多落債券基金先合適?",
    "科技ETF還能抱嗎",
    # moving all of one's money into a product is an allocation call, however it is asked
    "我想把定期存款全部转到这只纯债基金，可以吗？",
    "全部身家转入呢只基金好唔好？",
    "I want to move all my savings into this fund, is that ok?",
    # the assistant's own choice or forecast, a verdict on the asker's plan, slang for a call
    "Would you pick the bond ETF or the dividend fund?",
    "Where do you see the Nikkei a year from now?",
    "Am I stupid to sell everything before the election?",
    "Is putting 80% in one REIT too risky for me?",
    "the gold ETF looks like a no-brainer, right",
    "Up 60% on the fund - time to cash out?",
    "is the yen gonna keep falling",
    "呢兩隻債券基金你會點揀？",
    "你估金價年底會去到幾多？",
    "我把一半退休金放股票，是不是太激进了",
    "科技股升咗咁多，系咪时候抽飞？",
    "半导体ETF和红利ETF哪个更值得长期定投？",
    "跌了这么多，现在还能进吗",
    "每個月定額扣款多少比較適合我？",
    "I hold 300 shares of LKDG. How much is the payout, and should I keep them?",  # the call wording wins
    "How much of my savings should go into the gold ETF?",  # an allocation: how much of my … should
    "呢隻ETF而家可以買嗎？",  # a buy asked, beside the trading word 買賣 that is none
    "幾時入市好？",  # when to go in: a timing call, beside 幾時入我戶口 that is none
    "我沽咗一半，賺咗幾多都好，應唔應該買返？",  # the asker's own sale beside a call wording
    "Can a retail client like me buy more now, is it a good time?",  # who may buy, beside a timing call
    "should i get out of the ELI now?",
    "Is HSBC a sell now?",
    "I want to buy 100 shares of 2936, is it a good time?",  # a planned trade, beside a timing call
    "Should I go all-in on the bond ETF?",
    "Thinking of going all in on tech stocks this year, thoughts?",
    # which of several things to do with one's cash
    "利率降了，我的闲钱是该签现金管理服务，还是继续放在账户里？",
    "係咪應該賣咗佢定系繼續揸？",
    "我應唔應該賣咗啲碎股？",  # odd lots, with a call wording
    "騰訊而家可以買嗎？",
    "要不要加倉？",
    "要不要先賣掉那隻收費高的基金？",  # a trading verb before the fee word: still a call
    "要不要把定期存款的利息拿去买基金？",
    # a choice between two things to do with one's money, whether a plan pays, a product for me (banking wording)
    "信用卡账单分期好还是一次还清好？",
    "做稅貸定用自己啲錢交稅好？",
    "借消费贷提前还房贷值不值？",
    "現在換日圓划算嗎？",
    "值得申请这笔税务贷款吗？",
    "Is the remittance fee worth paying, or should I use another bank?",
    "Which is better for me, a fixed or a floating mortgage rate?",
    # now, or wait: a timing call
    "这期定存利率2.0%，现在存还是等下个月再看？",
    "Should the CD be bought now or wait for a better rate?",
    "What will the index be at the end of the year?",
    "手續費會唔會加？值唔值得轉券商？",  # the second clause asks a call
    "Will the index rise next year?",
])
def test_requests_for_a_call_are_advice(question):
    assert is_advice_request(normalize_query(question))


@pytest.mark.parametrize("question", [
    "什麼是做多?",
    "适合什么样的投资者?",
    "值得注意的风险有哪些?",
    "哪只成分股权重最大?",
    "What is the entry fee?",
    "What are the fund's holdings?",
    "要唔要交稅?",
    "基金经理怎么操作仓位?",
    "这只基金如何操作?",
    "何时上市?",
    "如何赎回基金?",
    # trading words in questions about how trading works, who decided, or what a word means
    "How do I sell my units through the app?",
    "What fee is charged when I sell units?",
    "What does a 'hold' rating mean?",
    "How many bonds does the fund hold?",
    "谁建议调整成分股?",
    "分析师给的目标价是多少?",
    "港股通可以买哪些基金?",
    "止损单是什么?",
    "新股入場費係幾多?",  # the fee for one lot, not a call to enter the market
    "入场券要几多钱?",
    "公司将全部资产转入新基金的安排是什么?",  # a company's transfer, not the asker's allocation
    "Can I transfer all my units to another broker?",  # a custody transfer
    "我想把A类份额转换成C类，可以吗？",  # a class conversion the fund's rules allow or not
    "基金淨值點睇?",  # how to read the NAV, not a view asked for
    "净值怎么看?",
    "这只基金的满仓运作是指什么?",  # a fund's fully invested mandate, not the asker's all-in
    # what the asker may or must do, and the trading word itself
    "Can I sell shares I bought this morning before they settle?",
    "Should I update my phone number before resetting my password?",
    "What does 'cut loss' mean on the order screen?",
    "止损单可以设置几天有效？",
    "點樣喺網上設定止蝕盤？",
    "割肉卖出的亏损能抵税吗？",
    "暫停申購買回的時候還可以在市場上買賣嗎？",  # 買賣 is trading, allowed or not: no buy asked
    "00971B今年下半年哪幾天不能申購買回？",  # 買回 is a redemption (Taiwan's 申購／買回), not a buy
    "啲以股代息新股幾時入我戶口？幾時開始可以賣？",  # when shares are credited and may be sold: a rule, not timing
    "股息幾時入賬？",
    # who may buy a product, and whether it is on offer: eligibility, not a call
    "呢隻永續債邊類客可以買？",
    "这只债券散户买得到吗？",
    "散戶買唔買到呢隻債？",
    # what borrowed money may be used for: a product rule
    "With the pledge loan, what's the cut-off to apply, and can I use the money to buy more shares?",
    "Can the loan be used to buy listed stocks?",
    # a holding the asker states, with a figure asked of it
    "I hold 40,000 units of the Lakemont cash fund. How much income did it earn last week?",
    "I have 300 shares of LKDG; how much will the June payout be?",
    # a trade the asker has made, with what it made asked
    "我沽咗3張期貨，之後買返平倉，賺幾多？",
    "我沽咗500股之後，到手幾多錢？",
    # who may buy a product: its eligibility, not whether to buy it
    "can a regular retail client buy the Dunmore Ports 2031 notes? what's the smallest amount?",
    "Can non-resident investors subscribe to the fund?",
    # a product's rules in trading words: leaving it early, a buy order's prepayment, a trade planned with figures
    "can i get out of a kestrel ridge ELI before maturity? what would an early unwind cost me?",
    "For a stock under disposition, how is the prepayment for a buy order worked out?",
    "I want to buy 23 lots of 2936 in the app with a limit of NT$17.35. How much do I have to ring-fence first?",
    # 转仓: moving shares to another broker, a service with its fee
    "结束账户之前，我要把港股转去另一家券商，每只股票收多少转仓费？",
    # a trade the asker reports having made, with its figures; an all-in price
    "I bought US shares; the buy costs US$4,862.35 all-in and settles on Thursday. How much HKD will Auto-FX take?",
    "What is the all-in cost of buying 1,500 shares online?",
    "I bought 300 shares at HK$41.20 last Monday and the buy settles on Wednesday. How much is taken from my account?",
    "I sold 2 lots on 3 May at NT$58.10; how much arrives in my settlement account, and when?",
    "How much of my voluntary contributions can I deduct from salaries tax each year?",  # how much of my …, no modal
    # whether a kind of lot or trade can be done at all
    "夜盘能卖空或者买碎股吗？",
    "盤前、盤後同夜盤可唔可以買零碎股？",
    # an obligation asked with 要不要: a tax, a fee, a form
    "REIT配發的收益要不要繳所得稅？",
    "經App轉換要不要付手續費？",
    # ... or the charge alone: whether it applies, not whether to act
    "提早還晒私人貸款要不要罰息？",
    "网上转账每天最多能转多少，要不要手续费？",
    "退保要不要退保费用，按哪一年算？",
    # noteworthy is no judgement asked; which option costs less, or how each is computed, is arithmetic
    "这份公告有什么值得注意的地方吗？",
    "哪种汇款方式手续费更划算？",
    "定期存款提前支取还是到期支取，利息怎么算？",
    # a payment a contract or a notice sets is no forecast
    "What will his new monthly instalment be from July?",
    "what will my premium be after the NCD comes off",
    "Will my premium go up at renewal?",
    "續保保費會不會漲？",
])
def test_questions_for_facts_are_not_advice(question):
    assert not is_advice_request(normalize_query(question))
