"""The risk register's context (a layout's ``documents/<document>.py``): view classes only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportgen.kinds import DocumentProperties
from toy_layout.schema import RiskRegister


@dataclass
class RiskRow:
    """A row of the register.

    risk: the risk as typed; owner: who owns it, "" when nobody; score: likelihood × impact,
    "20"; rating: "High" (15 or more), "Medium" (8 to 14) or "Low".
    """

    risk: str
    owner: str
    score: str
    rating: str


def rating(score: int) -> str:
    return "High" if score >= 15 else "Medium" if score >= 8 else "Low"


def build_context(register: RiskRegister) -> dict[str, Any]:
    """The context ``risk-register.docx`` renders: ``risks``, highest score first."""
    ordered = sorted(register.risks, key=lambda r: -r.score)
    return {
        "risks": [RiskRow(r.risk, r.owner or "", str(r.score), rating(r.score)) for r in ordered]
    }


def properties(register: RiskRegister) -> DocumentProperties:
    return DocumentProperties(title="Risk register", subject=register.source)
