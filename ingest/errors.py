"""Why one file could not be ingested; the message goes to the operator as-is, one line per file."""


from caiwen.errors import CaiwenError


class IngestFileError(CaiwenError):
    code = "unreadable_document"
    http_status = 422
