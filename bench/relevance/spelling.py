"""Spelling transforms for the evaluation: the same query as different people type it.

Every code point is named where it appears (docs/style.md).
"""

ARABIC_YEH = "\u064a"  # ARABIC LETTER YEH
ARABIC_KAF = "\u0643"  # ARABIC LETTER KAF
FARSI_YEH = "\u06cc"  # ARABIC LETTER FARSI YEH
KEHEH = "\u06a9"  # ARABIC LETTER KEHEH (Persian kaf)
ZWNJ = "\u200c"  # ZERO WIDTH NON-JOINER (the half-space)
TATWEEL = "\u0640"  # ARABIC TATWEEL
FATHA = "\u064e"  # ARABIC FATHA
ALEF = "\u0627"  # ARABIC LETTER ALEF
ALEF_HAMZA_ABOVE = "\u0623"  # ARABIC LETTER ALEF WITH HAMZA ABOVE
YEH_HAMZA_ABOVE = "\u0626"  # ARABIC LETTER YEH WITH HAMZA ABOVE
WAW_HAMZA_ABOVE = "\u0624"  # ARABIC LETTER WAW WITH HAMZA ABOVE

# Digit zero of each script; the other nine follow it in Unicode order.
ASCII_ZERO = "0"
PERSIAN_ZERO = "\u06f0"  # EXTENDED ARABIC-INDIC DIGIT ZERO (Persian digits)
ARABIC_INDIC_ZERO = "\u0660"  # ARABIC-INDIC DIGIT ZERO
DIGIT_SCRIPTS = {"ascii": ASCII_ZERO, "persian": PERSIAN_ZERO, "arabic-indic": ARABIC_INDIC_ZERO}

_TO_PERSIAN_KEYBOARD = str.maketrans({ARABIC_YEH: FARSI_YEH, ARABIC_KAF: KEHEH})
_TO_ARABIC_LETTERS = str.maketrans({FARSI_YEH: ARABIC_YEH, KEHEH: ARABIC_KAF})

# Letters that never join to the following letter: tatweel cannot follow them.
_NON_JOINING = set("\u0627\u0622\u0623\u0625\u062f\u0630\u0631\u0632\u0698\u0648\u0624\u0629")
# ALEF, ALEF WITH MADDA ABOVE, ALEF WITH HAMZA ABOVE/BELOW, DAL, THAL, REH, ZAIN, JEH,
# WAW, WAW WITH HAMZA ABOVE, TEH MARBUTA
_LONG_VOWELS = set("\u0627\u0648\u06cc\u064a")  # ALEF, WAW, FARSI YEH, ARABIC YEH


def persian_keyboard(text):
    """Archive spelling -> what a Persian keyboard types: Arabic yeh/kaf -> Persian."""
    return text.translate(_TO_PERSIAN_KEYBOARD)


def arabic_letters(text):
    """Persian yeh/kaf -> Arabic ones, as older archives and Arabic keyboards write."""
    return text.translate(_TO_ARABIC_LETTERS)


def digit_script(ch):
    for name, zero in DIGIT_SCRIPTS.items():
        if ord(zero) <= ord(ch) <= ord(zero) + 9:
            return name
    return None


def with_digits(text, script):
    """Rewrites every digit of any of the three scripts in `script`."""
    zero = ord(DIGIT_SCRIPTS[script])
    out = []
    for ch in text:
        if digit_script(ch) is not None:
            value = ord(ch) - ord(DIGIT_SCRIPTS[digit_script(ch)])
            out.append(chr(zero + value))
        else:
            out.append(ch)
    return "".join(out)


def zwnj_joined(text):
    """Half-space dropped: `کتاب‌ها` -> `کتابها` (what many scrapers and keyboards do)."""
    return text.replace(ZWNJ, "")


def zwnj_spaced(text):
    """Half-space typed as a space: `کتاب‌ها` -> `کتاب ها`."""
    return text.replace(ZWNJ, " ")


def _is_letter(ch):
    return "\u0621" <= ch <= "\u064a" or "\u067e" <= ch <= "\u06d3" or ch == "\u06cc"


def with_tatweel(text):
    """Stretches each word once with a tatweel after its first joining letter."""
    words = []
    for word in text.split(" "):
        for i in range(len(word) - 1):
            if _is_letter(word[i]) and _is_letter(word[i + 1]) and word[i] not in _NON_JOINING:
                word = word[:i + 1] + TATWEEL + word[i + 1:]
                break
        words.append(word)
    return " ".join(words)


def with_diacritics(text):
    """Adds a fatha after the first letter of each word that has three letters or more.

    Words whose second letter is a long vowel (alef, waw, yeh) are left alone: a short
    vowel before a long one is not how anyone writes.
    """
    words = []
    for word in text.split(" "):
        letters = [i for i, ch in enumerate(word) if _is_letter(ch)]
        if len(letters) >= 3 and letters[:2] == [0, 1] and word[1] not in _LONG_VOWELS:
            word = word[0] + FATHA + word[1:]
        words.append(word)
    return " ".join(words)


def hamza_dropped(text):
    """`تأمین` -> `تامین`: alef with hamza written as a bare alef."""
    return text.replace(ALEF_HAMZA_ABOVE, ALEF)


def hamza_waw(text):
    """`مسئول` -> `مسؤول`: the same hamza written on waw instead of yeh."""
    return text.replace(YEH_HAMZA_ABOVE + "\u0648", WAW_HAMZA_ABOVE + "\u0648")
