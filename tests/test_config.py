"""Settings: defaults < detente.toml < DETENTE_* environment < overrides; unknown keys rejected by name."""

from __future__ import annotations

import pytest

from detente.config import Settings, load_settings, settings_table
from detente.errors import ConfigError


@pytest.fixture
def toml(tmp_path):
    def put(text: str, name: str = "detente.toml"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return put


def test_defaults_without_file_or_environment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = load_settings(environ={})
    assert s == Settings() and s.db == "detente.duckdb"


def test_file_then_environment_then_overrides(toml):
    path = toml('db = "from-file.duckdb"\n[ingest]\nbatch_size = 7\nmin_words = 30\n[dedupe]\nthreshold = 0.9\n')
    s = load_settings(path, environ={})
    assert (s.db, s.ingest.batch_size, s.ingest.min_words, s.dedupe.threshold) == ("from-file.duckdb", 7, 30, 0.9)
    env = {"DETENTE_INGEST_BATCH_SIZE": "9", "DETENTE_DB": "from-env.duckdb", "HOME": "/ignored"}
    s = load_settings(path, environ=env)
    assert (s.db, s.ingest.batch_size, s.ingest.min_words) == ("from-env.duckdb", 9, 30)
    s = load_settings(path, overrides={"db": "from-cli.duckdb", "ingest.batch_size": 3, "dedupe.threshold": None},
                      environ=env)
    assert (s.db, s.ingest.batch_size, s.dedupe.threshold) == ("from-cli.duckdb", 3, 0.9)


def test_file_in_the_working_folder_is_found(toml, tmp_path, monkeypatch):
    toml("[nlp]\nbatch_size = 16\n")
    monkeypatch.chdir(tmp_path)
    assert load_settings(environ={}).nlp.batch_size == 16


def test_environment_values_are_parsed(monkeypatch):
    monkeypatch.setenv("DETENTE_CODING_CODE_ON_INGEST", "false")
    monkeypatch.setenv("DETENTE_ACTORS_EXTRA_FILES", "a.yaml,b.yaml")
    s = load_settings(overrides={"db": ":memory:"})
    assert s.coding.code_on_ingest is False and s.actors.extra_files == ("a.yaml", "b.yaml")


@pytest.mark.parametrize(
    ("text", "named"),
    [("colour = 'red'\n", "colour"), ("[ingest]\nbatchsize = 2\n", "ingest.batchsize"),
     ("[nlpp]\nmodel = 'x'\n", "nlpp")],
)
def test_unknown_key_in_file_is_rejected_by_name(toml, text, named):
    with pytest.raises(ConfigError) as caught:
        load_settings(toml(text), environ={})
    assert f"{named}: unknown setting" in caught.value.message
    assert "detente.toml" in caught.value.message


def test_unknown_environment_setting_is_rejected_by_name():
    with pytest.raises(ConfigError, match="Unknown environment setting DETENTE_INGEST_BATCHSIZE"):
        load_settings(overrides={"db": "x"}, environ={"DETENTE_INGEST_BATCHSIZE": "3"})


def test_unknown_override_is_rejected_by_name():
    with pytest.raises(ConfigError, match="dedupe.treshold: unknown setting"):
        load_settings(overrides={"dedupe.treshold": 0.5}, environ={})


@pytest.mark.parametrize(
    ("overrides", "named"),
    [({"ingest.batch_size": 0}, "ingest.batch_size"), ({"dedupe.threshold": 1.5}, "dedupe.threshold"),
     ({"ingest.max_file_mb": "lots"}, "ingest.max_file_mb")],
)
def test_bad_values_are_rejected_by_name(overrides, named):
    with pytest.raises(ConfigError, match=named):
        load_settings(overrides=overrides, environ={})


def test_section_given_a_plain_value_is_rejected():
    with pytest.raises(ConfigError, match="'ingest' is not a section"):
        load_settings(overrides={"ingest": 3, "ingest.batch_size": 2}, environ={})


def test_broken_or_missing_file(toml, tmp_path):
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(toml("[ingest\n"), environ={})
    with pytest.raises(ConfigError, match="Cannot read settings file"):
        load_settings(tmp_path / "absent.toml", environ={})


def test_settings_are_frozen():
    with pytest.raises(Exception):
        Settings().db = "other"  # type: ignore[misc]


def test_settings_table_lists_every_setting_with_default_and_help():
    table = settings_table()
    names = [name for name, _, _ in table]
    assert len(names) == len(set(names))
    defaults = Settings().model_dump()
    for name, default, help_text in table:
        section, _, key = name.partition(".")
        assert (defaults[section][key] if key else defaults[section]) == default, name
        assert help_text, f"{name} has no help text"
    # Every leaf of the settings object is in the table, and nothing else.
    leaves = set()
    for section, value in defaults.items():
        leaves |= {f"{section}.{key}" for key in value} if isinstance(value, dict) else {section}
    assert set(names) == leaves
