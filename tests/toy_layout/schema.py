"""The risk register's sheet and model (a layout's ``schema/<kind>.py``)."""

from __future__ import annotations

from pydantic import BaseModel

from reportgen.readers.workbook import FieldSpec

RISKS_SHEET = "Risks"
RISK_FIELDS = (
    FieldSpec("risk", "Risk", ("Risk Description",), required=True),
    FieldSpec("owner", "Owner", ("Risk Owner",), fill_down=True),
    FieldSpec("likelihood", "Likelihood", required=True),
    FieldSpec("impact", "Impact", required=True),
)


class Risk(BaseModel):
    """A risk, its owner, and its likelihood and impact (1 to 5 each)."""

    risk: str
    owner: str | None
    likelihood: int
    impact: int

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


class RiskRegister(BaseModel):
    """A whole risk register workbook, checked."""

    source: str
    risks: list[Risk]
