"""Recognizer: a model plus the preprocessing; predicts digits, reads numbers.

The network runs as ONNX in OpenCV's dnn module (reading/onnx_model.py): no Qt, no
torch, so `predict` and the window start in a fraction of a second and a bundle
that only reads needs no PyTorch.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field

import numpy as np

from mnist_desktop import paths
from mnist_desktop.reading import layout, onnx_model, preprocess, segment
from mnist_desktop.reading.readings import best_path, crops, readings
from mnist_desktop.reading import strokes as strokes_
from mnist_desktop.reading.imageio import load_any
from mnist_desktop.reading.onnx_model import ModelError
from mnist_desktop.reading.preprocess import Step

DIGITS = 10                # outputs past the tenth ("several digits") are never shown
UNSURE_BELOW = 0.75        # top probability under this is shown as "unsure" (a model without a calibration)
DOUBT = math.log(0.5)      # a group of one digit's width is cut only when the model gives
                           # it less than this log-probability of being one digit


@dataclass
class DigitResult:
    digit: int
    confidence: float
    probabilities: list[float]
    box: tuple[int, int, int, int]          # x, y, w, h in the original image's pixels
    input: np.ndarray                       # the 28x28 the model saw (float, ink = 1)
    steps: list[Step] = field(default_factory=list)
    unsure_below: float = UNSURE_BELOW      # the model's own line (its card's calibration)
    point_after: bool = False               # a decimal point follows it (12.50: after the 2)

    @property
    def unsure(self) -> bool:
        return self.confidence < self.unsure_below

    @property
    def top3(self) -> list[tuple[int, float]]:
        order = np.argsort(self.probabilities)[::-1][:3]
        return [(int(d), float(self.probabilities[d])) for d in order]

    def to_json(self) -> dict:
        return {"digit": self.digit, "confidence": round(self.confidence, 6), "box": list(self.box),
                "probabilities": [round(p, 6) for p in self.probabilities],
                "top3": [[d, round(p, 6)] for d, p in self.top3], "unsure": self.unsure,
                **({"point_after": True} if self.point_after else {})}


@dataclass
class NumberRead:
    """One number of a page: its text, box (original pixels) and digits (indices)."""

    text: str
    box: tuple[int, int, int, int]
    digits: list[int]                       # indices into NumberResult.digits
    column: int | None = None               # its table column, when read from a table

    def to_json(self) -> dict:
        out = {"text": self.text, "box": list(self.box), "digits": self.digits}
        return out if self.column is None else {**out, "column": self.column}


@dataclass
class LineRead:
    box: tuple[int, int, int, int]
    numbers: list[NumberRead]

    def to_json(self) -> dict:
        return {"box": list(self.box), "numbers": [n.to_json() for n in self.numbers]}


@dataclass
class NumberResult:
    status: str                             # "ok" or "no_digit"
    digits: list[DigitResult]
    steps: list[Step]                       # image-level steps (gray ... cleaned)
    size: tuple[int, int] = (0, 0)          # original width, height
    lines: list[LineRead] = field(default_factory=list)   # lines of writing, top to bottom

    @property
    def text(self) -> str:
        """Numbers in a line joined by a space, lines by a newline; one number: its digits."""
        if not self.lines:
            return "".join(str(d.digit) for d in self.digits)
        return "\n".join(" ".join(n.text for n in line.numbers) for line in self.lines)

    def rows(self) -> list[list[str]]:
        """The page as a table: one row per line of writing, one cell per number; a
        table's numbers keep their columns (an empty cell stays empty)."""
        rows = []
        for line in self.lines:
            placed = [n for n in line.numbers if n.column is not None]
            row = [""] * (max((n.column for n in placed), default=-1) + 1)
            for n in line.numbers:
                if n.column is None:
                    row.append(n.text)
                else:
                    row[n.column] = n.text
            rows.append(row)
        return rows

    @property
    def page(self) -> bool:
        """More than one number: the JSON lists the lines."""
        return len(self.lines) > 1 or any(len(line.numbers) > 1 for line in self.lines)

    @property
    def unsure(self) -> bool:
        return any(d.unsure for d in self.digits)

    def to_json(self, file: str | None = None) -> dict:
        out = {"file": file, "status": self.status, "text": self.text,
               "digits": [d.to_json() for d in self.digits], "error": None}
        if self.page:
            out["lines"] = [line.to_json() for line in self.lines]
        return out


