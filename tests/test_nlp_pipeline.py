"""purportedly's components behave like spaCy's own: registered on import and by entry points,
added by name to a user's pipeline, saved and loaded back in a fresh process, and giving the
same results however the pipeline was built."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import tomllib
import weakref
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import spacy
import srsly
from spacy.tokens import DocBin

import purportedly
from purportedly.analysis import analysis_from_doc, make_doc
from purportedly.components import FACTORIES
from purportedly.nlp.extensions import stale_annotations
from purportedly.nlp.pipeline import COMPONENTS, DEFAULT_MODEL, add_components
from purportedly.nlp.tokenizer import keep_dotted_names
from purportedly.reading import read_text
from tests.conftest import SEEDS
from tests.test_engines_local import ARTICLES

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"

# A fictional report with a dotted outlet name, the tokenizer change's reason to exist.
DOTTED = (
    "Strike on the Lysa Hora depot\n\n"
    "A video posted by Zirka.Ru purportedly shows the depot burning after 2 drones hit it, "
    'Zirka.Ru reported on Tuesday. "Nobody slept that night," a resident told Vechir.Info. '
    "The regional governor said at least 4 people were hurt.\n"
)
TEXTS = [DOTTED, *(text for text in ARTICLES.values() if text.strip())]


def run_fresh(script: str) -> str:
    """Run ``script`` in a new Python process (nothing imported yet) and return its stdout."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def user_pipeline() -> spacy.language.Language:
    """What a user writes: the model, then our components added by name in their order."""
    nlp = spacy.load(DEFAULT_MODEL)
    for spec in COMPONENTS:
        if spec.before:
            nlp.add_pipe(spec.name, before=spec.before)
        else:
            nlp.add_pipe(spec.name)
    return nlp


def analyses(nlp, texts: list[str]) -> list[str]:
    return [analysis_from_doc(nlp(make_doc(nlp, read_text(t, document=f"t{i}")))).to_json()
            for i, t in enumerate(texts)]


def test_add_pipe_by_name_after_a_plain_import() -> None:
    out = run_fresh(
        "import spacy, purportedly.nlp\n"
        f"nlp = spacy.load({DEFAULT_MODEL!r})\n"
        "nlp.add_pipe('purportedly_quotes')\n"
        "doc = nlp('\"We are leaving,\" the soldier said.')\n"
        "print(doc._.quotes[0].text)\n"
    )
    assert out.strip() == "We are leaving,"


def test_every_factory_is_an_entry_point() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["entry-points"]["spacy_factories"]
    assert set(declared) == set(FACTORIES) == {spec.name for spec in COMPONENTS}
    for name, target in declared.items():
        module, function = target.split(":")
        assert FACTORIES[name].__module__ == module and FACTORIES[name].__name__ == function
    assert set(project["entry-points"]["spacy_callbacks"]) == set(purportedly.components.CALLBACKS)


def test_the_pipeline_saves_and_loads_back(tmp_path) -> None:
    nlp = purportedly.load_pipeline()
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    assert [t.text for t in loaded.make_doc(DOTTED)] == [t.text for t in nlp.make_doc(DOTTED)]
    assert analyses(loaded, TEXTS) == analyses(nlp, TEXTS)
    from_bytes = spacy.load(tmp_path / "pipeline").from_bytes(nlp.to_bytes())
    assert analyses(from_bytes, TEXTS[:1]) == analyses(nlp, TEXTS[:1])


def test_a_users_saved_pipeline_gives_analyzes_results_in_a_fresh_process(tmp_path) -> None:
    user_pipeline().to_disk(tmp_path / "mine")
    (tmp_path / "texts.json").write_text(json.dumps(TEXTS), encoding="utf-8")
    out = run_fresh(
        "import json, sys\n"
        "from importlib.metadata import entry_points\n"
        "import spacy\n"
        # an installed purportedly is found through its entry points; a source checkout on
        # PYTHONPATH has none, and the user imports it (either way before spacy.load)
        "if 'purportedly_quotes' not in {e.name for e in entry_points(group='spacy_factories')}:\n"
        "    import purportedly\n"
        f"nlp = spacy.load({str(tmp_path / 'mine')!r})\n"
        "from purportedly.analysis import analysis_from_doc, make_doc\n"
        "from purportedly.reading import read_text\n"
        f"texts = json.loads(open({str(tmp_path / 'texts.json')!r}).read())\n"
        "for i, t in enumerate(texts):\n"
        "    doc = nlp(make_doc(nlp, read_text(t, document=f't{i}')))\n"
        "    print(analysis_from_doc(doc).to_json(indent=None))\n"
    )
    fresh = [json.loads(line) for line in out.splitlines()]
    expected = [json.loads(purportedly.analyze(t, document=f"t{i}").to_json()) for i, t in enumerate(TEXTS)]
    assert len(fresh) == len(TEXTS) >= 5
    assert fresh == expected
    assert any(q["speaker"] for r in fresh for q in r["quotes"])  # the comparison is not of empty results
    assert any(s["name"] == "Zirka.Ru" for s in fresh[0]["sources"])


