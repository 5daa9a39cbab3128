"""Full-width punctuation for Chinese text in an official document (GB/T 15834), numbers left alone.

The briefing's sentences come from translations and from other parts' sections, most written
with ASCII punctuation ("2024年1至11月,衢州智造新城…142.3%。"). An official document uses the
full-width marks — ，。；：？！（）“” — while numbers keep their half-width digits, decimal points,
thousands separators and ratios: 1,234.5 / 230.5亿元 / 142.3% / 3:2 / 2024-11 stay as they are.

Text without any Chinese character (a code, an amount, an English sentence) is returned unchanged.
Pure: no Django.
"""

from __future__ import annotations

import re

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
SIMPLE = {";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
OPENING, CLOSING = "“", "”"


def _is_digit(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isascii() and text[index].isdigit()


def fullwidth(text: str) -> str:
    """`text` with the ASCII punctuation of Chinese prose made full-width (see the module's doc)."""
    if not text or not CJK.search(text):
        return text
    out: list[str] = []
    quotes_open = False
    skip_space = False
    for i, ch in enumerate(text):
        if skip_space and ch == " ":
            continue  # the full-width mark carries its own space
        skip_space = False
        mark = None
        if ch in ",:" and not (_is_digit(text, i - 1) and _is_digit(text, i + 1)):
            mark = "，" if ch == "," else "："
        elif ch in SIMPLE:
            mark = SIMPLE[ch]
        elif ch == '"':
            mark = CLOSING if quotes_open else OPENING
            quotes_open = not quotes_open
        elif ch == "." and out and not _is_digit(text, i + 1) and (CJK.match(out[-1]) or (
                i == len(text) - 1 and not out[-1].isdigit())):  # fmt: skip
            mark = "。"  # a sentence's end; a decimal point stays
        if mark is None:
            out.append(ch)
            continue
        while out and out[-1] == " ":
            out.pop()  # full-width marks carry their own space
        out.append(mark)
        skip_space = mark != OPENING and mark != "（"
    return "".join(out)