def _export(checkpoint, dest) -> None:
    """A twin for a checkpoint without one: the only reading step that needs torch."""
    try:
        from mnist_desktop import onnx_export
    except ImportError as exc:
        name = getattr(checkpoint, "name", str(checkpoint))
        raise ModelError(f"{name} has no ONNX twin, and making one needs PyTorch ({exc})") from None
    onnx_export.export_checkpoint(checkpoint, dest)


@dataclass(frozen=True)
class Calibration:
    """What the window shows as confidence: softmax(logits / temperature), and the line
    under which a reading is unsure; fitted on held-out digits (learning/calibration.py)."""

    temperature: float = 1.0
    unsure_below: float = UNSURE_BELOW

    @classmethod
    def of(cls, meta: dict) -> "Calibration":
        """The card's calibration; the defaults for a model without one (or a damaged one)."""
        cal = meta.get("calibration")
        if not isinstance(cal, dict):
            return cls()
        def number(key, lo, hi, default):
            v = cal.get(key)
            ok = isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and lo <= v <= hi
            return float(v) if ok else default

        return cls(number("temperature", 0.05, 100.0, 1.0), number("unsure_below", 0.01, 0.999, UNSURE_BELOW))

    def shown(self, p: np.ndarray) -> np.ndarray:
        """Digit probabilities as shown: p ** (1/T), renormalised (= softmax(logits / T))."""
        if self.temperature == 1.0:
            return p
        logp = np.log(np.maximum(p.astype(np.float64), 1e-300)) / self.temperature
        q = np.exp(logp - logp.max())
        return (q / q.sum()).astype(np.float32)


