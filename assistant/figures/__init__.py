"""Figures in answers: which questions ask for one (`intent`, with `question_numbers` / `question_periods` /
`arithmetic_intent`), the answer the chain shows (`answering`, `wording`, `stated_arithmetic`), and the same
as LangChain tools for the llm composer (`tools`). The numbers come from `market_data`.
"""
