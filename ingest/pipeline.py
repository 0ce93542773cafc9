"""The ingestion job: discover files, skip unchanged ones, embed (with cache) and write changed ones.

Each document is prepared and embedded, then written with others in a batch: one upsert of the batch's
vectors, then per document its stale vectors deleted and its catalog commit. Searches only return chunks
the catalog knows, so a crash between steps never exposes a half-written document, and the next run
repairs it (the catalog still holds the old hash; the vectors come from the cache).
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ingest.documents import prepare_document, read_document
from ingest.errors import IngestFileError
from ingest.formats import IngestOptions
from ingest.summary import FileFailure, IngestSummary
from knowledge_base.base import KnowledgeBase, PendingDocument
from knowledge_base.errors import KnowledgeBaseError


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _refusal(file: Path, real_root: Path) -> str | None:
    """Why a file found under a folder must not be read, or None. A symbolic link may point anywhere on the
    server (/etc/passwd): only what resolves inside the folder being ingested is read."""
    target = file.resolve()
    if not _inside(target, real_root):
        return "symbolic link to a file outside the ingest folder: skipped"
    if not target.is_file():  # a FIFO would block the job forever; a device is not an article
        return "not a regular file (broken link, pipe or device): skipped"
    return None


def discover(paths: Iterable[Path], doc_id_prefix: str = "") -> tuple[list[tuple[Path, str]], list[FileFailure]]:
    """(file, doc_id) pairs; doc_id is `doc_id_prefix` + the path relative to the root it was found under. A
    file named directly is the caller's choice; inside a folder, links are followed only to files within it."""
    found: list[tuple[Path, str]] = []
    missing: list[FileFailure] = []
    for root in paths:
        root = Path(root)
        if root.is_file():
            found.append((root, doc_id_prefix + root.name))
        elif root.is_dir():
            real_root = root.resolve()
            for dirpath, dirnames, filenames in os.walk(root):
                here = Path(dirpath)
                for name in sorted(d for d in dirnames if not d.startswith(".") and (here / d).is_symlink()):
                    missing.append(FileFailure(path=str(here / name), reason="symbolic link to a folder: not followed"))
                dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not (here / d).is_symlink())
                for name in sorted(filenames):
                    if name.startswith("."):
                        continue
                    file = here / name
                    reason = _refusal(file, real_root)
                    if reason is not None:
                        missing.append(FileFailure(path=str(file), reason=reason))
                        continue
                    found.append((file, doc_id_prefix + file.relative_to(root).as_posix()))
        else:
            missing.append(FileFailure(path=str(root), reason="no such file or directory"))
    return found, missing


def run_ingest(
    paths: list[Path],
    kb: KnowledgeBase,
    ingest_options: IngestOptions,
    prune: bool = False,
    progress: bool = False,
    doc_id_prefix: str = "",
) -> IngestSummary:
    """`doc_id_prefix` keeps a namespace apart (API uploads: `upload/`), so it cannot replace documents
    ingested from the corpus folders."""
    started = time.perf_counter()
    options = ingest_options.load
    files, failures = discover(paths, doc_id_prefix)
    summary = IngestSummary(failed=failures)
    known = kb.document_hashes()
    stored_ids = kb.stored_chunk_ids() if known else set()
    seen: set[str] = set()

    bar = Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), disable=not progress, transient=False,
    )
    pending: list[PendingDocument] = []

    def flush() -> None:
        """Chroma costs a fixed 40–250 ms per write call, so documents are written in batches."""
        kb.write_documents(pending)
        for p in pending:
            (summary.updated if p.doc.doc_id in known else summary.added).append(p.doc.doc_id)
            summary.chunks_written += len(p.chunks)
        pending.clear()

    try:
        with bar:
            task = bar.add_task("", total=len(files))
            for path, doc_id in files:
                bar.update(task, description=doc_id)
                seen.add(doc_id)
                try:
                    read = read_document(path, doc_id, options, ingest_options.chunk_size, ingest_options.chunk_overlap)
                    summary.warnings.extend(FileFailure(path=str(path), reason=note) for note in read.notes)
                    if known.get(doc_id) == read.digest:
                        # A document ingested before unit vectors gets them now; cached ones cost one lookup.
                        summary.units_embedded += kb.embed_units(kb.chunks(doc_id))
                        restored = kb.restore_vectors(doc_id, stored_ids)
                        if restored is None:
                            summary.unchanged.append(doc_id)
                        else:
                            summary.repaired.append(doc_id)
                            summary.chunks_embedded += restored
                        continue
                    doc = prepare_document(path, doc_id, read, ingest_options.chunk_size, ingest_options.chunk_overlap)
                    vectors, computed = kb.embed_chunks(doc.chunks)
                    summary.chunks_embedded += computed
                    summary.units_embedded += kb.embed_units(doc.chunks)
                    if any(p.doc.doc_id == doc_id for p in pending):
                        flush()  # the same doc_id from two roots: the later one wins, in order
                    pending.append(PendingDocument(doc.record, doc.cleaned_text, doc.chunks, vectors, doc.page_starts))
                    if sum(len(p.chunks) for p in pending) >= ingest_options.write_batch_chunks:
                        flush()
                except IngestFileError as exc:
                    summary.failed.append(FileFailure(path=str(path), reason=str(exc)))
                except KnowledgeBaseError:
                    raise  # the store or embedder is down: stop, nothing half-written is visible
                except OSError as exc:
                    summary.failed.append(FileFailure(path=str(path), reason=f"cannot read: {exc.strerror or exc}"))
                finally:
                    bar.advance(task)
            flush()
        if prune:
            for doc_id in sorted(set(known) - seen):
                doc = kb.document(doc_id)
                if doc is not None and Path(doc.source_path).exists():
                    continue  # ingested from another root and still there: only vanished files are pruned
                kb.remove_document(doc_id)
                summary.removed.append(doc_id)
    finally:
        if summary.added or summary.updated or summary.removed or summary.repaired:
            kb.mark_changed()
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary
