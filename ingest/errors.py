"""Why one file could not be ingested; the message goes to the operator as-is, one line per file."""


class IngestFileError(Exception):
    pass