class Recognizer:
    def __init__(self, network: onnx_model.Network, source, fallback: tuple[str, ModelError] | None = None):
        self.network = network
        self.meta = network.meta
        self.calibration = Calibration.of(self.meta)
        self.source = source                # the checkpoint: a path, or a Traversable (shipped)
        self.path = str(source)
        # (the active model's path, why it could not be used) when the shipped one stands in.
        self.fallback = fallback
        self._checkpoint = None

    @classmethod
    def open(cls, path, on_export=None) -> "Recognizer":
        """The checkpoint at `path`, read through its ONNX twin; ModelError if unusable.
        on_export() is called first when the twin must be made (seconds, with torch)."""
        return cls(onnx_model.load(path, _export, on_export), path)

    @classmethod
    def load(cls, path: str | os.PathLike | None = None, on_export=None) -> "Recognizer":
        """`path`, else the active model, else the shipped one. An active model that is
        damaged or gone gives way to the shipped one, with `fallback` saying why."""
        if path is not None:
            return cls.open(path, on_export)
        chosen = paths.active_model_choice()
        if chosen is None:
            rec = cls.open(paths.shipped_model(), on_export)
            if (damage := paths.damaged_active_record()) is not None:
                record, reason, detail = damage
                said = {"record_folder": f"{record.name} is a folder, not a record of the active model",
                        "unreadable": f"{record.name} cannot be read ({detail})"}
                rec.fallback = (str(record), ModelError(said.get(reason, f"{record.name} is damaged: it does not say "
                                                                         "which model is active"),
                                                        reason, name=record.name, detail=detail))
            return rec
        try:
            return cls.open(chosen, on_export)
        except ModelError as exc:
            rec = cls.open(paths.shipped_model(), on_export)
            rec.fallback = (str(chosen), exc.detached())    # the window translates it
            return rec

    @classmethod
    def shipped(cls) -> "Recognizer":
        return cls.open(paths.shipped_model())

    @property
    def checkpoint(self):
        """The torch checkpoint, for training, fine-tuning and evaluation (imports torch)."""
        if self._checkpoint is None:
            from mnist_desktop import checkpoint

            self._checkpoint = checkpoint.load(self.source)
        return self._checkpoint

    def classify(self, images: np.ndarray) -> np.ndarray:
        """(N, 28, 28) float in [0, 1] -> (N, 10) probabilities, one forward pass."""
        return self.score(images)[0]

    def score(self, images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(N, 10) digit probabilities and (N,) log-probability that each crop is one
        digit (0 for a model without the "several digits" output)."""
        if len(images) == 0:
            return np.zeros((0, DIGITS), np.float32), np.zeros(0, np.float32)
        logits = self.network.forward(images).astype(np.float64)
        digits = logits[:, :DIGITS]
        top = logits.max(1, keepdims=True)
        exp = np.exp(logits - top)
        one = np.log(np.maximum(exp[:, :DIGITS].sum(1), 1e-300)) - np.log(exp.sum(1))
        probs = np.exp(digits - digits.max(1, keepdims=True))
        probs /= probs.sum(1, keepdims=True)
        return probs.astype(np.float32), one.astype(np.float32)

    def predict(self, image) -> DigitResult | None:
        """The whole image as one digit; None when there is no ink.

        Public API (DESIGN.md's Python contract), beside read(); the app itself reads
        with read(), which finds several digits.
        """
        pre = preprocess.preprocess(image)
        if pre.image is None:
            return None
        p = self.classify(pre.image[None])[0]
        return self._digit(p, pre.box, pre.image, pre.steps)

    def _crops(self, ink, pieces):
        norms = [preprocess.normalize(ink, p.box, p.mask) for p in pieces]
        return (norms, *self.score(np.stack([m.image for m in norms])))

    def read(self, image, strokes: list[strokes_.PenStroke] | None = None) -> NumberResult:
        """All digits in the image: lines of writing top to bottom, the numbers in each
        left to right (one number or digit is the one-element case). A drawing's
        `strokes` (image pixels, in the order drawn) say which ink is one digit."""
        gray = load_any(image)
        mnist = None if strokes else preprocess.as_mnist(gray)
        # An image in MNIST's format is its own input, unless it is several digits squeezed
        # into MNIST's box: the model says so, or (a model without that output) ink apart.
        probs, one = self.score(mnist.image[None]) if mnist is not None else (None, None)
        if mnist is not None and (one[0] >= DOUBT if self.network.outputs > DIGITS
                                  else len(segment.segment(preprocess.find_ink(gray))) == 1):
            digits, lines = _gather([[([self._digit(probs[0], mnist.box, mnist.image, mnist.steps[1:])], None)]])
            return NumberResult(status="ok", digits=digits, steps=mnist.steps[:1], size=(28, 28), lines=lines)
        ink = preprocess.find_ink(gray, photo=not strokes)
        size = (0, 0)
        if ink.steps:
            h, w = ink.steps[0][1].shape
            size = (w, h)
        if ink.empty or (strokes and strokes_.only_taps(strokes, gray.shape)):
            return NumberResult(status="no_digit", digits=[], steps=ink.steps, size=size)
        if strokes:   # which ink is one digit, for finding the lines too (a 1 under a 2 is no 7)
            ink.components = strokes_.components(ink, strokes) or ink.components
        page = layout.analyse(ink)
        if page.single:   # the ink untouched: read exactly as a lone number always was
            numbers = [[(self._read_number(ink), None)]]
        else:
            numbers = [[(self._read_number(n.ink), n.column) for n in line] for line in page.lines]
        digits, lines = _gather(numbers)
        steps = ink.steps if page.single else page.ink.steps
        return NumberResult(status="ok" if digits else "no_digit", digits=digits, steps=steps,
                            size=size, lines=lines)

    def _read_number(self, ink: preprocess.InkMap) -> list[DigitResult]:
        """The digits of one number: every way to segment its ink, the surest reading."""
        if ink.components is None or not ink.components.pieces:
            return []
        lay = segment.layout(ink)
        spans = readings(lay, gate_all=self.network.outputs > DIGITS)
        # Every candidate crop in one forward pass; the cuts of a group that must wait
        # for the model's doubt (every group with a "several digits" output, else the
        # ones no wider than a digit) only in a second one, and only when the model
        # doubts the group is one digit: most drawings never pay for them.
        pieces = crops(spans, lambda gate: gate is None)
        if not pieces:
            return []
        norms, probs, one = self._crops(ink, pieces)
        index = {id(p): k for k, p in enumerate(pieces)}
        # A cut of a group the model doubts is one digit also pays for that doubt: the
        # whole group's reading carries log P(one digit), its cut log P(several), so a
        # 0 the model finds half like two digits is not "91" on the strength of the 1.
        spans = {key: [(o[0], o[1] - math.log(-math.expm1(one[index[id(o[2])]])), o[2]) if o[2] is not None else o
                       for o in options if o[2] is None or one[index[id(o[2])]] < DOUBT]
                 for key, options in spans.items()}
        more = [p for p in crops(spans, lambda gate: gate is not None) if id(p) not in index]
        if more:
            norms2, probs2, one2 = self._crops(ink, more)
            index.update({id(p): len(pieces) + k for k, p in enumerate(more)})
            pieces, norms = pieces + more, norms + norms2
            probs, one = np.concatenate([probs, probs2]), np.concatenate([one, one2])
        chosen = best_path(spans, index, np.log(probs.max(1) + 1e-9) + one)
        digits = [self._digit(probs[k], ink.to_original(pieces[k].box, pieces[k].mask), norms[k].image, norms[k].steps)
                  for k in chosen]
        spans_x = [(pieces[k].box[0], pieces[k].box[0] + pieces[k].box[2]) for k in chosen]
        for x in lay.points:      # after the last digit left of it, if one stands right of it
            before = sum(x1 <= x for _, x1 in spans_x)
            if 0 < before < len(digits) and spans_x[before][0] >= x:    # not inside a digit read whole
                digits[before - 1].point_after = True
        return digits

    def _digit(self, p: np.ndarray, box, image: np.ndarray, steps: list[Step]) -> DigitResult:
        """One reading as shown: the calibrated probabilities, the model's unsure line."""
        p = self.calibration.shown(p)
        d = int(p.argmax())
        return DigitResult(digit=d, confidence=float(p[d]), probabilities=[float(v) for v in p],
                           box=tuple(int(v) for v in box), input=image, steps=steps,
                           unsure_below=self.calibration.unsure_below)


def _box_of(boxes) -> tuple[int, int, int, int]:
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[0] + b[2] for b in boxes), max(b[1] + b[3] for b in boxes)
    return x0, y0, x1 - x0, y1 - y0


def _gather(numbers: list[list[tuple[list[DigitResult], int | None]]]):
    """Per line, per number, its digits -> all digits in reading order and the lines
    that index into them (numbers and lines that read no digit are left out)."""
    digits: list[DigitResult] = []
    lines: list[LineRead] = []
    for line in numbers:
        found = []
        for ds, column in line:
            if ds:
                text = "".join(f"{d.digit}." if d.point_after else str(d.digit) for d in ds)
                found.append(NumberRead(text=text, box=_box_of([d.box for d in ds]),
                                        digits=list(range(len(digits), len(digits) + len(ds))), column=column))
                digits += ds
        if found:
            lines.append(LineRead(box=_box_of([n.box for n in found]), numbers=found))
    return digits, lines
