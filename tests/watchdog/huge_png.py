#!/usr/bin/env python3
# huge_png.py OUT — writes the issue-9 decompression bomb for the watchdog test.
import sys, zlib, struct
# A PNG that declares 30000 x 30000 pixels (1-bit grey, all black): ~110 KB
# on disk, gigabytes once decoded.
w = h = 30000
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
c = zlib.compressobj(9)
row = b"\0" * (1 + (w + 7) // 8)
data = b"".join(c.compress(row) for _ in range(h)) + c.flush()
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0)) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
