"""The help text of the ``guidekit`` command in the editor's language: the system's (LANGUAGE,
LC_ALL, LC_MESSAGES, LANG), or the one ``--lang`` names. Texts live in messages/help.yml."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import click

from .messages import best_language, catalogue, fill, list_text, sentences_text, user_language


@dataclass(frozen=True)
class HelpLanguage:
    """``ctx.obj`` of every guidekit command: the language its help is shown in, and the one
    ``--lang`` chose wherever it stands (``guidekit --lang en init demo``)."""

    lang: str
    chosen: str | None = None


def chosen_language(args: Sequence[str]) -> str | None:
    """``--lang X`` anywhere on the command line."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return best_language(args[index + 1])
        if arg.startswith("--lang="):
            return best_language(arg.partition("=")[2])
    return None


def help_language(args: Sequence[str], environ: Mapping[str, str]) -> str:
    """``--lang X`` anywhere on the command line, else the system's language; Chinese when it names
    none."""
    return chosen_language(args) or user_language(environ)


def language_chosen() -> str | None:
    """The language ``--lang`` chose for the running command, before or after its name."""
    root = click.get_current_context().find_root().obj
    return root.chosen if isinstance(root, HelpLanguage) else None


def _text(key: str, lang: str) -> str | None:
    texts = catalogue("help").get(key)
    return texts[lang] if texts else None


def _language(ctx: click.Context) -> str:
    root = ctx.find_root().obj
    return root.lang if isinstance(root, HelpLanguage) else help_language(sys.argv[1:], os.environ)


def command_language() -> str:
    """The language of a running command that has no site to take it from (``check``, ``assets``):
    ``--lang``'s, else the system's, as its help."""
    return _language(click.get_current_context())


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


@contextmanager
def _section(formatter: click.HelpFormatter, key: str, lang: str) -> Iterator[None]:
    """formatter.section, with the heading's colon from the catalogue: click's is ASCII, Chinese
    takes a full-width one."""
    formatter.write_paragraph()
    formatter.write(f"{'':>{formatter.current_indent}}{_said(key, lang)}\n")
    formatter.indent()
    try:
        yield
    finally:
        formatter.dedent()


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
            with _section(formatter, "options", _language(ctx)):
                formatter.write_dl(records)


class LocalizedGroup(LocalizedCommand, click.Group):
    command_class = LocalizedCommand

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        arguments = list(sys.argv[1:] if args is None else args)
        lang = help_language(arguments, os.environ)
        extra.setdefault("obj", HelpLanguage(lang, chosen_language(arguments)))
        if rest or not extra.get("standalone_mode", True):
            return super().main(arguments, *rest, **extra)
        # click's own words for wrong usage and Ctrl+C are English: they are said here instead
        try:
            outcome = super().main(arguments, **{**extra, "standalone_mode": False})
        except click.UsageError as error:
            if isinstance(error, _HELP_INSTEAD):
                error.show()
            else:
                _show_usage_error(error, lang)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo(_text("interrupted", lang), err=True)
            sys.exit(1)
        sys.exit(outcome if isinstance(outcome, int) else 0)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        rows = [
            (name, command.get_short_help_str(formatter.width - 6 - len(name)))
            for name in self.list_commands(ctx)
            if (command := self.get_command(ctx, name)) is not None and not command.hidden
        ]
        if rows:
            with _section(formatter, "commands", _language(ctx)):
                formatter.write_dl(rows)


# a group run with no command shows its help
_HELP_INSTEAD = click.exceptions.NoArgsIsHelpError


def _show_usage_error(error: click.UsageError, lang: str) -> None:
    if error.ctx is not None:
        hint = _said("usage-hint", lang, command=error.ctx.command_path)
        click.echo(f"{error.ctx.get_usage()}\n{hint}\n", err=True)
    click.echo(_said("usage-error", lang, message=_usage_problem(error, lang)), err=True)


def _said(key: str, lang: str, **args: object) -> str:
    return fill(catalogue("help")[key][lang], args)


# click's own sentence for words left over after a command's arguments
_EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra arguments? \((?P<arguments>.*)\)$")


def _usage_problem(error: click.UsageError, lang: str) -> str:
    """What was wrong, from what click knows of it; click's sentence where guidekit has none."""
    if isinstance(error, click.NoSuchCommand | click.NoSuchOption):
        said = (
            _said("usage-no-command", lang, name=error.command_name)
            if isinstance(error, click.NoSuchCommand)
            else _said("usage-no-option", lang, name=error.option_name)
        )
        close = error.possibilities
        if not close:
            return said
        hint = _said("usage-did-you-mean", lang, names=list_text(sorted(close), lang))
        return sentences_text((said, hint), lang)
    param = getattr(error, "param", None)
    extra = _EXTRA_ARGUMENTS.match(error.message)
    if extra and error.ctx is not None:
        return _said(
            "usage-extra-arguments",
            lang,
            arguments=extra["arguments"],
            command=error.ctx.command_path,
        )
    if not isinstance(param, click.Parameter):
        return error.format_message()
    name = (
        max(param.opts, key=len) if isinstance(param, click.Option) else param.human_readable_name
    )
    if isinstance(error, click.MissingParameter):
        return _said("usage-missing", lang, name=name)
    return _said("usage-bad-value", lang, name=name, problem=_value_problem(error, param, lang))


def _value_problem(error: click.UsageError, param: click.Parameter, lang: str) -> str:
    if isinstance(param.type, click.Choice):
        return _said("usage-choice", lang, choices=list_text(param.type.choices, lang))
    if isinstance(param.type, click.DateTime):
        return _said("usage-date", lang)
    # one sentence for a word (abc) and a number out of range (99999): it says what fits
    if isinstance(param.type, click.IntRange) and param.type.min is not None:
        if param.type.max is not None:
            return _said("usage-range", lang, minimum=param.type.min, maximum=param.type.max)
        return _said("usage-minimum", lang, minimum=param.type.min)
    return error.message


class LocalizedPath(click.Path):
    """click.Path whose refusals name the path in the editor's language."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            path = os.fsdecode(value)
            if not os.path.lexists(path):
                key = "usage-path-missing"
            elif os.path.isdir(path) and not self.dir_okay:
                key = "usage-path-is-folder"
            elif not os.path.isdir(path) and not self.file_okay:
                key = "usage-path-is-file"
            else:  # unreadable, unwritable: click's sentence names the path
                raise
            lang = _language(ctx) if ctx is not None else user_language(os.environ)
            self.fail(_said(key, lang, path=path), param, ctx)


HELP_LANG = click.option(
    "--lang", "help_lang", type=click.Choice(["zh-Hans", "zh-Hant", "en"]), expose_value=False
)
