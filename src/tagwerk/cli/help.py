"""How ``tagwerk --help`` looks: the settings and the two small adjustments of Typer's help.

Typer (0.2x) writes every parameter's Python type into the help (``<bool>``, ``<str>``,
``<list[Path]>``) and puts required arguments in braces in the usage line (``{inputs}...``).
Here a flag shows no value, any other option the usual upper-case metavar (``TEXT``,
``INTEGER``, ``PATH``; a short list of choices as ``[a|b]``), and an argument its name in
capitals (``PATH``, ``[TEXT]``), as click, spaCy and most command lines write them. The
adjustments are installed once by :func:`install` and fall back to Typer's own rendering
where its classes do not have the methods patched here (another Typer version).
"""

from __future__ import annotations

from enum import Enum
from pathlib import PurePath
from typing import Any, get_args, get_origin

CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
"""Shared by every command: ``-h`` as well as ``--help``; plain help no wider than 100 columns."""

_CHOICES_INLINE = 24
"""Choices up to this many characters show as ``[a|b|c]``; longer lists as the option's
name (``FORMAT``), their values named in the option's help."""

_CLICK_NAMES = {"integer": "INTEGER", "integer range": "INTEGER", "float": "NUMBER", "float range": "NUMBER",
                "path": "PATH", "filename": "FILE", "text": "TEXT", "boolean": "BOOLEAN"}


def _python_label(annotation: Any) -> str:
    if get_origin(annotation) in (list, tuple):
        args = [a for a in get_args(annotation) if a is not Ellipsis]
        return _python_label(args[0]) if args else "TEXT"
    if isinstance(annotation, type):
        if issubclass(annotation, bool):
            return "BOOLEAN"
        if issubclass(annotation, int):
            return "INTEGER"
        if issubclass(annotation, float):
            return "NUMBER"
        if issubclass(annotation, PurePath):
            return "PATH"
    return "TEXT"


def _choices(param: Any) -> list[str] | None:
    desc = getattr(param, "type_descriptor", None)  # Typer >= 0.2x (its own click)
    values = getattr(desc, "choices", None) if desc is not None else getattr(getattr(param, "type", None), "choices", None)
    if values is None:
        return None
    return [str(v.value if isinstance(v, Enum) else v) for v in values]


def metavar(param: Any, ctx: Any = None) -> str | None:
    """The value placeholder of ``param`` in the help; None for a flag."""
    if getattr(param, "metavar", None) is not None:
        return param.metavar or None
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    name = (getattr(param, "name", None) or "value").upper()
    if getattr(param, "param_type_name", "") == "argument":
        label = name
    elif (choices := _choices(param)) is not None:
        inline = "[" + "|".join(choices) + "]"
        label = inline if len(inline) <= _CHOICES_INLINE else name
    elif (desc := getattr(param, "type_descriptor", None)) is not None:
        label = "PATH" if getattr(desc, "is_path", False) else _python_label(desc.annotation)
    else:
        ptype = getattr(getattr(param, "type", None), "name", "text")
        label = _CLICK_NAMES.get(ptype, ptype.upper())
    return label + ("..." if getattr(param, "nargs", 1) != 1 else "")


def _usage_name(self: Any) -> str:
    name = metavar(self) or (self.name or "").upper()
    return name if self.required else f"[{name}]"


def _names(param: Any) -> str:
    """``-o, --out``; a boolean pair as ``--[no-]resume``; an argument by its metavar."""
    if getattr(param, "param_type_name", "") == "argument":
        return metavar(param) or ""
    opts = sorted(param.opts, key=lambda o: (o.startswith("--"), o))
    secondary = list(getattr(param, "secondary_opts", ()) or ())
    longs = [o for o in opts if o.startswith("--")]
    if len(secondary) == 1 and len(longs) == 1 and secondary[0] == "--no-" + longs[0][2:]:
        return ", ".join(o if o != longs[0] else "--[no-]" + o[2:] for o in opts)
    return ", ".join(opts) + (" / " + ", ".join(secondary) if secondary else "")


