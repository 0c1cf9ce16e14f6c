"""The help text of the ``guidekit`` command in the editor's language: the system's (LANGUAGE,
LC_ALL, LC_MESSAGES, LANG), or the one ``--lang`` names. Texts live in messages/help.yml."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import click

from .messages import best_language, catalogue, user_language


@dataclass(frozen=True)
class HelpLanguage:
    """``ctx.obj`` of every guidekit command: the language its help is shown in."""

    lang: str


def help_language(args: Sequence[str], environ: Mapping[str, str]) -> str:
    """``--lang X`` anywhere on the command line, else the system's language; Chinese when it names
    none."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return best_language(args[index + 1])
        if arg.startswith("--lang="):
            return best_language(arg.partition("=")[2])
    return user_language(environ)


def _text(key: str, lang: str) -> str | None:
    texts = catalogue("help").get(key)
    return texts[lang] if texts else None


def _language(ctx: click.Context) -> str:
    root = ctx.find_root().obj
    return root.lang if isinstance(root, HelpLanguage) else help_language(sys.argv[1:], os.environ)


@contextmanager
def _in_language(command: click.Command, ctx: click.Context, lang: str) -> Iterator[None]:
    """The command's help, its options' and (for the group) its commands' short help, in ``lang``
    while shown."""
    key = (command.name or "main") if ctx.parent else "main"
    saved: list[tuple[Any, str, object]] = [(command, "help", command.help)]
    command.help = _text(key, lang) or command.help
    for param in command.get_params(ctx):
        if isinstance(param, click.Option):
            text = _text(f"{key}.{param.name}", lang) or _text(str(param.name), lang)
            if text:
                saved += [(param, "help", param.help), (param, "show_default", param.show_default)]
                param.help, param.show_default = text, False  # the text says the default in words
    for name, sub in getattr(command, "commands", {}).items():
        saved.append((sub, "help", sub.help))
        sub.help = _text(name, lang) or sub.help
    try:
        yield
    finally:
        for owner, attribute, value in reversed(saved):
            setattr(owner, attribute, value)


class LocalizedCommand(click.Command):
    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _in_language(self, ctx, _language(ctx)):
            super().format_help(ctx, formatter)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(
            ctx.command_path,
            " ".join(self.collect_usage_pieces(ctx)),
            prefix=_text("usage", _language(ctx)),
        )

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _text("help", _language(ctx)) or option.help
        return option

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [
            record
            for param in self.get_params(ctx)
            if isinstance(param, click.Option)
            and (record := param.get_help_record(ctx)) is not None
        ]
        if records:
            with formatter.section(_text("options", _language(ctx)) or "Options"):
                formatter.write_dl(records)


class LocalizedGroup(LocalizedCommand, click.Group):
    command_class = LocalizedCommand

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        arguments = list(sys.argv[1:] if args is None else args)
        extra.setdefault("obj", HelpLanguage(help_language(arguments, os.environ)))
        return super().main(arguments, *rest, **extra)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        rows = [
            (name, command.get_short_help_str(formatter.width - 6 - len(name)))
            for name in self.list_commands(ctx)
            if (command := self.get_command(ctx, name)) is not None and not command.hidden
        ]
        if rows:
            with formatter.section(_text("commands", _language(ctx)) or "Commands"):
                formatter.write_dl(rows)


HELP_LANG = click.option(
    "--lang", "help_lang", type=click.Choice(["zh-Hans", "zh-Hant", "en"]), expose_value=False
)
