#!/usr/bin/python3
"""Golden data for PillowResizeTest and ImagePreprocessorTest.

Produced with Debian 12's python3-pil (Pillow 9.4.0) and python3-numpy (1.24.2):

    apt-get install -y python3-pil python3-numpy
    cd src/test/resources/preprocess && /usr/bin/python3 make_golden.py [--inputs]

Without --inputs it recomputes the golden files from the committed inputs; with it, it first
redraws the inputs too. Both steps are deterministic here (numpy's legacy RandomState streams are
frozen), but another numpy or libm may round a sine differently, so keep the committed inputs
unless a case changes. It writes:

  inputs/<case>.png                 the test images (RGB, RGBA and L PNGs)
  pillow/<case>_siglip224.png       SigLIP: Image.resize((224, 224), BICUBIC) of the RGB image
  pillow/<case>_clip224.png         CLIP: shortest edge to 224 (BICUBIC), then the 224 centre crop
  pillow/<case>_to_<W>x<H>.png      plain Image.resize((W, H), BICUBIC) of the RGB image
  tensors/<case>_<rule>_64.bin      a full CHW float32 tensor for a 64-pixel spec, little-endian
  tensors/<case>_<rule>_224.txt     every 997th value of a 224 tensor, then per-channel sums

The tensor pipeline mirrors transformers' slow CLIPImageProcessor / SiglipImageProcessor
(transformers is not installable here, so its few lines are restated below, each marked with the
function it copies): convert_to_rgb, get_resize_output_image_size(default_to_square=False),
resize (PIL, reducing_gap=None), center_crop, rescale (float64, then float32), normalize (float32).
Deviation, on purpose: SiglipImageProcessor leaves do_convert_rgb=None, so it does not convert RGBA or
L images (it would then fail on the channel count); the app converts every image to RGB first, for
both rules, and so does this script.
"""

import os
import sys

import numpy as np
from PIL import Image

OPENAI_CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
OPENAI_CLIP_STD = [0.26862954, 0.26130258, 0.27577711]
SIGLIP_MEAN = [0.5, 0.5, 0.5]
SIGLIP_STD = [0.5, 0.5, 0.5]

HERE = os.path.dirname(os.path.abspath(__file__))


# ---- inputs ----------------------------------------------------------------------------------

def grid(h, w):
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    return y / max(h - 1, 1), x / max(w - 1, 1)


def to_u8(a):
    return np.clip(np.rint(a), 0, 255).astype(np.uint8)