def _options_panel(*, name: str, params: list[Any], ctx: Any, markup_mode: Any, console: Any, **_: Any) -> None:
    """Typer's options panel in three columns (names, value, help) whose names and values never
    wrap or get cut: the help column takes what is left of the terminal's width."""
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text
    from typer import rich_utils as ru

    table = Table(highlight=True, show_header=False, expand=True, box=None, padding=(0, 1), pad_edge=False)
    required = any(getattr(p, "required", False) for p in params)
    if required:
        table.add_column(no_wrap=True, width=1)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, style=ru.STYLE_TYPES)
    table.add_column(ratio=1)
    for param in params:
        value = Text(metavar(param, ctx) or "") if getattr(param, "param_type_name", "") == "option" else Text("")
        rng = param._get_number_range_help_str() if hasattr(param, "_get_number_range_help_str") else None
        if rng:
            value.append(ru.RANGE_STRING.format(rng))
        row = [ru.highlighter(Text(_names(param))), value, ru._get_parameter_help(param=param, ctx=ctx, markup_mode=markup_mode)]
        if required:
            row.insert(0, Text(ru.REQUIRED_SHORT_STRING, style=ru.STYLE_REQUIRED_SHORT) if param.required else Text(""))
        table.add_row(*row)  # type: ignore[arg-type]
    if params:
        console.print(Panel(table, border_style=ru.STYLE_OPTIONS_PANEL_BORDER, title=name, title_align=ru.ALIGN_OPTIONS_PANEL))


def _reflow(paragraphs: list[str], markup_mode: Any = None) -> str:
    """A command's later help paragraphs, each as one line that the terminal wraps (Typer keeps a
    docstring's line breaks, which then break again at the terminal's width); a paragraph that
    starts with click's ``\\b`` marker keeps its lines."""
    out = []
    for par in paragraphs:
        if par.startswith("\b"):
            out.append(par[1:].lstrip("\n"))
        else:
            out.append(" ".join(line.strip() for line in par.splitlines() if line.strip()))
    return "\n\n".join(out)


def _no_type(self: Any, ctx: Any = None) -> None:
    return None  # an argument: the name column says it all


def _argument_name(self: Any) -> str:
    return metavar(self) or ""


def install() -> None:
    """Patch Typer's parameter classes and help panel (once); each patch is skipped where Typer
    lacks what it replaces (another Typer version renders its own way)."""
    try:
        from typer import core
    except ImportError:  # pragma: no cover - no Typer
        return
    if getattr(core.TyperOption, "_tagwerk_help", False):
        return
    core.TyperOption._tagwerk_help = True  # type: ignore[attr-defined]
    patches: list[tuple[Any, str, Any]] = [
        (core.TyperOption, "display_type_rich", metavar),
        (core.TyperArgument, "display_type_rich", _no_type),
        (core.TyperArgument, "_usage_display_name", _usage_name),
        (core.TyperArgument, "_rich_display_name", _argument_name),
    ]
    if isinstance(getattr(core.TyperArgument, "display_name_raw", None), property):  # errors name 'PATH'
        patches.append((core.TyperArgument, "display_name_raw", property(lambda self: self.metavar or (self.name or "").upper())))
    for cls in (core.TyperCommand, core.TyperGroup):  # rich loads only when help is shown
        if "format_help" in vars(cls):
            patches.append((cls, "format_help", _with_rich_patches(vars(cls)["format_help"])))
    _apply(patches)


def _apply(patches: list[tuple[Any, str, Any]]) -> None:
    for owner, name, value in patches:
        if hasattr(owner, name):
            setattr(owner, name, value)


def _with_rich_patches(format_help: Any) -> Any:
    def wrapper(self: Any, ctx: Any, formatter: Any) -> Any:
        _install_rich()
        return format_help(self, ctx, formatter)

    return wrapper


def _install_rich() -> None:
    """The help panel's patches, once, when help is first shown (importing rich costs start-up time)."""
    import importlib.util
    import sys

    if "typer.rich_utils" not in sys.modules and importlib.util.find_spec("rich") is None:
        return
    from typer import rich_utils

    if getattr(rich_utils, "_tagwerk_help", False):
        return
    rich_utils._tagwerk_help = True  # type: ignore[attr-defined]
    patches: list[tuple[Any, str, Any]] = [(rich_utils, "_fix_linebreaks", _reflow)]
    needed = ("_get_parameter_help", "highlighter", "RANGE_STRING", "STYLE_TYPES", "REQUIRED_SHORT_STRING")
    if all(hasattr(rich_utils, n) for n in needed):
        patches.append((rich_utils, "_print_options_panel", _options_panel))
    _apply(patches)
