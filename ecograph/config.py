"""Where things live: the data folder, the default store, Neo4j settings from the environment."""
from __future__ import annotations

import os
from pathlib import Path


def home() -> Path:
    """`$ECOGRAPH_HOME`, else the per-user data folder (XDG)."""
    env = os.environ.get("ECOGRAPH_HOME")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(xdg) / "ecograph"


def default_store_url() -> str:
    return os.environ.get("ECOGRAPH_STORE") or str(home())


def curation_file(store_url: str) -> Path:
    """Curation decisions (merge/split/reject) in a plain file beside the store, for version control."""
    env = os.environ.get("ECOGRAPH_CURATION")
    if env:
        return Path(env).expanduser()
    if "://" in store_url:
        return home() / "curation.json"
    p = Path(store_url).expanduser()
    folder = p.parent if p.suffix.lower() == ".json" else p
    return folder / "curation.json"


NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