def photo(h, w, seed):
    """Smooth colour gradients, soft blobs, hard-edged shapes and a patch of pure noise."""
    rs = np.random.RandomState(seed)
    v, u = grid(h, w)
    img = np.stack([
        120 + 90 * np.sin(2.1 * u + 1.3 * v),
        110 + 80 * np.cos(1.7 * v - 0.9 * u),
        100 + 70 * np.sin(3.0 * u * v + 0.5),
    ], axis=-1)
    for _ in range(12):
        cy, cx, r = rs.uniform(0, 1), rs.uniform(0, 1), rs.uniform(0.03, 0.2)
        color = rs.uniform(-90, 90, size=3)
        d2 = ((v - cy) * h) ** 2 + ((u - cx) * w) ** 2
        img += np.exp(-d2 / (2 * (r * min(h, w)) ** 2))[..., None] * color
    for _ in range(6):
        y0, x0 = rs.randint(0, h), rs.randint(0, w)
        y1, x1 = min(h, y0 + rs.randint(4, h // 3)), min(w, x0 + rs.randint(4, w // 3))
        img[y0:y1, x0:x1] = rs.uniform(0, 255, size=3)
    ph, pw = h // 8, w // 8
    y0, x0 = rs.randint(0, h - ph), rs.randint(0, w - pw)
    img[y0:y0 + ph, x0:x0 + pw] = rs.randint(0, 256, size=(ph, pw, 3))
    return to_u8(img)


def text_like(h, w, seed):
    """Black strokes on white, one-pixel lines, a checkerboard: aliasing shows at once."""
    rs = np.random.RandomState(seed)
    img = np.full((h, w, 3), 255, np.uint8)
    for row in range(12, h - 40, 22):
        x = 8
        while x < w - 20:
            gw = rs.randint(6, 14)
            for _ in range(rs.randint(2, 5)):
                if rs.rand() < 0.5:
                    yy = row + rs.randint(0, 14)
                    img[yy:yy + rs.randint(1, 3), x:x + gw] = 0
                else:
                    xx = x + rs.randint(0, gw)
                    img[row:row + 15, xx:xx + rs.randint(1, 3)] = 0
            x += gw + rs.randint(2, 9)
    cb = (np.indices((40, 120)).sum(axis=0) % 2 * 255).astype(np.uint8)
    img[h - 40:, :120] = cb[..., None]
    img[h - 40:, 130:250:3] = (200, 30, 30)
    for k in range(0, 40):
        img[h - 40 + k, 260 + 2 * k] = (30, 30, 200)
    return img


def noise(h, w, seed):
    return np.random.RandomState(seed).randint(0, 256, size=(h, w, 3)).astype(np.uint8)


def stripes(h, w, seed):
    """Stripes whose frequency rises across the image, over a gradient, crossed by hard shapes."""
    rs = np.random.RandomState(seed)
    v, u = grid(h, w)
    phase = 2 * np.pi * (4 + 60 * u) * u
    img = np.stack([128 + 100 * np.sin(phase), 60 + 150 * v, 128 + 100 * np.cos(phase * 0.7)], -1)
    yy, xx = v * (h - 1), u * (w - 1)
    for _ in range(3):
        cy, cx, r = rs.uniform(0, h), rs.uniform(0, w), rs.uniform(5, min(h, w) / 3)
        img[(yy - cy) ** 2 + (xx - cx) ** 2 < r * r] = rs.uniform(0, 255, size=3)
    for k in range(4):
        img[np.abs(yy - (xx * (0.3 + 0.4 * k) + rs.uniform(-h, h) / 2)) < 1.0 + k] = (255, 255, 0)
    return to_u8(img)


def rgba(h, w, seed):
    """Colour everywhere, alpha from 0 to 255: colours under alpha 0 must survive convert("RGB")."""
    rgb = photo(h, w, seed)
    v, u = grid(h, w)
    alpha = to_u8(255 * np.clip(1.6 * u - 0.3, 0, 1) * np.clip(1.4 - v, 0, 1))
    return np.dstack([rgb, alpha])


def gray(h, w, seed):
    return photo(h, w, seed)[..., 1]


CASES = {
    # name: (width, height, generator, PIL mode)
    "photo_1000x700": (1000, 700, photo, "RGB"),
    "text_640x480": (640, 480, text_like, "RGB"),
    "noise_50x30": (50, 30, noise, "RGB"),
    "stripes_333x517": (333, 517, stripes, "RGB"),
    "wide_900x120": (900, 120, stripes, "RGB"),
    "exact_224x300": (224, 300, photo, "RGB"),
    "rgba_301x199": (301, 199, rgba, "RGBA"),
    "gray_257x389": (257, 389, gray, "L"),
}


def write_inputs():
    os.makedirs(os.path.join(HERE, "inputs"), exist_ok=True)
    for seed, (name, (w, h, make, mode)) in enumerate(sorted(CASES.items())):
        Image.fromarray(make(h, w, 1000 + seed), mode).save(
            os.path.join(HERE, "inputs", name + ".png"), optimize=True)


# ---- the reference pipeline ---------------------------------------------------------------------

def load_rgb(name):
    im = Image.open(os.path.join(HERE, "inputs", name + ".png"))
    # transformers.image_transforms.convert_to_rgb
    return im if im.mode == "RGB" else im.convert("RGB")


def shortest_edge_size(width, height, size):
    # transformers.image_transforms.get_resize_output_image_size(default_to_square=False),
    # returned as (width, height) for PIL.
    short, long = (width, height) if width <= height else (height, width)
    new_short, new_long = size, int(size * long / short)
    return (new_short, new_long) if width <= height else (new_long, new_short)


def center_crop(a, size):
    # transformers.image_transforms.center_crop, in-bounds branch (always taken after a
    # shortest-edge resize to the crop size)
    h, w = a.shape[:2]
    top, left = (h - size) // 2, (w - size) // 2
    assert top >= 0 and left >= 0
    return a[top:top + size, left:left + size]


def resized(name, rule, size):
    im = load_rgb(name)
    if rule == "clip":
        return np.array(im.resize(shortest_edge_size(im.width, im.height, size), Image.BICUBIC))
    return np.array(im.resize((size, size), Image.BICUBIC))


def tensor(name, rule, size):
    a = resized(name, rule, size)
    if rule == "clip":
        a = center_crop(a, size)
        mean, std = OPENAI_CLIP_MEAN, OPENAI_CLIP_STD
    else:
        mean, std = SIGLIP_MEAN, SIGLIP_STD
    x = (a.astype(np.float64) * (1 / 255)).astype(np.float32)  # transformers rescale
    x = (x - np.array(mean, np.float32)) / np.array(std, np.float32)  # transformers normalize
    return np.ascontiguousarray(x.transpose(2, 0, 1)).astype("<f4")  # to ChannelDimension.FIRST


# Direct Image.resize targets beyond the two rules: odd sizes, one axis up and one down, and the
# full shortest-edge resizes that the CLIP crop would cut.
EXTRA_RESIZES = [
    ("photo_1000x700", 320, 224),
    ("photo_1000x700", 97, 61),
    ("text_640x480", 298, 224),
    ("text_640x480", 200, 333),
    ("noise_50x30", 123, 77),
    ("stripes_333x517", 224, 347),
    ("gray_257x389", 13, 500),
]


def prepared(name, rule, size):
    """The uint8 image just before rescale: what ImagePreprocessor.prepared returns."""
    a = resized(name, rule, size)
    return center_crop(a, size) if rule == "clip" else a


def write_golden():
    for sub in ("pillow", "tensors"):
        os.makedirs(os.path.join(HERE, sub), exist_ok=True)
    for name in sorted(CASES):
        for rule in ("clip", "siglip"):
            Image.fromarray(prepared(name, rule, 224)).save(
                os.path.join(HERE, "pillow", "%s_%s224.png" % (name, rule)), optimize=True)
    for name, w, h in EXTRA_RESIZES:
        Image.fromarray(np.array(load_rgb(name).resize((w, h), Image.BICUBIC))).save(
            os.path.join(HERE, "pillow", "%s_to_%dx%d.png" % (name, w, h)), optimize=True)
    for name, rule, size in (("photo_1000x700", "clip", 64), ("text_640x480", "siglip", 64)):
        tensor(name, rule, size).tofile(os.path.join(HERE, "tensors", "%s_%s_%d.bin" % (name, rule, size)))
    for name, rule in (("photo_1000x700", "clip"), ("rgba_301x199", "siglip"), ("gray_257x389", "clip")):
        t = tensor(name, rule, 224)
        flat = t.reshape(-1)
        with open(os.path.join(HERE, "tensors", "%s_%s_224.txt" % (name, rule)), "w") as f:
            f.write("# index value: every 997th element of the CHW float32 tensor; then per-channel sums\n")
            for i in range(0, flat.size, 997):
                f.write("%d %r\n" % (i, float(flat[i])))
            for c in range(3):
                f.write("sum %d %r\n" % (c, float(t[c].astype(np.float64).sum())))


if __name__ == "__main__":
    if "--inputs" in sys.argv[1:]:
        write_inputs()
    write_golden()
