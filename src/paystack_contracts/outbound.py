"""The one gate text passes on its way out of the process: console lines, every report, error messages.

Order matters: control characters are stripped first (`terminal.printable`: a key split by an escape sequence,
`sk_te\\x1b[0mst_…`, would otherwise be joined again after redaction), then every known secret is redacted in every
encoding (`credentials.Redactor`), then personal data is masked when the run asked for it (`privacy.mask_pii`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from paystack_contracts.credentials import Redactor
from paystack_contracts.privacy import mask_pii
from paystack_contracts.terminal import printable

__all__ = ["Outbound"]


@dataclass(frozen=True, slots=True)
class Outbound:
    redactor: Redactor = field(default_factory=Redactor.of)
    mask_pii: bool = False

    def text(self, text: str, *, lines: bool = True) -> str:
        """`text` as it may leave the process (`lines`: keep newlines, for multi-line output)."""
        text = self.redactor(printable(text, lines=lines))
        return mask_pii(text) if self.mask_pii else text

    def line(self, text: str) -> str:
        """One console or log line: no newline survives inside it."""
        return self.text(text, lines=False)
