#!/usr/bin/python3
"""Renders the application icon from its SVG sources into the files the installers need.

image-rag-small.svg gives 16 and 32 px (bolder shapes that stay legible), image-rag.svg the
rest. Writes image-rag-<size>.png, image-rag.ico (Windows) and image-rag.icns (macOS) next to
this script. Needs rsvg-convert (Debian: librsvg2-bin) and Pillow (Debian: python3-pil).

Usage: /usr/bin/python3 packaging/icons/render-icons.py
"""
import io
import pathlib
import subprocess

from PIL import Image

HERE = pathlib.Path(__file__).resolve().parent
SIZES = [16, 32, 48, 64, 128, 256, 512]
SMALL = {16, 32}


def render(size):
    source = HERE / ("image-rag-small.svg" if size in SMALL else "image-rag.svg")
    png = subprocess.run(
        ["rsvg-convert", "--width", str(size), "--height", str(size), str(source)],
        check=True, capture_output=True).stdout
    return Image.open(io.BytesIO(png)).convert("RGBA")


def main():
    images = {size: render(size) for size in SIZES}
    for size, image in images.items():
        image.save(HERE / f"image-rag-{size}.png", optimize=True)
    # Windows picks the frame closest to what it shows (16 in lists, 32/48 on the desktop, 256 in tiles).
    ico_sizes = [16, 32, 48, 64, 128, 256]
    images[256].save(HERE / "image-rag.ico", sizes=[(s, s) for s in ico_sizes],
                     append_images=[images[s] for s in ico_sizes if s != 256])
    # Pillow builds every ICNS frame from the largest image it is given.
    images[512].save(HERE / "image-rag.icns", append_images=[images[s] for s in (16, 32, 64, 128, 256)])


if __name__ == "__main__":
    main()
