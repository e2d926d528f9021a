"""The exceptions and warnings twinlca raises.

The command line catches :class:`TwinlcaError` and prints its message as one
line; anything else is a bug.
"""


class TwinlcaError(Exception):
    """Base class of every error twinlca reports to its user."""


class ProjectError(TwinlcaError):
    """A field of the project file is invalid.

    The message names the dotted TOML path of the field, the value found and
    what is allowed.
    """

    def __init__(self, path: str, message: str):
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)


class DataError(TwinlcaError):
    """A record of the shipped (or a user-supplied) background data is invalid."""


class LookupFailure(TwinlcaError):
    """A dataset, parameter or country code was asked for and is not there."""


class ConsistencyError(TwinlcaError):
    """Two routes to the same number disagree, or a total is not the sum of its parts."""


class DataDirectoryError(TwinlcaError):
    """The data directory cannot be used (not writable, locked, or stale)."""


class OutputError(TwinlcaError):
    """An output file or folder cannot be written as asked."""


class TwinlcaWarning(UserWarning):
    """A known shortcoming of a result, shown next to the number it affects."""
