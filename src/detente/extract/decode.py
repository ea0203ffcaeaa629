"""Bytes to text, refusing binary junk and undecodable files with a reason."""

from __future__ import annotations

import re

# A real text or HTML file has almost no C0 control bytes; 1% already means binary data.
MAX_CONTROL_RATIO = 0.01
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)


def decode(data: bytes | str, *, html: bool) -> tuple[str | None, str]:
    """Return ``(text, "")`` or ``(None, reason)``."""
    if isinstance(data, str):
        return data, ""
    sample = data[:65536]
    if b"\x00" in sample or len(_CONTROL.findall(sample)) > MAX_CONTROL_RATIO * len(sample):
        return None, "binary content, not text or HTML"
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        declared = _META_CHARSET.search(data[:4096]) if html else None
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii")), ""
            except (LookupError, UnicodeDecodeError):
                pass
        return None, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}) and no usable declared charset"
