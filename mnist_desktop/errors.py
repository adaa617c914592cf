"""The two ways a piece of work ends early, shared by the CLI and the GUI. No Qt, no torch.

Every failure the user can fix (a missing MNIST folder, a file that is not a model,
too few samples, an unreadable image, a broken sample store) derives from UserError,
so the CLI prints it in one line and the GUI shows it (in the window's language where
it has a reason, gui/error_text.py), without each caller wrapping it again.
"""

from __future__ import annotations


class UserError(Exception):
    """An expected failure; str() is one sentence for the user, no traceback.

    `reason` names the problem and `params` fill it in, so the window can say it in
    the user's language (gui/error_text.py); str() stays English for the CLI and logs.
    """

    def __init__(self, message: str = "", reason: str = "", **params):
        super().__init__(message)
        self.reason = reason
        self.params = params

    def detached(self) -> "UserError":
        """The same error, never raised: kept (a fallback's why, another error's cause), it
        pins no traceback, and so none of the frames' data (a model file's bytes)."""
        return type(self)(str(self), self.reason, **self.params)


class ModelError(UserError, ValueError):
    """A model the app cannot read with (a checkpoint or its ONNX twin); str() says why,
    in one sentence."""


class DataError(UserError, RuntimeError):
    """MNIST is missing or unreadable; the message says what to do (learning/data.py)."""


class Cancelled(Exception):
    """The user asked to stop; raised where `should_stop()` is polled (training,
    evaluation, preparing pen-style or touching digits)."""
