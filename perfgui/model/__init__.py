"""The form model: plain data, rules and scoring. Imports no Qt, TinyDB or ReportLab."""

from .form import (
    Budget, BudgetRow, Form, FormKind, Goals, GradeBand, Header, Node, Rule, Settings, SignField,
    SignOff, Status,
)
from .numbers import fmt2, fmt_money, fmt_weight, parse_decimal
from .rules import ERROR, WARNING, Finding, check
from .scoring import Suggestion, parse_measure, suggest
from .serialize import FormatError, from_dict, to_dict
from .totals import Totals, compute, grade, node_max, node_score

__all__ = [
    "Budget", "BudgetRow", "Form", "FormKind", "Goals", "GradeBand", "Header", "Node", "Rule",
    "Settings", "SignField", "SignOff", "Status", "fmt2", "fmt_money", "fmt_weight",
    "parse_decimal",
    "ERROR", "WARNING", "Finding", "check", "Suggestion", "parse_measure", "suggest",
    "FormatError", "from_dict", "to_dict", "Totals", "compute", "grade", "node_max", "node_score",
]
