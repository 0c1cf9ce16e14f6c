"""User-facing text in the reader's or editor's language (zh-Hans first, zh-Hant, en)."""

from __future__ import annotations

import errno
import os
import string
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

from .source.yaml_loader import load_yaml

LANGUAGES = ("zh-Hans", "zh-Hant", "en")
DEFAULT_LANGUAGE = "zh-Hans"


@cache
def catalogue(name: str) -> dict[str, dict[str, str]]:
    """Load one catalogue: ``{key: {lang: text}}``, every key in every language."""
    text = resources.files("guidekit").joinpath("messages", f"{name}.yml").read_text("utf-8")
    return load_yaml(text)


class _Counting(string.Formatter):
    """A count written ``{pages:|page|pages}`` is said with the word that fits it: "1 page",
    "3 pages" (English; Chinese needs no such form)."""

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec.startswith("|"):
            one, _, many = format_spec[1:].partition("|")
            return f"{value} {one if value == 1 else many}"
        return str(super().format_field(value, format_spec))


_COUNTING = _Counting()


def fill(text: str, args: Mapping[str, object]) -> str:
    """A message's text with its fields filled in."""
    return _COUNTING.vformat(text, (), args) if ":|" in text else text.format_map(args)


def language_of(tag: str | None) -> str | None:
    """The language guidekit speaks that a language tag asks for, in any case and with a region:
    zh-CN, zh-hans (Django's spelling) -> zh-Hans; zh-TW, zh-Hant-HK -> zh-Hant; en-GB -> en. None
    for a language guidekit does not speak (fr, ja)."""
    if tag in LANGUAGES:
        return tag
    if not tag:
        return None
    primary, *rest = tag.replace("_", "-").lower().split("-")
    if primary == "en":
        return "en"
    if primary != "zh":
        return None
    traditional = "hant" in rest or ("hans" not in rest and bool({"tw", "hk", "mo"} & set(rest)))
    return "zh-Hant" if traditional else "zh-Hans"


def best_language(lang: str | None) -> str:
    return language_of(lang) or DEFAULT_LANGUAGE


def list_text(items: Iterable[object], lang: str | None) -> str:
    """Items as a message lists them: "a、b、c" in Chinese, "a, b, c" in English."""
    return (", " if best_language(lang) == "en" else "、").join(map(str, items))


def sentences_text(parts: Iterable[str], lang: str | None) -> str:
    """Sentences one after another: English puts a space between them, Chinese none."""
    return (" " if best_language(lang) == "en" else "").join(parts)


def user_language(environ: Mapping[str, str] = os.environ) -> str:
    """The language of the person at the terminal, from the POSIX locale variables (zh_TW.UTF-8 ->
    zh-Hant).

    Used where no site says which language to speak (``guidekit check`` of any folder, help texts);
    C, POSIX and unset locales get guidekit's default, Simplified Chinese."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").split(":")[0].split(".")[0].replace("_", "-")
        if value and value not in {"C", "POSIX"}:
            return best_language(value)
    return DEFAULT_LANGUAGE


def error_text(key: str, lang: str | None = None, **args: object) -> str:
    """The message ``key`` in ``lang``; an argument given as a tuple is listed the language's way
    (for code that words its message later, in a language it does not know yet)."""
    listed = {
        name: list_text(value, lang) if isinstance(value, tuple) else value
        for name, value in args.items()
    }
    return fill(catalogue("errors")[key][best_language(lang)], listed)


# the system's reasons editors meet most, said in their language; others keep the system's words
_OS_REASONS = {
    errno.EACCES: "os-no-permission",
    errno.ENOENT: "os-not-found",
    errno.ENOSPC: "os-disk-full",
    errno.EROFS: "os-read-only",
    errno.EISDIR: "os-is-a-folder",
    errno.ENOTDIR: "os-not-a-folder",
    errno.EEXIST: "os-exists",
    errno.EADDRINUSE: "os-address-in-use",
    errno.ECONNREFUSED: "os-connection-refused",
}


def os_reason(error: OSError, lang: str | None) -> str:
    """Why the system refused, as a message shows it: in ``lang`` for the common reasons, else the
    system's own words (strerror)."""
    key = _OS_REASONS.get(error.errno or 0)
    return error_text(key, lang) if key else error.strerror or str(error)


def ui_text(lang: str | None, key: str, **args: object) -> str:
    """One UI string for readers, such as ``ui_text("en", "step-number", n=2)`` -> "Step 2"."""
    return fill(catalogue("ui")[key][best_language(lang)], args)


@cache  # every page's layout asks for all three languages
def ui_strings(lang: str) -> Mapping[str, str]:
    """Every UI string for one language, for templates."""
    language = best_language(lang)
    return MappingProxyType({key: texts[language] for key, texts in catalogue("ui").items()})
