"""How many SMS segments a text takes: GSM-7 when every character is in the GSM 03.38
alphabet (its extension table costs two septets), else UCS-2 counted in UTF-16 units.
static/texts/compose.js counts the same way as you type; a test keeps the two equal."""

GSM_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = "^{}\\[~]|€\f"
_BASIC = frozenset(GSM_BASIC)
_EXTENDED = frozenset(GSM_EXTENDED)
MAX_SEGMENTS = 10


def count(body: str) -> tuple[str, int, int]:
    """(encoding, units used, segments). One segment holds 160 GSM-7 septets or 70 UCS-2
    units; a longer text is split into parts of 153 or 67 (the rest is the joining header)."""
    if all(ch in _BASIC or ch in _EXTENDED for ch in body):
        units = sum(2 if ch in _EXTENDED else 1 for ch in body)
        single, part, encoding = 160, 153, "GSM-7"
    else:
        units = len(body.encode("utf-16-le")) // 2
        single, part, encoding = 70, 67, "UCS-2"
    if units <= single:
        return encoding, units, 1
    return encoding, units, -(-units // part)
