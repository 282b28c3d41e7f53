"""Synthetic 2560x1440 "screenshots" for bench_screenshots.py (Pillow only, deterministic per seed).

What a screenshot of a social-media or chat page contains, roughly: flat UI areas (bars, sidebar,
cards, buttons) and anti-aliased text, which PNG compresses very well, plus one or two photos
in the feed, which it barely compresses at all. The photo area (noise + gradients + a blur) is
what brings a file to the 1-3 MB that real screenshots of such pages have.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

WIDTH, HEIGHT = 2560, 1440
_WORD_TEXT = (
    "the a you this that image shared posted without consent report account screenshot "
    "message reply please remove delete now today yesterday photo video link private group "
    "friends followers comment like share send received block user profile story seen "
    "online typing threat money pay or else everyone will see it I have your pictures"
)
WORDS = _WORD_TEXT.split()


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _photo(rng: random.Random, w: int, h: int) -> Image.Image:
    """A photo-like area: coloured gradients under sensor-like noise, slightly blurred."""
    base = Image.linear_gradient("L").resize((w, h))
    c1 = tuple(rng.randrange(256) for _ in range(3))
    c2 = tuple(rng.randrange(256) for _ in range(3))
    img = Image.merge(
        "RGB",
        [
            base.point(lambda v, a=a, b=b: a + (b - a) * v // 255)
            for a, b in zip(c1, c2, strict=True)
        ],
    )
    draw = ImageDraw.Draw(img)
    for _ in range(rng.randrange(5, 15)):  # some shapes: faces, furniture, whatever
        x0, y0 = rng.randrange(w), rng.randrange(h)
        x1, y1 = x0 + rng.randrange(20, w // 2), y0 + rng.randrange(20, h // 2)
        fill = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x0, y0, x1, y1), fill=fill)
    noise = Image.merge("RGB", [Image.effect_noise((w, h), rng.uniform(18, 30)) for _ in "RGB"])
    img = Image.blend(img, noise, 0.35)
    return img.filter(ImageFilter.GaussianBlur(0.6))


def make_screenshot(seed: int) -> Image.Image:
    rng = random.Random(seed)
    dark = rng.random() < 0.3
    bg = (24, 25, 28) if dark else (240, 242, 245)
    card = (36, 37, 40) if dark else (255, 255, 255)
    ink = (228, 230, 235) if dark else (28, 30, 33)
    grey = (150, 152, 158)
    accent = rng.choice([(24, 119, 242), (225, 48, 108), (29, 161, 242), (37, 211, 102)])
    img = Image.new("RGB", (WIDTH, HEIGHT), bg)
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=22)
    small = ImageFont.load_default(size=18)
    big = ImageFont.load_default(size=30)

    # window title bar and the site's top bar
    draw.rectangle((0, 0, WIDTH, 36), fill=(50, 50, 55) if dark else (222, 225, 230))
    draw.text((16, 6), _text(rng, 6), font=small, fill=ink)
    draw.rectangle((0, 36, WIDTH, 110), fill=card)
    draw.rounded_rectangle((720, 52, 1840, 96), radius=22, fill=bg)
    draw.text((760, 60), "Search " + _text(rng, 2), font=font, fill=grey)
    draw.text((40, 52), "socialsite", font=big, fill=accent)
    # left sidebar: avatars and names
    for i in range(14):
        y = 150 + i * 80
        draw.ellipse((40, y, 96, y + 56), fill=tuple(rng.randrange(256) for _ in range(3)))
        draw.text((116, y + 14), _text(rng, 3), font=font, fill=ink)
    # right column: chat list with short messages
    for i in range(16):
        y = 150 + i * 76
        draw.rounded_rectangle((1990, y, 2520, y + 64), radius=14, fill=card)
        draw.text((2010, y + 8), _text(rng, 2), font=small, fill=ink)
        draw.text((2010, y + 34), _text(rng, 6)[:48], font=small, fill=grey)
    # feed: posts with text, buttons and a photo
    y = 140
    while y < HEIGHT:
        h_photo = rng.randrange(380, 760) if rng.random() < 0.75 else 0
        h_post = 150 + h_photo + 90
        draw.rounded_rectangle((640, y, 1900, y + h_post), radius=16, fill=card)
        draw.ellipse((670, y + 24, 734, y + 88), fill=accent)
        draw.text((754, y + 28), _text(rng, 2), font=font, fill=ink)
        draw.text((754, y + 58), f"{rng.randrange(1, 59)} min", font=small, fill=grey)
        draw.text((670, y + 104), _text(rng, 16)[:110], font=font, fill=ink)
        if h_photo:
            img.paste(_photo(rng, 1200, h_photo), (670, y + 146))
        by = y + 146 + h_photo + 24
        for j, label in enumerate(("Like", "Comment", "Share")):
            draw.text((720 + j * 400, by), label, font=font, fill=grey)
        y += h_post + 24
    return img


def write_screenshot(args: tuple[int, str]) -> int:
    seed, path = args
    make_screenshot(seed).save(path, format="PNG")  # Pillow's defaults, like most tools
    return Path(path).stat().st_size
