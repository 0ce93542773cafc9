"""The knowledge base facade: what ingest writes into and the assistant reads from."""
from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from knowledge_base.catalog import Catalog, text_hash
from knowledge_base.dictionary_terms import (
    dictionary_terms, english_glosses, glosses_of_any_word, unknown_topics, written_in_english,
)
from knowledge_base.dictionary_terms import load as load_dictionary
from knowledge_base.spelling import is_english_word, load as load_spelling
from knowledge_base.embedders.base import Embedder
from knowledge_base.errors import EmbedderMismatchError, StoreUnavailableError
from knowledge_base.options import KnowledgeBaseOptions
from knowledge_base.records import ChunkRecord, DocumentRecord, SearchHit
from knowledge_base.fusion import FUSION_MODES
from knowledge_base.glosses import GlossedTerms, english_words
from knowledge_base.inflections import inflected_forms
from knowledge_base.lexical_tokens import EN_QUERY_TERMS, ENTITY_ALIASES, STOPWORDS, compound_parts, english_terms_in, finance_word_tags, tokenize
from knowledge_base.romanized_names import load as load_readings, romanized_names, spelt_phrase
from knowledge_base.retriever import DenseRetriever, HybridRetriever, LexicalRetriever, SearchFilters, glossed_terms
from knowledge_base.screening import document_flags, merge_flags
from knowledge_base.scripts import has_cjk
from knowledge_base.unit_vectors import VectorMemo, quotable_unit_texts

if TYPE_CHECKING:
    import numpy as np

    from knowledge_base.store import ChromaStore

ENGLISH_ONLY_SAMPLE = 20  # chunks read to tell whether a name is only met in English pages
_log = logging.getLogger("caiwen.knowledge_base")


@dataclass
class PendingDocument:
    """A document whose chunks are embedded and ready to be written."""

    doc: DocumentRecord
    cleaned_text: str
    chunks: list[ChunkRecord]
    vectors: np.ndarray
    page_starts: list[int] | None = None  # paged formats: offset of each page in cleaned_text


