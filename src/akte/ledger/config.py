"""The ledger's configuration file (TOML) and opening a :class:`Ledger` from it.

Example ``ledger.toml`` (paths are relative to the file; ``akte ledger init`` writes one)::

    origin = "akte.example/ledger"        # checkpoint origin line = log key name
    database = "sqlite:///ledger.db"       # or "postgresql://user@host/db"
    table_prefix = "tlog_"
    log_key = "log.skey"                   # signer key (PRIVATE+KEY+...), keep it secret
    master_key = "master.key"              # optional: else $AKTE_LEDGER_MASTER_KEY
    witnesses = ["witness.example/w1+1a2b3c4d+BA..."]   # cosigner verifier keys (vkeys)

    [[agencies]]                           # who may append over HTTP
    name = "BAMF-BER"
    token_sha256 = "<hex SHA-256 of the agency's bearer token>"   # standalone server
    role = "office"                        # what it may report (admission.REPORTING)
    # may_report = ["permit_issued"]       # instead of the role's list

An agency without a role or list may report any event type (a standalone log's old
configuration); the web app admits only agencies with one.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from akte import keys
from akte.ledger import environment, note
from akte.ledger.admission import REPORTING, Reporter
from akte.ledger.environment import CONFIG_ENV as CONFIG_ENV
from akte.ledger.log import Ledger, LedgerError
from akte.ledger.stores import open_store

TOKEN_KEY_FILE = "procedure-token.key"  # noqa: S105 (a file name)


class ConfigError(ValueError):
    """The configuration file is missing or wrong; the message names the key."""


@dataclass
class LedgerConfig:
    path: Path
    origin: str
    database: str
    table_prefix: str = "tlog_"
    log_key: Path | None = None
    master_key: Path | None = None
    witnesses: list[note.Verifier] = field(default_factory=list)
    agencies: dict[str, str] = field(default_factory=dict)  # token sha256 hex -> agency name
    reporters: dict[str, Reporter] = field(default_factory=dict)  # agency name -> its rights

    @property
    def token_key_file(self) -> Path:
        """The procedure tokens' key, written by the first master-key rotation."""
        return self.path.parent / TOKEN_KEY_FILE

    def agency_for_token(self, token: str) -> str | None:
        return self.agencies.get(hashlib.sha256(token.encode()).hexdigest())

    def reporter_for_token(self, token: str) -> Reporter | None:
        name = self.agency_for_token(token)
        return None if name is None else self.reporters.get(name, Reporter(name))


def config_path(path: str | Path | None = None) -> Path:
    """``path``, else ``$AKTE_LEDGER_CONFIG``, else ``var/ledger/ledger.toml``."""
    return environment.config_path(path)


