#!/usr/bin/env python3
"""Draws the Teams app icons (no image libraries needed): color.png 192x192 (white check
mark rising out of a bar on the brand colour, full bleed) and outline.png 32x32 (the same
mark in white on transparent, as Teams requires). Run from anywhere; writes beside itself."""
import math
import os
import struct
import zlib

BRAND = (0x4F, 0x6B, 0xED)
HERE = os.path.dirname(os.path.abspath(__file__))


def png(path, size, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(size)) for y in range(size))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def segment_distance(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def coverage(x, y, size, strokes, width):
    """Share of 4x4 sub-samples inside the mark (anti-aliasing)."""
    inside = 0
    for sx in range(4):
        for sy in range(4):
            u, v = (x + (sx + 0.5) / 4) / size, (y + (sy + 0.5) / 4) / size
            if any(segment_distance(u, v, *s) <= width / 2 for s in strokes):
                inside += 1
    return inside / 16


# A check mark in unit coordinates, with a short bar under it: "done, and moving on".
MARK = [(0.22, 0.52, 0.42, 0.72), (0.42, 0.72, 0.80, 0.30)]
BAR = [(0.22, 0.86, 0.80, 0.86)]


def color_pixel(x, y):
    c = coverage(x, y, 192, MARK + BAR, 0.11)
    return tuple(round(b + (255 - b) * c) for b in BRAND) + (255,)


def outline_pixel(x, y):
    c = coverage(x, y, 32, MARK + BAR, 0.14)
    return (255, 255, 255, round(255 * c))


png(os.path.join(HERE, "color.png"), 192, color_pixel)
png(os.path.join(HERE, "outline.png"), 32, outline_pixel)
