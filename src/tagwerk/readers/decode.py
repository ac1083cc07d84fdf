"""Bytes to text: binary and size checks, UTF-8 with a cp1252 fallback, UTF-16 by its BOM."""

from __future__ import annotations

from tagwerk.article import check_text
from tagwerk.errors import (
    ArticleTooLargeError,
    BinaryInputError,
    EmptyArticleError,
)

BYTES_PER_CHAR = 4
# Share of control bytes (other than tab, newline, carriage return, form feed, escape) above
# which bytes are taken as binary. Text written by people has next to none; random bytes have
# about 10 % (27 of 256 values), so 5 % sits between the two.
_CONTROL_SHARE = 0.05
SNIFF_BYTES = 8192
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def is_binary(sample: bytes) -> bool:
    if not sample or sample.startswith(UTF16_BOMS):
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > _CONTROL_SHARE


def decode_bytes(
    data: bytes, source: str | None = None, *, max_chars: int | None = None, controls: bytes = b""
) -> tuple[str, list[str]]:
    """Decode the bytes of one input to text; returns ``(text, warnings)``.

    Raises :class:`BinaryInputError` for binary data (NUL bytes, many control characters),
    :class:`EmptyArticleError` for empty or whitespace-only input and, when ``max_chars`` is
    given, :class:`ArticleTooLargeError` above it. UTF-8 is tried first (a BOM is dropped);
    undecodable bytes fall back to cp1252 with a warning. ``controls`` are control bytes that
    do not count as binary (IPTC 7901 frames its messages with SOH, STX, ETX, EOT); NUL bytes
    never pass.
    """
    warnings: list[str] = []
    if max_chars is not None and len(data) > max_chars * BYTES_PER_CHAR:
        raise too_large_bytes(len(data), max_chars, source)
    if data.startswith(UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise BinaryInputError("the input is not text (broken UTF-16)", source=source) from exc
        warnings.append("the input is UTF-16; read as such")
    else:
        sample = data[:SNIFF_BYTES].translate(None, controls) if controls else data[:SNIFF_BYTES]
        if is_binary(sample) or b"\x00" in data:
            raise BinaryInputError("the input is binary data, not text", source=source)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                # cp1252 leaves five bytes undefined; Latin-1 decodes everything.
                text = data.decode("latin-1")
            warnings.append(
                f"the input is not valid UTF-8 (byte {exc.start}); read as cp1252 (Windows-1252)"
            )
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise EmptyArticleError("the input is empty" if not text else "the input holds only whitespace", source=source)
    if max_chars is not None:
        check_text(text, max_chars=max_chars, source=source)
    return text, warnings


def too_large_bytes(size: int, max_chars: int, source: str | None) -> ArticleTooLargeError:
    return ArticleTooLargeError(
        f"the input has {size:,} bytes, more than the limit of {max_chars:,} characters"
        " (raise it with --max-chars)",
        source=source,
    )