def test_add_components_gives_what_load_pipeline_gives() -> None:
    built = add_components(spacy.load(DEFAULT_MODEL))
    assert analyses(built, TEXTS) == analyses(purportedly.load_pipeline(), TEXTS)
    assert [t.text for t in built.make_doc(DOTTED)].count("Zirka.Ru") == 2


def test_the_tokenizer_change_is_in_the_config() -> None:
    nlp = purportedly.load_pipeline()
    assert nlp.config["nlp"]["after_creation"] == {"@callbacks": "purportedly.keep_dotted_names.v1"}
    rebuilt = spacy.util.load_model_from_config(nlp.config, auto_fill=True)
    assert [t.text for t in rebuilt.make_doc(DOTTED)].count("Zirka.Ru") == 2


def test_the_tokenizer_loaded_with_dotted_names_is_the_one_set_after_loading() -> None:
    # load_pipeline writes the dotted-name pattern into the saved tokenizer before loading it
    # (one load of the special cases); it must equal the model loaded, then changed
    loaded_once = purportedly.load_pipeline().tokenizer
    changed = keep_dotted_names(spacy.load(DEFAULT_MODEL)).tokenizer
    assert loaded_once.to_bytes(exclude=["vocab"]) == changed.to_bytes(exclude=["vocab"])
    assert loaded_once.token_match.__self__.pattern == changed.token_match.__self__.pattern
    assert [t.text for t in loaded_once(DOTTED)] == [t.text for t in changed(DOTTED)]
    assert [t.text for t in loaded_once(DOTTED)].count("Vechir.Info") == 1


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_a_component_added_alone_runs(name: str) -> None:
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe(name)
    assert nlp(DOTTED).text == DOTTED


def docs_of(nlp, texts: list[str]):
    return [make_doc(nlp, read_text(t, document=f"t{i}")) for i, t in enumerate(texts)]


def test_annotations_are_plain_data_that_survive_a_docbin() -> None:
    nlp = purportedly.load_pipeline()
    docs = list(nlp.pipe(docs_of(nlp, TEXTS)))
    expected = [analysis_from_doc(doc).to_json() for doc in docs]
    data = docs[0].user_data
    assert data and all(isinstance(key[1], str) for key in data)
    srsly.msgpack_dumps(list(data.values()))  # primitives only: would raise on a pydantic object
    restored = list(DocBin(docs=docs, store_user_data=True).from_bytes(
        DocBin(docs=docs, store_user_data=True).to_bytes()).get_docs(nlp.vocab))
    assert [analysis_from_doc(doc).to_json() for doc in restored] == expected
    assert restored[0]._.quotes == docs[0]._.quotes and restored[0]._.quotes  # typed views again
    assert restored[0]._.article == docs[0]._.article


def test_nlp_pipe_in_two_processes_gives_what_one_gives() -> None:
    nlp = purportedly.load_pipeline()
    one = [analysis_from_doc(doc).to_json() for doc in nlp.pipe(docs_of(nlp, TEXTS), batch_size=2)]
    docs = nlp.pipe(docs_of(nlp, TEXTS), batch_size=2, n_process=2)
    two = [analysis_from_doc(doc).to_json() for doc in docs]
    assert len(two) == len(TEXTS) and two == one


def test_no_component_changes_annotations_without_assigning_them_back() -> None:
    """Each component changes only the extensions it declares in ``assigns``, and writes every
    change into the Doc's plain data."""
    nlp = purportedly.load_pipeline()
    checked = 0
    for doc in docs_of(nlp, [*TEXTS, *(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))]):
        for name, component in nlp.pipeline:
            before = {key: id(value) for key, value in doc.user_data.items()}
            doc = component(doc)
            assert stale_annotations(doc) == [], name
            changed = {key[1].removesuffix("_data") for key, value in doc.user_data.items()
                       if before.get(key) != id(value)}
            declared = {a.removeprefix("doc._.") for a in nlp.get_pipe_meta(name).assigns}
            assert changed <= declared, name
            checked += 1
    assert checked >= len(TEXTS) * len(nlp.pipeline)


def test_analyze_pipes_finds_every_requirement_met() -> None:
    analysis = purportedly.load_pipeline().analyze_pipes()
    for spec in COMPONENTS:
        assert analysis["summary"][spec.name]["assigns"], spec.name
        assert analysis["problems"][spec.name] == [], spec.name


def test_one_pipeline_serves_several_threads_at_once() -> None:
    """The web API analyses pasted articles without a lock: components keep no per-Doc state."""
    texts = TEXTS * 3
    alone = [purportedly.analyze(t, document=f"t{i}").to_json() for i, t in enumerate(texts)]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda it: purportedly.analyze(it[1], document=f"t{it[0]}").to_json(),
                                 enumerate(texts)))
    assert len(together) == len(texts) and together == alone


def test_a_finished_doc_is_freed_with_its_typed_views() -> None:
    """The per-Doc caches (typed views, text, sentence index) hold the Doc only weakly."""
    nlp = purportedly.load_pipeline()
    doc = nlp(make_doc(nlp, read_text(DOTTED, document="freed.txt")))
    assert doc._.quotes and doc._.sources  # the views and the index were built
    gone = weakref.ref(doc)
    del doc
    gc.collect()
    assert gone() is None
