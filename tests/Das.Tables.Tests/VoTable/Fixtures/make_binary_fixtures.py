#!/usr/bin/python3
"""Writes the hand-made binary fixtures (bad base64, truncated BINARY2, href streams, bits and variable arrays)."""
import base64, gzip, struct

HEAD = '''<?xml version="1.0" encoding="UTF-8"?>
<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
  <RESOURCE type="results">
    <TABLE name="t">
{fields}
      <DATA><{ser}><STREAM {stream}>{body}</STREAM></{ser}></DATA>
    </TABLE>
  </RESOURCE>
</VOTABLE>
'''

FIELDS_B2 = '''      <FIELD name="id" datatype="int"/>
      <FIELD name="x" datatype="double"/>'''


def b2_rows(n):
    out = b""
    for i in range(n):
        mask = 0x40 if i % 3 == 2 else 0          # every third row: x is null
        out += bytes([mask]) + struct.pack(">i", i + 1) + struct.pack(">d", 0.5 * (i + 1))
    return out


def wrap(b64, width=60):
    return "\n" + "\n".join(b64[i:i + width] for i in range(0, len(b64), width)) + "\n"


rows = b2_rows(10)
text = base64.b64encode(rows).decode()
# bad base64: a '%' after the first four rows (13 bytes each → 52 bytes = 69.3 chars; put it at char 72)
bad = text[:72] + "%" + text[73:]
open("bad_base64.xml", "w").write(HEAD.format(fields=FIELDS_B2, ser="BINARY2", stream='encoding="base64"', body=wrap(bad)))
# truncated: the document stops in the middle of the base64 text (after ~5.5 rows)
doc = HEAD.format(fields=FIELDS_B2, ser="BINARY2", stream='encoding="base64"', body=wrap(text))
cut = doc.index(text[:20]) + 96
open("truncated_binary2.xml", "w").write(doc[:cut])
# base64 broken across lines at odd places (quartets split by whitespace)
odd = "\n".join(text[i:i + 7] for i in range(0, len(text), 7))
open("base64_split_quartets.xml", "w").write(HEAD.format(fields=FIELDS_B2, ser="BINARY2", stream='encoding="base64"', body=odd))
# href streams: raw, gzip and base64 files next to the document
open("href_rows.bin", "wb").write(rows)
open("href_rows.bin.gz", "wb").write(gzip.compress(rows, mtime=0))
open("href_rows.b64", "w").write(wrap(text, 76))
open("href_stream.xml", "w").write(HEAD.format(fields=FIELDS_B2, ser="BINARY2", stream='href="href_rows.bin"', body=""))
open("href_stream_gzip.xml", "w").write(HEAD.format(fields=FIELDS_B2, ser="BINARY2", stream='href="href_rows.bin.gz" encoding="gzip"', body=""))
open("href_stream_base64.xml", "w").write(HEAD.format(fields=FIELDS_B2, ser="BINARY2", stream='href="href_rows.b64" encoding="base64"', body=""))

# BINARY (not 2) with bits, variable arrays, fixed char padded with NULs and spaces, unicodeChar, complex
FIELDS = '''      <FIELD name="bits" datatype="bit" arraysize="10"/>
      <FIELD name="onebit" datatype="bit"/>
      <FIELD name="ivar" datatype="int" arraysize="*"/>
      <FIELD name="fixed" datatype="char" arraysize="6"/>
      <FIELD name="uvar" datatype="unicodeChar" arraysize="*"/>
      <FIELD name="ufix" datatype="unicodeChar" arraysize="4"/>
      <FIELD name="fc" datatype="floatComplex"/>
      <FIELD name="flag" datatype="boolean"/>
      <FIELD name="n" datatype="short"><VALUES null="-1"/></FIELD>'''


def row(bits, onebit, ivar, fixed, uvar, ufix, fc, flag, n):
    out = bytes(bits)                            # 10 bits → 2 bytes
    out += bytes([0x80 if onebit else 0])
    out += struct.pack(">i", len(ivar)) + b"".join(struct.pack(">i", v) for v in ivar)
    out += fixed
    u = uvar.encode("utf-16-be")
    out += struct.pack(">i", len(u) // 2) + u
    out += ufix.encode("utf-16-be").ljust(8, b"\0")
    out += struct.pack(">ff", *fc)
    out += flag
    out += struct.pack(">h", n)
    return out


data = row([0b10100000, 0b01000000], True, [1, 2, 3], b"AB\0\0\0\0", "Grüße", "αβ", (1.5, -2.0), b"T", 7)
data += row([0xFF, 0xC0], False, [], b"ABCDEF", "", "abcd", (float("nan"), float("nan")), b"?", -1)
data += row([0, 0], True, [-7], b"pad   ", "星", "", (0.0, 3.0), b"F", 0)
open("binary_bits_arrays_unicode.xml", "w").write(
    HEAD.format(fields=FIELDS, ser="BINARY", stream='encoding="base64"', body=wrap(base64.b64encode(data).decode())))
