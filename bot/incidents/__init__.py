"""Incidents: fold articles about one real event together, fuse their facts, decide what to tell. Pure.

Three steps per new item, all pure (:mod:`bot.pipeline.filing` does the I/O around them):

1. :func:`assign` (:mod:`.assign`) says which open incident the item joins, with reasons;
2. :func:`fuse` (:mod:`.fuse`) folds the item's facts into the incident's state (:mod:`.state`);
3. :func:`decide_updates` (:mod:`.updates`) says which rules' subscribers get an alert or an update.

:mod:`.settings` holds the ``incidents:`` config section, :mod:`.similarity` the text, place and
group-family comparisons, :mod:`.neardup` the near-duplicate index and :mod:`.report` the
``newsbot incidents`` commands. The outbox payload of an incident alert is built in
:mod:`bot.notify.payload`.
"""
from .assign import assign
from .fuse import fuse, incident_facts
from .settings import IncidentSettings, IncidentSignals, UpdatePolicy
from .similarity import title_terms
from .state import Assignment, Event, GroupState, IncidentState, Notification, Report, RuleAlertState, Source
from .updates import decide_updates

__all__ = [
    "IncidentSignals", "UpdatePolicy", "IncidentSettings", "Source", "Report", "GroupState", "IncidentState",
    "Assignment", "Event", "RuleAlertState", "Notification", "assign", "fuse",
    "decide_updates", "incident_facts", "title_terms",
]
