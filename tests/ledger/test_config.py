"""The configuration file and store URLs: errors name the key and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from akte.ledger import crypto
from akte.ledger.config import ConfigError, load_config, open_ledger
from akte.ledger.store import StoreError
from akte.ledger.store_sqlite import SQLiteStore
from akte.ledger.stores import open_store


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ledger.toml"
    path.write_text(text)
    return path


def test_store_urls(tmp_path: Path) -> None:
    for url in (f"sqlite:///{tmp_path}/a.db", str(tmp_path / "b.db")):
        store = open_store(url)
        assert isinstance(store, SQLiteStore)
        store.close()
    with pytest.raises(StoreError, match="unsupported database URL"):
        open_store("mysql://user:secret@host/db")
    with pytest.raises(StoreError, match="must match"):
        open_store(str(tmp_path / "c.db"), prefix="bad prefix; drop table")
    store = open_store(str(tmp_path / "d.db"))
    with pytest.raises(StoreError, match="akte ledger init"):
        store.size()
    store.close()


def test_postgres_url_errors_hide_the_password() -> None:
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://user:hunter2@127.0.0.1:1/db")
    assert "hunter2" not in str(caught.value) and "***" in str(caught.value)


@pytest.mark.parametrize(
    "text, message",
    [
        ("origin = ", "not valid TOML"),
        ('database = "sqlite:///x.db"', "origin is required"),
        ('origin = "o"\ndatabase = "x.db"\nwitnesses = ["nope"]', "witnesses\\[0\\]"),
        ('origin = "o"\ndatabase = "x.db"\n[[agencies]]\nname = "A"', "token_sha256"),
    ],
)
def test_bad_config_is_named(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(write(tmp_path, text))


def test_master_key_from_env_and_broken_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = load_config(write(tmp_path, 'origin = "o"\ndatabase = "sqlite:///x.db"\n'))
    assert cfg.database == f"sqlite:///{tmp_path.resolve()}/x.db"
    monkeypatch.delenv(crypto.MASTER_KEY_ENV, raising=False)
    assert open_ledger(cfg).master_key is None
    monkeypatch.setenv(crypto.MASTER_KEY_ENV, "not a key")
    with pytest.raises(crypto.CryptoError, match="32-byte key"):
        open_ledger(cfg)
    key = crypto.new_key()
    monkeypatch.setenv(crypto.MASTER_KEY_ENV, key.hex())
    assert open_ledger(cfg).master_key == key
    (tmp_path / "m.key").write_text("short")
    cfg2 = load_config(write(tmp_path, 'origin = "o"\ndatabase = "x.db"\nmaster_key = "m.key"\n'))
    with pytest.raises(crypto.CryptoError, match="m.key"):
        open_ledger(cfg2)


def test_each_variable_has_one_default(monkeypatch: pytest.MonkeyPatch) -> None:
    from akte.ledger import environment

    for name in (environment.CONFIG_ENV, environment.MASTER_KEY_ENV, environment.ORIGIN_ENV):
        monkeypatch.delenv(name, raising=False)
    assert environment.config_path() == Path("var/ledger/ledger.toml")
    assert environment.config_path(var_dir="/srv/akte/var") == Path(
        "/srv/akte/var/ledger/ledger.toml"
    )
    assert environment.config_path("x.toml") == Path("x.toml")
    assert environment.master_key_text() is None
    assert environment.origin() == "akte.example/ledger"
    monkeypatch.setenv(environment.CONFIG_ENV, "/etc/akte/ledger.toml")
    monkeypatch.setenv(environment.ORIGIN_ENV, "bamf.example/ledger")
    assert environment.config_path(var_dir="/srv/akte/var") == Path("/etc/akte/ledger.toml")
    assert environment.origin() == "bamf.example/ledger"


@pytest.mark.parametrize("killed_after", ["partial", "log.skey", "master.key", "schema"])
def test_a_creation_killed_half_way_leaves_no_config_and_is_cleared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, killed_after: str
) -> None:
    """Killed at any step, `create_ledger` leaves no `ledger.toml` (so no process opens a log
    whose tables are missing); the next creation clears the leftovers and succeeds."""
    from akte.ledger import config as ledger_config

    class Killed(BaseException):
        pass

    real_write, real_open = ledger_config.write_secret, ledger_config.open_ledger

    def write_then_die(path: Path, text: str) -> None:
        real_write(path, text)
        if path.name == killed_after:
            raise Killed

    def open_then_die(*args, **kwargs):
        ledger = real_open(*args, **kwargs)
        if killed_after == "schema":  # the tables made, the rename not yet
            ledger.store.create_schema()
            raise Killed
        return ledger

    monkeypatch.setattr(ledger_config, "write_secret", write_then_die)
    monkeypatch.setattr(ledger_config, "open_ledger", open_then_die)
    if killed_after == "partial":  # before any key: die on the first key file
        monkeypatch.setattr(
            ledger_config, "write_secret", lambda path, text: (_ for _ in ()).throw(Killed)
        )
    with pytest.raises(Killed):
        ledger_config.create_ledger(tmp_path, "akte.test/ledger", "sqlite:///ledger.db")
    assert not (tmp_path / "ledger.toml").exists()
    assert (tmp_path / ledger_config.PARTIAL).exists()
    monkeypatch.undo()
    assert ledger_config.clear_interrupted_creation(tmp_path)
    cfg, _ = ledger_config.create_ledger(tmp_path, "akte.test/ledger", "sqlite:///ledger.db")
    ledger = ledger_config.open_ledger(ledger_config.load_config(cfg))
    assert ledger.store.size() == 0  # the tables are there
    assert not (tmp_path / ledger_config.PARTIAL).exists()
    assert not ledger_config.clear_interrupted_creation(tmp_path)  # a finished log stays
