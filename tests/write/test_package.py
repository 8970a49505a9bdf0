from __future__ import annotations

import inspect

import sinoscope.write as write
from sinoscope.write import LLM, OpenAICompatibleLLM


def test_all_names_the_public_surface() -> None:
    assert sorted(write.__all__) == sorted(set(write.__all__))
    public = {
        n
        for n, v in vars(write).items()
        if not n.startswith("_") and not inspect.ismodule(v) and n != "annotations"
    }
    assert public == set(write.__all__)


def test_openai_client_fits_the_seam() -> None:
    seam = inspect.signature(LLM.complete)
    real = inspect.signature(OpenAICompatibleLLM.complete)
    assert list(seam.parameters) == list(real.parameters)
    for name in ("temperature", "max_tokens"):
        assert seam.parameters[name].default == real.parameters[name].default
