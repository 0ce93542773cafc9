"""A local llama.cpp model behind the OpenAI-compatible path: weights (`weights`) and the server (`server`).

A harness for the production path, which points `CAIWEN_LLM_BASE_URL` at its own vetted model server.
Needs the optional extra: `pip install 'caiwen[local-llm]' -c constraints.txt`.
"""
