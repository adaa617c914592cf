"""Several trained models as one (models.Ensemble): the mean of their logits. No Qt.

The shipped model is three runs of one recipe with different seeds, combined here and
then measured and calibrated as one model (`mnist-desktop ensemble`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from torch import nn

from mnist_desktop import models


def _config(c) -> dict:
    config = c.meta.get("config")
    return config if isinstance(config, dict) else {}


def combine(checkpoints: list) -> tuple[nn.Module, list[dict]]:
    """(the ensemble of `checkpoints`, what the card says of each member). ValueError
    says why they do not go together."""
    if len(checkpoints) < 2:
        raise ValueError("an ensemble needs at least two models")
    archs = sorted({c.meta.get("arch") for c in checkpoints})
    if len(archs) != 1:
        raise ValueError(f"the models must all be one architecture, not {', '.join(map(str, archs))}")
    name = models.ensemble_name(archs[0], len(checkpoints))
    if name not in models.ARCHS:
        known = [a.name for a in models.ARCHS.values() if a.members > 1]
        raise ValueError(f"there is no architecture for {len(checkpoints)} {archs[0]} models together; "
                         f"known ensembles: {', '.join(known)}")
    outputs = sorted({models.outputs_of(c.model) for c in checkpoints})
    if len(outputs) != 1:
        raise ValueError("the models must all have the same outputs (some have the 'several digits' one)")
    cards = [member_card(c) for c in checkpoints]      # each file read and hashed once
    hashes = [card["sha256"] for card in cards]
    if len(set(hashes)) < len(hashes):
        raise ValueError("the same model is given more than once: an ensemble needs models trained apart")
    norms = {repr(c.meta.get("normalization")) for c in checkpoints}
    if len(norms) != 1:
        raise ValueError("the models must all normalise their input the same way")
    model = models.build(name, outputs[0])
    for net, c in zip(model.members, checkpoints):
        net.load_state_dict(c.model.state_dict(), strict=True)
    models.use_normalization(model, checkpoints[0].meta.get("normalization"))
    return model.eval(), cards


def member_card(c) -> dict:
    """What the ensemble's card says of member `c` (a checkpoint.Checkpoint: its card's
    test_acc, train_s and command are already checked to be numbers and text)."""
    path = Path(c.path)
    return {
        "file": path.name,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None,
        "test_acc": c.meta.get("test_acc"),
        "seed": _config(c).get("seed"),
        "command": c.meta.get("command"),
        "train_s": c.meta.get("train_s"),
        # A member trained on from another run's weights (train --init) is made again
        # by that run's command first.
        **({"init": c.meta["init"]} if c.meta.get("init") else {}),
    }


def held_out(checkpoints: list, train_size: int) -> tuple[int, str]:
    """(the training digits every member kept aside, on which the ensemble can be
    calibrated; or 0 and why not). training.split_holdout picks the same ones whatever
    the seed, but only out of the same training set: each member must have trained on
    `train_size` digits less those."""
    counts = {_config(c).get("holdout") for c in checkpoints}
    count = counts.pop() if len(counts) == 1 else None
    if not isinstance(count, int) or isinstance(count, bool) or count <= 0:
        return 0, "the members did not all keep the same digits aside (train --holdout N)"
    if count >= train_size or any(c.meta.get("train_samples") != train_size - count for c in checkpoints):
        return 0, (f"the members did not all train on this MNIST's {train_size} digits less the {count} kept "
                   "aside (another --data or --limit)")
    return count, ""


def shared_config(checkpoints: list) -> dict:
    """The members' training config, with the seeds they differ by as a list."""
    config = dict(_config(checkpoints[0]))
    config["seed"] = [_config(c).get("seed") for c in checkpoints]
    return config