class KnowledgeBase:
    """`embedder` and `store` may be given as zero-argument factories: they are then built on first use, so
    an answer the lexical index serves alone never loads the embedding model or Chroma (start-up)."""

    def __init__(self, embedder: Embedder | Callable[[], Embedder], store: "ChromaStore | Callable[[], ChromaStore]",
                 catalog: Catalog, options: KnowledgeBaseOptions | None = None):
        self.options = options or KnowledgeBaseOptions()
        FUSION_MODES.get(self.options.retrieval_mode)  # a misconfigured mode fails at start-up, naming the known ones
        self.catalog = catalog
        self.retriever = HybridRetriever(LexicalRetriever(catalog), DenseRetriever(self._dense_search), catalog)
        self._embedder: Embedder | None = None
        self._embedder_factory = embedder if _is_factory(embedder, "embed_queries") else None
        self._store = None if _is_factory(store, "dense_search") else store
        self._store_factory = store if self._store is None else None
        self._synced_revision: str | None = None
        self._synced_at = float("-inf")
        self._query_vectors = VectorMemo(256)  # retrieval and answer selection embed a question once
        self._unit_vectors = VectorMemo(20_000)
        if self._embedder_factory is None:
            self.embedder = embedder

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self.embedder = self._embedder_factory()
        return self._embedder

    @embedder.setter
    def embedder(self, embedder: Embedder) -> None:
        if self._embedder is None:
            self.check_embedder(embedder.id)
        self._embedder = embedder

    def check_embedder(self, embedder_id: str) -> None:
        """Record the embedder of a new knowledge base; refuse another one for an existing knowledge base."""
        recorded = self.catalog.get_meta("embedder")
        if recorded is None:
            self.catalog.set_meta("embedder", embedder_id)
        elif recorded != embedder_id:
            raise EmbedderMismatchError(
                f"the knowledge base in {self.options.data_dir} was built with embedder {recorded!r}, "
                f"not {embedder_id!r}: re-index into a fresh data directory (CAIWEN_DATA_DIR)"
            )

    @property
    def store(self) -> "ChromaStore":
        if self._store is None:
            self._store = self._store_factory()
        return self._store

    # --- writing (ingest) ----------------------------------------------------------------
    def embed_chunks(self, chunks: list[ChunkRecord]) -> tuple[np.ndarray, int]:
        """Vectors for chunks, computing only those whose text this embedder has not seen; returns (vectors, computed)."""
        import numpy as np  # not at import: a cold question needs no vectors when the lexical side suffices

        hashes = [text_hash(c.embed_text) for c in chunks]
        cached = self.catalog.cached_vectors(self.embedder.id, hashes)
        missing = [i for i, h in enumerate(hashes) if h not in cached]
        fresh: dict[str, np.ndarray] = {}
        size = self.options.embed_batch_size
        for i in range(0, len(missing), size):
            batch = missing[i: i + size]
            vectors = self.embedder.embed_passages([chunks[j].embed_text for j in batch])
            fresh.update({hashes[j]: v for j, v in zip(batch, vectors)})
        if fresh:
            self.catalog.cache_vectors(self.embedder.id, fresh)
        cached.update(fresh)
        dim = self.embedder.dim
        return np.array([cached[h] for h in hashes], dtype=np.float32).reshape(len(chunks), dim), len(missing)

    def embed_units(self, chunks: list[ChunkRecord]) -> int:
        """Cache the vectors of the chunks' quotable answer units not cached yet (none when the options turn
        unit vectors off); returns how many were embedded."""
        if not self.options.unit_vectors:
            return 0
        texts = quotable_unit_texts(chunks)
        hashes = [text_hash(t) for t in texts]
        cached = self.catalog.cached_vectors(self.embedder.id, hashes)
        # Sentences vary in length far more than chunks: batched by length, a batch pads little.
        missing = sorted((i for i, h in enumerate(hashes) if h not in cached), key=lambda i: len(texts[i]))
        size = self.options.embed_batch_size
        for i in range(0, len(missing), size):
            batch = missing[i: i + size]
            vectors = self.embedder.embed_passages([texts[j] for j in batch])
            self.catalog.cache_vectors(self.embedder.id, {hashes[j]: v for j, v in zip(batch, vectors)})
        return len(missing)

    def write_documents(self, pending: list["PendingDocument"]) -> None:
        """Write embedded documents: one vector upsert for all, then per document its stale vectors and its
        catalog commit. A document is visible only once its catalog commit is done; the caller bumps the
        store's revision once its run is done."""
        if not pending:
            return
        import numpy as np

        self.store.upsert([(p.doc, p.chunks) for p in pending], np.concatenate([p.vectors for p in pending]))
        for p in pending:
            self.store.delete_stale(p.doc.doc_id, p.doc.content_hash)
            self.catalog.replace_document(p.doc, p.cleaned_text, p.chunks, p.page_starts)

    def restore_vectors(self, doc_id: str, stored_ids: set[str]) -> int | None:
        """Re-upsert a catalogued document whose vectors the store lost (a deleted or replaced Chroma
        directory), from the embedding cache. Returns the chunks embedded anew, or None when none was lost."""
        chunks = self.catalog.chunks(doc_id)
        doc = self.catalog.document(doc_id)
        if doc is None or all(c.chunk_id in stored_ids for c in chunks):
            return None
        vectors, computed = self.embed_chunks(chunks)
        self.store.upsert([(doc, chunks)], vectors)
        return computed

    def remove_document(self, doc_id: str) -> None:
        self.store.delete_doc(doc_id)
        self.catalog.delete_document(doc_id)

    def mentions(self, term: str, whole_token: bool = False) -> bool:
        """Does any chunk mention `term` (normalized text)? `whole_token`: as an indexed token only."""
        return self.catalog.mentions(term, whole_token=whole_token)

    def documents_titled(self, term: str) -> list[str]:
        """The documents whose title writes `term` (normalized, lower case) as a word: a publisher named nowhere else."""
        return self.catalog.documents_titled(term)

    def texts_mentioning(self, token: str, limit: int) -> list[str]:
        """Normalized texts of up to `limit` chunks whose lexical index holds `token` (newest first)."""
        return self.catalog.texts_mentioning(token, limit)

    def glossed_terms(self, norm_query: str) -> GlossedTerms:
        """Chinese index words that the documents gloss with an English question's words (「重組(Reconstitution)」);
        `.names`: those that only name a company the question is about, glossed or spelt in pinyin ("Lanyu
        Energy Storage": 澜屿)."""
        glossed = glossed_terms(norm_query, self.catalog)
        by_word = romanized_names(norm_query, is_english_word, self.catalog.terms_starting, self.catalog.texts_mentioning)
        if not by_word:
            return glossed
        spelt = [n for names in by_word.values() for n in names if n not in glossed]
        # the question's phrase for each name, where one Chinese name is what it spells
        phrases = {phrase: names[0] for word, names in by_word.items()
                   if len(names) == 1 and (phrase := spelt_phrase(norm_query, word))}
        return GlossedTerms([*glossed, *dict.fromkeys(spelt)], glossed.names | set(spelt), phrases)

    def translated_terms(self, norm_query: str, glossed: Sequence[str] = ()) -> list[str]:
        """Chinese index words a bilingual dictionary gives for an English question's words that neither the
        query-term list, the entity list nor the documents' glosses (`glossed`) map, where the knowledge base
        uses them."""
        # An English word the knowledge base indexes as written meets its English sources directly: a dictionary
        # word for it would pull the Chinese pages in instead ("fund" → 基金 for a question on an English fund).
        # A word the query-term list maps to Chinese words this knowledge base never uses (fee → 管理费 where the
        # documents say 管理人费用) is looked up in the dictionary as if the list did not map it.
        # A question naming a company that only Chinese pages name (a glossed or pinyin-spelt name: Lanyu is 澜屿)
        # is answered in Chinese text: its English words are looked up even where English pages use them
        # (shareholders → 股东 beside an English fund's "shareholders").
        in_chinese = isinstance(glossed, GlossedTerms) and bool(glossed.names)
        skip = {w for w in english_words(norm_query)
                if self._mapped_here(w) or not in_chinese and self._mentions_word(w)}
        return [t for t in dictionary_terms(norm_query, self.catalog.mentions, skip, self.catalog.chunk_frequency)
                if t not in glossed]

    def warm(self) -> None:
        """Load what the first question would otherwise wait for (the bilingual dictionary's index, the English
        words the spelling check knows, the characters' pinyin readings and the documents' title words)."""
        load_dictionary()
        load_spelling()
        load_readings()
        self.catalog.documents_titled("")

    def unknown_topics(self, norm_query: str) -> list[str]:
        """English words of the question naming a thing the knowledge base knows under no name (bitcoin)."""
        return unknown_topics(norm_query, self._mentions_word, {w for w in english_words(norm_query) if self._mapped(w)})

    def english_forms(self, norm_query: str) -> list[str]:
        """English index words for a Chinese question's words that the query-term list maps (存续期间 → duration),
        where the knowledge base uses every word of the English form; only for a question about a thing that
        only English pages write about (「HLIC的存续期间」; 「BWRD的费用率」, though a Chinese fee table lists BWRD):
        elsewhere the English words would pull English pages in ahead of the Chinese ones that answer (市值 →
        "market cap" for a question on 罗素2000)."""
        names = re.findall(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9&.\-]{1,}(?![A-Za-z0-9])", norm_query)
        # a stock code (6218) names its company as well as its name does; a year does not
        names += [c for c in re.findall(r"(?<![\d.])\d{4,6}(?![\d.])", norm_query) if not re.fullmatch(r"(19|20)\d\d", c)]
        if not any(self._named_only_in_english(n) for n in names) and not self._described_only_in_english(norm_query):
            return []
        out: list[str] = []
        found = english_terms_in(norm_query)
        unmet: set[str] = set()  # listed words none of whose English forms the pages write (分红: "dividend distribution")
        for word, forms in found.items():
            if any(word in longer and word != longer for longer in found):
                continue  # 利率 inside 殖利率: the longer word is the one written
            met = False
            for form in forms:
                words = tokenize(form)
                if words and all(self._mentions_word(w) for w in words):
                    out += [w for w in words if w not in out]
                    met = True
            if not met:
                unmet.add(word)
        # The question's other nouns through the general dictionary (物流: logistics, 收入: revenue): the first
        # gloss all of whose words the English pages use
        tags = finance_word_tags()
        for word in tokenize(norm_query):
            # nouns, and words the segmenter does not know (冷链); a compound the dictionary lacks through its parts
            # a listed finance word the pages write in none of its listed forms goes through the dictionary too,
            # whatever its tag (分红, tagged a verb: "dividend")
            if (word in found and word not in unmet) or not has_cjk(word) or len(word) < 2 or \
                    not (word in unmet or tags.get(word, "n").startswith("n")):
                continue
            for part in [word] if glosses_of_any_word(word) else compound_parts(word):
                # a gloss that is a phrase of function words ("close the market") is a definition, not a name
                # (of a listed word none of whose listed forms the pages write, a gloss of one word only: 分红's
                # "dividend", not 市盈率's "P/E ratio", whose "ratio" alone is every other ratio)
                kept = [used for gloss in glosses_of_any_word(part) if (words := tokenize(gloss))
                        and not (word in unmet and len(words) > 1)
                        and not any(w in STOPWORDS for w in gloss.split())
                        and None not in (used := [self._used_english(w) for w in words])][:2]
                out += [w for words in kept for w in words if w not in out]
        return out

    def _used_english(self, word: str) -> str | None:
        """The form of an English word the pages use: as written, longer ("shareholders" for shareholder), or in
        another inflection ("profit" for the dictionary's "profits"); None where they use none."""
        if self._mentions_word(word) or self.catalog.terms_starting(word, 1):
            return word
        return next(iter(inflected_forms([word], self.catalog.terms_starting)), None)

    def _described_only_in_english(self, norm_query: str) -> bool:
        """The question describes its subject in Chinese words the knowledge base never writes but its English pages
        write as a single-word gloss of the general dictionary, two at least and one of them a place or a name
        (「这个亚洲半导体指数」: asia, semiconductor). Common nouns alone (「债券基金的物流收入」 over English pages) name
        no thing only English pages write about."""
        tags = finance_word_tags()
        described, named = 0, False
        for word in tokenize(norm_query):
            tag = tags.get(word, "n")
            if not has_cjk(word) or len(word) < 2 or not tag.startswith("n") or self.mentions(word):
                continue
            if written_in_english(word, self._mentions_word):
                described += 1
                named = named or tag in ("ns", "nr", "nz", "nt")
        return described >= 2 and named

    def _named_only_in_english(self, name: str) -> bool:
        """Only English pages write about it: a Chinese page that merely lists it in a table row (a broker's fee
        table listing BWRD) does not count, one that names it in prose (ETF in a Chinese article) does."""
        name = name.lower()
        texts = self.catalog.texts_mentioning(name, ENGLISH_ONLY_SAMPLE)

        def in_chinese_prose(text: str) -> bool:
            return has_cjk(text) and any(name in line.lower() and not line.lstrip().startswith("|")
                                         for line in text.splitlines())
        return any(not has_cjk(t) for t in texts) and not any(in_chinese_prose(t) for t in texts)

    def _mentions_word(self, word: str) -> bool:
        return self.catalog.mentions(word, whole_token=word.isascii())

    def _mapped_here(self, word: str) -> bool:
        """The entity list maps the English word, or the query-term list maps it to a word this knowledge base uses."""
        if word in ENTITY_ALIASES:
            return True
        return word in EN_QUERY_TERMS and any(self.catalog.mentions(t) for t in EN_QUERY_TERMS[word].split())

    @staticmethod
    def _mapped(word: str) -> bool:
        """The query-term or entity list already maps the English word."""
        return word in EN_QUERY_TERMS or word in ENTITY_ALIASES

    def document_hashes(self) -> dict[str, str]:
        """doc_id -> content hash of every catalogued document (what an incremental ingest compares)."""
        return self.catalog.document_hashes()

    def stored_chunk_ids(self) -> set[str]:
        """The chunk ids the vector store holds (an ingest re-embeds catalogued chunks missing from it)."""
        return self.store.chunk_ids()

    def mark_changed(self) -> None:
        """Once per ingest that changed anything: other machines re-sync their catalog from the store."""
        self.store.bump_revision()

    # --- several machines on one Chroma server ---------------------------------------------
    def sync_catalog(self) -> int:
        """Bring this machine's catalog (chunk texts, lexical index) in line with the shared Chroma store.

        With a `chroma run` server, API instances on other machines did not run the ingest: their catalog is
        derived state, rebuilt from what the store holds. A document caught mid-write (chunks of two
        versions) is left for the next sync. Returns how many documents changed."""
        from knowledge_base.store import page_breaks_from_meta

        stored: dict[str, dict[str, list]] = {}
        for chunk_id, meta, norm_text in self.store.records():
            if not meta or "doc_hash" not in meta:
                continue  # written before the store carried catalog fields
            stored.setdefault(meta["doc_id"], {}).setdefault(meta["doc_hash"], []).append((chunk_id, meta, norm_text))
        local = self.catalog.document_hashes()
        changed = 0
        for doc_id, versions in stored.items():
            if len(versions) != 1:
                continue
            (digest, rows), = versions.items()
            if local.get(doc_id) == digest or len(rows) != rows[0][1]["doc_chunks"]:
                continue
            rows.sort(key=lambda row: row[1]["ordinal"])
            first = rows[0][1]
            doc = DocumentRecord(doc_id=doc_id, title=first["title"], published=first.get("published"),
                                 script=first["script"], content_hash=digest, source_path=first["source_path"],
                                 chunk_count=len(rows),
                                 flags=merge_flags(document_flags(m["text"]) for _, m, _ in rows))
            chunks = [ChunkRecord(chunk_id=cid, doc_id=doc_id, ordinal=m["ordinal"], start=m["start"], end=m["end"],
                                  text=m["text"], norm_text=norm, heading=m["heading"], title=m["title"],
                                  published=m.get("published"), script=m["script"], page=m.get("page"),
                                  page_end=m.get("page_end"), page_breaks=page_breaks_from_meta(m),
                                  units=m.get("units"))
                      for cid, m, norm in rows]
            self.catalog.replace_document(doc, "", chunks)  # the full cleaned text stays with the ingest machine
            changed += 1
        for doc_id in set(local) - set(stored):
            self.catalog.delete_document(doc_id)
            changed += 1
        self._synced_revision = self.store.revision
        self._synced_at = time.monotonic()
        return changed

    def maybe_sync(self) -> None:
        if not self.options.chroma_url or getattr(self.catalog, "shared", False):
            return  # embedded store, or a catalog every instance shares: the catalog is the record
        if time.monotonic() - self._synced_at < self.options.catalog_sync_s:
            return
        self._synced_at = time.monotonic()
        if self.store.revision != self._synced_revision:
            self.sync_catalog()

    # --- reading -------------------------------------------------------------------------
    def _chroma_files_lost(self) -> bool:
        """The embedded store's directory is gone while the catalog still holds chunks. (An empty knowledge
        base has no directory until the store is first opened, which is lazy.)"""
        path = self.options.chroma_path
        return not self.options.chroma_url and path is not None and not path.is_dir() and self.catalog.chunk_count() > 0

    def search(self, query: str, k: int = 5, filters: dict | SearchFilters | None = None, mode: str | None = None,
               glossed: list[str] | None = None) -> list[SearchHit]:
        """The top `k` chunks; `glossed`: the query's glossed terms when the caller has looked them up
        (`glossed_terms`), so they are not looked up twice."""
        if self._chroma_files_lost():
            # an open embedded client keeps answering from deleted files: say so rather than answer from them
            raise StoreUnavailableError(f"the Chroma directory {self.options.chroma_path} is missing")
        self.maybe_sync()
        if not isinstance(filters, SearchFilters):
            filters = SearchFilters.from_dict(filters)
        return self.retriever.search(query, k, filters, mode or self.options.retrieval_mode, glossed)

    def _dense_search(self, norm_query: str, limit: int, where: dict | None) -> list[tuple[str, float]]:
        return self.store.dense_search(self.query_vector(norm_query), limit, where)

    def query_vector(self, norm_query: str) -> "np.ndarray":
        """The query embedding of a normalized question, computed once for retrieval and answer selection."""
        vector = self._query_vectors.get(norm_query)
        if vector is None:
            vector = self.embedder.embed_queries([norm_query])[0]
            self._query_vectors.put(norm_query, vector)
        return vector

    @property
    def embedder_id(self) -> str:
        """The embedder's id, read from the catalog where the model is not loaded yet."""
        if self._embedder is not None:
            return self._embedder.id
        return self.catalog.get_meta("embedder") or self.embedder.id

    def fixed_query_vectors(self, texts: list[str]) -> "np.ndarray":
        """Query embeddings of fixed texts (the labelled questions of assistant.advice_neighbours), one row each:
        computed once per embedder and kept in the catalog's vector cache, under keys no passage text takes."""
        import numpy as np

        keys = [text_hash(f"query\x00{t}") for t in texts]
        cached = self.catalog.cached_vectors(self.embedder.id, keys)
        missing = [i for i, key in enumerate(keys) if key not in cached]
        size = self.options.embed_batch_size
        for i in range(0, len(missing), size):
            batch = missing[i: i + size]
            fresh = {keys[j]: v for j, v in zip(batch, self.embedder.embed_queries([texts[j] for j in batch]))}
            cached.update(fresh)
            try:
                self.catalog.cache_vectors(self.embedder.id, fresh)
            except Exception as exc:  # noqa: BLE001 (a role that may only read the catalog: computed again next start)
                _log.warning("query vectors of fixed texts not cached: %s", exc)
        return np.array([cached[k] for k in keys], dtype=np.float32).reshape(len(texts), self.embedder.dim)

    def unit_vectors(self, texts: list[str]) -> "dict[str, np.ndarray]":
        """Cached vectors of answer-unit embed texts (knowledge_base.unit_vectors.unit_embed_text), by text;
        texts never embedded (a knowledge base ingested before unit vectors) are left out. Embeds nothing."""
        found: dict[str, np.ndarray] = {}
        wanted: dict[str, str] = {}
        for text in texts:
            vector = self._unit_vectors.get(text)
            if vector is not None:
                found[text] = vector
            else:
                wanted[text_hash(text)] = text
        if wanted:
            # The recorded embedder id: asking the embedder would load its model even when nothing is cached.
            recorded = self._embedder.id if self._embedder is not None else self.catalog.get_meta("embedder")
            for digest, vector in self.catalog.cached_vectors(recorded or self.embedder.id, list(wanted)).items():
                found[wanted[digest]] = vector
                self._unit_vectors.put(wanted[digest], vector)
        return found


    def sources(self) -> list[DocumentRecord]:
        self.maybe_sync()
        return self.catalog.documents()

    def document(self, doc_id: str) -> DocumentRecord | None:
        return self.catalog.document(doc_id)

    def chunks(self, doc_id: str) -> list[ChunkRecord]:
        return self.catalog.chunks(doc_id)

    def ping(self) -> bool:
        return self.store.ping()

    def health(self) -> dict[str, Any]:
        """Readiness of the index: the store answers, its files are there, and every catalogued chunk has a
        vector (fewer vectors than chunks means dense search silently misses documents)."""
        if self._chroma_files_lost():
            return {"store": False, "store_error": "the Chroma directory is missing"}
        try:
            vectors = self.store.count()
        except StoreUnavailableError:
            return {"store": False, "store_error": "the Chroma store does not answer"}
        chunks = self.catalog.chunk_count()
        return {"store": True, "vectors": vectors, "chunks": chunks, "vectors_missing": max(0, chunks - vectors)}


def _is_factory(value: object, method: str) -> bool:
    return callable(value) and not hasattr(value, method)
