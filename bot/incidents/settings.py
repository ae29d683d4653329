"""The ``incidents:`` settings: how items join incidents and when an incident is told again. Pure."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class IncidentSignals(BaseModel):
    """How items are joined into incidents. Every signal has a weight; 0 turns it off."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    window_hours: float = Field(72.0, gt=0)          # item within this of the incident's items
    max_span_hours: float = Field(240.0, gt=0)       # an incident stops accepting items this long after its first
    threshold: float = Field(0.6, ge=0)              # join when the best score reaches this
    w_groups: float = 0.25                           # overlapping group families
    w_group_conflict: float = -0.4                   # both name perpetrators, families disjoint
    w_province: float = 0.3                          # same province
    w_country: float = 0.15                          # same country, province unknown on one side
    w_province_differs: float = -0.3                 # same country, different provinces, no shared place
    w_place: float = 0.3                             # same named place, or the incident's place named in the item
    w_text: float = 0.4                              # times the share of the item's title terms the incident has
    w_time: float = 0.1                              # times (1 - gap / window)
    w_same_kind: float = 0.1                         # same kind of event
    w_same_separate_kind: float = 0.2                # same kind, for the kinds kept separate (talks, arrests)
    separate_kinds: tuple[str, ...] = ("arrest", "diplomacy")   # only join incidents of the same kind
    # Two attacks in one province on different days stay apart when their places differ:
    distinct_place_gap_hours: float = Field(12.0, ge=0)
    # a country mismatch (both known) keeps items apart
    require_same_country: bool = True


class UpdatePolicy(BaseModel):
    """When an incident that already alerted a rule's subscribers is worth telling them again."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    killed_step: int = Field(3, ge=1)            # killed rose by at least this since they were last told
    wounded_triggers: bool = False               # a wounded rise alone sends an update
    wounded_step: int = Field(10, ge=1)
    claim_triggers: bool = True                  # a group newly named as perpetrator sends an update


class IncidentSettings(BaseModel):
    """The ``incidents:`` section of the config file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = True
    signals: IncidentSignals = IncidentSignals()
    updates: UpdatePolicy = UpdatePolicy()
    neardup_threshold: float = Field(0.8, gt=0, le=1)
    neardup_retention_days: float = Field(7.0, gt=0)
    retention_days: float = Field(90.0, gt=0)    # closed incidents older than this may be pruned



def signals_of(settings: IncidentSignals | IncidentSettings | None) -> IncidentSignals:
    """The join signals of ``settings`` (the whole section, the signals alone, or the defaults)."""
    if isinstance(settings, IncidentSettings):
        return settings.signals
    return settings or IncidentSignals()


def policy_of(settings: UpdatePolicy | IncidentSettings | None) -> UpdatePolicy:
    """The update policy of ``settings`` (the whole section, the policy alone, or the defaults)."""
    return settings.updates if isinstance(settings, IncidentSettings) else (settings or UpdatePolicy())
