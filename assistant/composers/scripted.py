"""The fake beside the Composer protocol: answers queued with `enqueue()` are given back in order, so a test
of the chain or the API can script exactly what a model would have written (markers, invented numbers,
advice) without an LLM. With nothing queued it quotes the first context, like the extractive composer."""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from assistant.composers.base import Composition, CompositionInput


class ScriptedComposer:
    name = "scripted"

    def __init__(self) -> None:
        self._queued: deque[str] = deque()
        self.inputs: list[CompositionInput] = []

    def enqueue(self, *answers: str) -> "ScriptedComposer":
        self._queued.extend(answers)
        return self

    def compose(self, inp: CompositionInput) -> Composition:
        self.inputs.append(inp)
        if self._queued:
            text = self._queued.popleft()
        elif inp.contexts:
            text = f"{inp.contexts[0].chunk.text.strip().splitlines()[0]}[1]"
        else:
            text = ""
        return Composition(text=text, composer=self.name)

    def stream(self, inp: CompositionInput) -> Iterator[str | Composition]:
        composition = self.compose(inp)
        # Two pieces: a test sees the stream split a sentence as a model's tokens would.
        middle = len(composition.text) // 2
        yield composition.text[:middle]
        yield composition.text[middle:]
        yield composition
