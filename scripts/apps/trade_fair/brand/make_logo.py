#!/usr/bin/env python3
"""make_logo.py — draws the trade-fair booth's logo (logo.png, 512x512 RGBA,
transparent outside the disc) from geometry alone: a teal disc, a white
speech bubble with a teal tick, an amber star. Standard library only, so the
file can be made again anywhere: python3 make_logo.py logo.png
Written for quizkiosk on 2026-12-01; the script and its output are CC0 1.0
(public domain dedication): no font, photo or third-party artwork is used."""
import math
import struct
import sys
import zlib

SIZE = 512
SS = 3  # supersamples per axis (anti-aliasing)

TEAL = (15, 118, 110)
WHITE = (255, 255, 255)
AMBER = (245, 179, 1)


def in_circle(x, y, cx, cy, r):
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def in_round_rect(x, y, x0, y0, x1, y1, r):
    if x < x0 or x > x1 or y < y0 or y > y1:
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def in_triangle(x, y, a, b, c):
    def side(p, q):
        return (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1])
    d1, d2, d3 = side(a, b), side(b, c), side(c, a)
    neg = d1 < 0 or d2 < 0 or d3 < 0
    pos = d1 > 0 or d2 > 0 or d3 > 0
    return not (neg and pos)


def near_segment(x, y, p, q, half):
    px, py = q[0] - p[0], q[1] - p[1]
    t = ((x - p[0]) * px + (y - p[1]) * py) / (px * px + py * py)
    t = max(0.0, min(1.0, t))
    dx, dy = x - (p[0] + t * px), y - (p[1] + t * py)
    return dx * dx + dy * dy <= half * half


STAR = []
for i in range(10):
    a = math.pi / 2 + i * math.pi / 5
    r = 62 if i % 2 == 0 else 26
    STAR.append((402 + r * math.cos(a), 112 - r * math.sin(a)))


def in_star(x, y):
    # even-odd rule on the star's outline
    inside = False
    n = len(STAR)
    for i in range(n):
        (x1, y1), (x2, y2) = STAR[i], STAR[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def colour_at(x, y):
    """The topmost shape's colour at (x, y), or None (transparent)."""
    if in_star(x, y):
        return AMBER
    if not in_circle(x, y, 256, 256, 236):
        return None
    bubble = in_round_rect(x, y, 112, 150, 400, 336, 52) or \
        in_triangle(x, y, (160, 320), (236, 320), (136, 404))
    if bubble:
        tick = near_segment(x, y, (186, 242), (236, 290), 19) or \
            near_segment(x, y, (236, 290), (330, 192), 19)
        return TEAL if tick else WHITE
    return TEAL


def main(path):
    rows = []
    for py in range(SIZE):
        row = bytearray([0])  # filter: none
        for px in range(SIZE):
            r = g = b = a = 0
            for sy in range(SS):
                for sx in range(SS):
                    c = colour_at(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS)
                    if c:
                        r += c[0]; g += c[1]; b += c[2]; a += 1
            if a:
                row += bytes((r // a, g // a, b // a, a * 255 // (SS * SS)))
            else:
                row += b"\0\0\0\0"
        rows.append(bytes(row))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xffffffff)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "logo.png")
