"""Hangul text: normalization, syllable structure and particle (josa) stripping."""

import unicodedata

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SYLLABLE_FIRST, _SYLLABLE_LAST = 0xAC00, 0xD7A3

# Particles and endings that follow a noun, by function. Both allomorphs of each pair are
# listed (이/가, 으로/로): lookup accepts either, and stripping tries the longest first so
# that 에게서 goes before 서.
_PARTICLE_GROUPS = {
    "subject": "이 가 께서",
    "topic": "은 는",
    "object": "을 를",
    "genitive": "의",
    "locative": "에 에게 한테 께 에게서 한테서 에서 에서부터 더러 보고",
    "instrumental": "으로 로 으로서 로서 으로써 로써 으로부터 로부터",
    "comitative": "과 와 이랑 랑 하고 이며 며 이나 나 이든 든 이든지 든지",
    "comparison": "보다 처럼 만큼 같이",
    "auxiliary": "도 만 까지 부터 조차 마저 밖에 뿐 마다 대로 이야 야 이라도 라도 은커녕 는커녕 요",
    "quotative": "이라고 라고 이라는 라는 이란 란 이라며 라며",
    "copula": "이다 다 이었다 였다 입니다 이에요 예요 이지만 지만 인 일 임 이고 고 이라서 라서",
}
PARTICLES: tuple[str, ...] = tuple(
    sorted(
        {p for group in _PARTICLE_GROUPS.values() for p in group.split()},
        key=lambda p: (-len(p), p),
    )
)
PLURAL = "들"


def normalize(text: str) -> str:
    """Return `text` in NFC with zero-width characters removed and spaces collapsed.

    >>> normalize("북\u1112\u1163\u11bc민")  # conjoining jamo, as pasted from NFD text
    '북향민'
    >>> normalize(" 탈북\u200b민   단체 ")
    '탈북민 단체'
    """
    if not text.isascii():
        text = unicodedata.normalize("NFC", text.translate(_ZERO_WIDTH))
    return " ".join(text.split())


def is_syllable(ch: str) -> bool:
    """Tell whether `ch` is a precomposed Hangul syllable.

    >>> is_syllable("북"), is_syllable("ㅂ"), is_syllable("b")
    (True, False, False)
    """
    return _SYLLABLE_FIRST <= ord(ch) <= _SYLLABLE_LAST


def has_hangul(text: str) -> bool:
    """Tell whether `text` holds at least one Hangul syllable."""
    return not text.isascii() and any(_SYLLABLE_FIRST <= ord(ch) <= _SYLLABLE_LAST for ch in text)


def has_batchim(ch: str) -> bool:
    """Tell whether the syllable `ch` ends in a final consonant.

    >>> has_batchim("민"), has_batchim("자")
    (True, False)
    """
    return is_syllable(ch) and (ord(ch) - _SYLLABLE_FIRST) % 28 != 0


def jamo(text: str) -> str:
    """Decompose syllables into conjoining jamo, so a one-letter typo is one edit.

    >>> len(jamo("북향민"))
    9
    """
    return unicodedata.normalize("NFD", text)


def strip_particles(word: str, depth: int = 3) -> list[str]:
    """Return the stems left after removing up to `depth` trailing particles, longest first.

    The word itself is not included; a stem keeps at least one syllable.

    >>> strip_particles("탈북민들이")
    ['탈북민들', '탈북민']
    >>> strip_particles("북향민은")
    ['북향민']
    >>> "북한이탈주민" in strip_particles("북한이탈주민으로서의")
    True
    """
    stems: list[str] = []
    frontier = [word]
    for _ in range(depth):
        found = []
        for current in frontier:
            for particle in PARTICLES + (PLURAL,):
                if current.endswith(particle) and len(current) > len(particle):
                    stem = current[: -len(particle)]
                    if stem not in stems and has_hangul(stem):
                        stems.append(stem)
                        found.append(stem)
        frontier = found
    return sorted(stems, key=len, reverse=True)