def load_config(path: str | Path | None = None) -> LedgerConfig:
    p = config_path(path)
    if not p.is_file():
        raise ConfigError(f"ledger config {p} not found: run `akte ledger init` or pass --config")
    try:
        data = tomllib.loads(p.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: not valid TOML: {exc}") from exc
    base = p.parent

    def rel(key: str) -> Path | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise ConfigError(f"{p}: {key} must be a string path")
        return (base / value).resolve()

    for key in ("origin", "database"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise ConfigError(f"{p}: {key} is required (a string)")
    database = data["database"]
    if database.startswith("sqlite:///") and not database.startswith("sqlite:////"):
        database = "sqlite:///" + str((base / database.removeprefix("sqlite:///")).resolve())
    witnesses = []
    for i, vkey in enumerate(data.get("witnesses", [])):
        try:
            witnesses.append(note.Verifier.parse(vkey))
        except (note.NoteError, AttributeError) as exc:
            raise ConfigError(f"{p}: witnesses[{i}]: {exc}") from exc
    agencies, reporters = {}, {}
    for i, agency in enumerate(data.get("agencies", [])):
        name, digest = agency.get("name"), agency.get("token_sha256")
        role, may_report = agency.get("role"), agency.get("may_report")
        if not isinstance(name, str) or not name or (digest is None and role is None):
            raise ConfigError(
                f"{p}: agencies[{i}] needs a name and a 64-hex-digit token_sha256 (standalone "
                "server) or a role (web app)"
            )
        if digest is not None:
            if not isinstance(digest, str) or len(digest) != 64:
                raise ConfigError(f"{p}: agencies[{i}].token_sha256 must be 64 hex digits")
            agencies[digest.lower()] = name
        if role is not None and role not in REPORTING:
            raise ConfigError(f"{p}: agencies[{i}].role must be one of {sorted(REPORTING)}")
        if may_report is not None and (
            not isinstance(may_report, list) or not all(isinstance(t, str) for t in may_report)
        ):
            raise ConfigError(f"{p}: agencies[{i}].may_report must be a list of strings")
        reporters[name] = Reporter.of(name, role, may_report)
    return LedgerConfig(
        path=p,
        origin=data["origin"],
        database=database,
        table_prefix=data.get("table_prefix", "tlog_"),
        log_key=rel("log_key"),
        master_key=rel("master_key"),
        witnesses=witnesses,
        agencies=agencies,
        reporters=reporters,
    )


def open_ledger(
    config: LedgerConfig, need_master: bool = False, need_signer: bool = False
) -> Ledger:
    """A Ledger from the configuration; keys are loaded only if present or needed."""
    signer = None
    if config.log_key is not None and config.log_key.is_file():
        signer = note.Signer.parse(config.log_key.read_text())
    elif need_signer:
        raise ConfigError(f"log signing key {config.log_key} not found (`akte ledger keygen`)")
    vkey_file = config.log_key.with_suffix(".vkey") if config.log_key else None
    verifier = signer.verifier if signer else None
    if verifier is None and vkey_file is not None and vkey_file.is_file():
        verifier = note.Verifier.parse(vkey_file.read_text())
    master: bytes | keys.MasterKeys | None = None
    configured = config.master_key is not None and (
        config.master_key.is_file() or keys.masters.next_key_path(config.master_key).is_file()
    )
    if configured:
        master = keys.MasterKeyFiles(config.master_key)  # a broken key is always an error
    elif (config.master_key is None and environment.master_key_text()) or need_master:
        master = keys.load_master_key(config.master_key)
    store = open_store(config.database, config.table_prefix)
    return Ledger(
        store,
        config.origin,
        signer=signer,
        verifier=verifier,
        master_key=master,
        witnesses=config.witnesses,
        token_key_file=config.token_key_file,
    )


def _toml_str(value: str) -> str:
    """A TOML basic string (JSON string escapes are valid TOML for these characters)."""
    return json.dumps(value, ensure_ascii=False)


def render_config(origin: str, database: str, log_key: str, master_key: str | None) -> str:
    lines = [
        "# akte.ledger configuration (see docs/ledger.md)",
        f"origin = {_toml_str(origin)}",
        f"database = {_toml_str(database)}",
        'table_prefix = "tlog_"',
        f"log_key = {_toml_str(log_key)}",
    ]
    if master_key:
        lines.append(f"master_key = {_toml_str(master_key)}")
    lines += [
        "witnesses = []",
        "",
        "# [[agencies]]",
        '# name = "BAMF-BER"',
        '# token_sha256 = "..."   # `akte ledger keygen --agency-token` prints one',
        "",
    ]
    return "\n".join(lines)


def write_secret(path: Path, text: str) -> None:
    """Write a key file readable by its owner only; never overwrite one."""
    if path.exists():
        raise LedgerError(f"{path} exists: refusing to overwrite a key")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)


#: the configuration while the log is being created (see `create_ledger`)
PARTIAL = "ledger.toml.partial"


def clear_interrupted_creation(directory: Path) -> bool:
    """Remove what a killed `create_ledger` left in `directory` (its keys, its database file
    if a SQLite file there); True if there was such a leftover. Safe: without `ledger.toml`
    nothing can have been appended, so nothing of the log is lost."""
    directory = Path(directory)
    partial = directory / PARTIAL
    if (directory / "ledger.toml").exists() or not partial.exists():
        return False
    try:
        database = str(tomllib.loads(partial.read_text()).get("database", ""))
    except tomllib.TOMLDecodeError:
        database = ""
    names = ["log.skey", "log.vkey", "master.key"]
    if database.startswith("sqlite:///") and "/" not in database[len("sqlite:///") :]:
        name = database[len("sqlite:///") :]
        names += [name, f"{name}-wal", f"{name}-shm", f"{name}-journal"]
    for name in names:
        (directory / name).unlink(missing_ok=True)
    partial.unlink()
    return True


def create_ledger(
    directory: Path, origin: str, database: str, master_key_file: bool = True
) -> tuple[Path, note.Verifier]:
    """Create a log in `directory`: signing key, master key (or expect it in the environment),
    `ledger.toml` and the tables. Returns the configuration path and the log's verifier key.

    `ledger.toml` appears last, in one rename: a creation killed half-way leaves
    `ledger.toml.partial` (written first) and never a configuration whose tables are missing;
    `clear_interrupted_creation` removes what it left."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    cfg_path = directory / "ledger.toml"
    if cfg_path.exists():
        raise LedgerError(f"{cfg_path} exists: this directory already holds a ledger")
    partial = directory / PARTIAL
    partial.write_text(
        render_config(origin, database, "log.skey", "master.key" if master_key_file else None)
    )
    signer = note.Signer.generate(origin)
    write_secret(directory / "log.skey", signer.skey() + "\n")
    (directory / "log.vkey").write_text(signer.verifier.vkey() + "\n")
    if master_key_file:
        key = base64.b64encode(keys.new_key()).decode()
        write_secret(directory / "master.key", key + "\n")
    open_ledger(load_config(partial)).store.create_schema()
    os.replace(partial, cfg_path)
    return cfg_path, signer.verifier
