"""The numbers of the 公文 layout (GB/T 9704-2012): fonts, sizes, page, margins, line grid.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (a 156 × 225 mm text block);
22 lines × 28 characters; title 2号 方正小标宋简体; body 3号 仿宋_GB2312; 一、 headings 黑体,
（一） headings 楷体_GB2312; page numbers in 4号 宋体.
"""

from __future__ import annotations

from ipcounty.documents.model import Style

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEI_FONT = "黑体"
KAI_FONT = "楷体_GB2312"
PAGE_FONT = "宋体"
LATIN_FONT = "Times New Roman"  # digits and Latin letters in the body, as 公文 templates set them

SIZE_2 = 22.0  # 2号
SIZE_3 = 16.0  # 3号
SIZE_4 = 14.0  # 4号
SIZE_TABLE = 10.5  # 五号, so a table of eight columns fits the 156 mm text block

PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
LINES, CHARS = 22, 28
_TWIPS_PER_MM = 1440 / 25.4
# Line pitch: the 225 mm text block over 22 lines (579 twips = 28.95 pt).
LINE_PITCH_TWIPS = int((PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"]) * _TWIPS_PER_MM / LINES)
# 28 characters a line: the 156 mm line (442.2 pt) holds 27 characters of 16 pt, so every 3号
# character is narrowed by 0.3 pt (28 × 15.7 = 439.6 pt). A character grid (w:docGrid
# linesAndChars with a negative w:charSpace, what Word writes for "每行28字") would do the same in
# Word and WPS, but LibreOffice breaks the lines of such a grid after 14 characters; narrowing the
# characters gives 28 a line in all three, the line grid gives 22 lines a page.
CHAR_PITCH_PT = (PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]) / 25.4 * 72 / CHARS
CONDENSE_TWENTIETHS = -6  # w:spacing is counted in twentieths of a point

# What a machine without the 公文 fonts should use instead (Word and WPS read w:altName): the
# GB2312 faces that Windows 10 and later ship as 仿宋 and 楷体, and 宋体 for 方正小标宋简体.
ALT_FONTS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", KAI_FONT: "楷体", HEI_FONT: "黑体", PAGE_FONT: "宋体"}

FONTS: dict[Style, tuple[str, str]] = {  # style -> (East Asian font, Latin font)
    "body": (BODY_FONT, LATIN_FONT),
    "kai": (KAI_FONT, KAI_FONT),
    "hei": (HEI_FONT, HEI_FONT),
}
