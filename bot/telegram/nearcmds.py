"""``/near``, shared locations, ``/map``: proximity subscriptions as plain functions over the store.

Mixed into :class:`bot.telegram.commands.Commands`; no Telegram here. A circle is
``/near <place> <km> [min_killed]``, or a location shared from the attachment menu
followed by its radius (a number, or ``/near <km> [min_killed]``). Places resolve
through :mod:`bot.geo` (the gazetteer is loaded on the first ``/near``).
"""
from __future__ import annotations

from ..geo import MAX_KM, PlaceLookupError, resolve_place
from ..geo._math import fmt_km
from ..geo._near import NearPoint, judge
from .html import escape as _e
from .replies import Caller, Reply


SHARED = "shared location"
MAX_PER_CHAT = 50


def _number(s: str) -> float | None:
    try:
        v = float(s.replace(",", "."))
    except ValueError:
        return None
    return v if v == v and v not in (float("inf"), float("-inf")) else None


def split_near_args(args: list[str]) -> tuple[str, float | None, int | None, str | None]:
    """``["Mocímboa", "da", "Praia", "30", "5"]`` → (place, km, min_killed, problem)."""
    nums: list[float] = []
    rest = list(args)
    while rest and len(nums) < 2 and _number(rest[-1]) is not None:
        nums.insert(0, _number(rest.pop()))   # type: ignore[arg-type]
    place = " ".join(rest).strip()
    if not nums:
        return place, None, None, "How far around it? Give a radius in km."
    km = nums[0]
    mk = None
    if len(nums) == 2:
        if nums[1] != int(nums[1]) or nums[1] < 0:
            return place, km, None, "min_killed is a whole number."
        mk = int(nums[1])
    return place, km, mk, None


def _lookup_reply(msg: str, km: float, min_killed: int | None) -> str:
    """The resolver's message, its "write `place: X`" advice turned into the command to send."""
    cue = "write `place: "
    i = msg.find(cue)
    j = msg.find("`", i + len(cue)) if i >= 0 else -1
    if j < 0:
        return _e(msg)
    cmd = f"/near {msg[i + len(cue):j]} {fmt_km(km)}" + (f" {min_killed}" if min_killed is not None else "")
    return f"{_e(msg[:i])}send <code>{_e(cmd)}</code>{_e(msg[j + 1:])}"


class NearCommands:
    """The proximity part of the bot's commands (needs ``store``, ``_now``, ``_usage`` of Commands)."""

    def cmd_near(self, caller: Caller, args: list[str], raw: str) -> Reply:
        if not args:
            return self._usage("near", "Which place, and how far around it? e.g. /near Beni 50, or share a "
                                       "location and send its radius.")
        place, km, min_killed, problem = split_near_args(args)
        if problem:
            return self._usage("near", problem)
        assert km is not None
        if not 1 <= km <= MAX_KM:
            return Reply(f"The radius is between 1 and {MAX_KM:.0f} km.")
        if len(self.store.near_subscriptions(caller.chat_id)) >= MAX_PER_CHAT:
            return Reply(f"This chat has {MAX_PER_CHAT} places already; remove one with /unsubscribe near:ID.")
        if not place:
            loc = self.store.pending_location(caller.chat_id)
            if loc is None:
                return self._usage("near", "Which place? Give a name, or share a location first.")
            self.store.set_pending_location(caller.chat_id, None)
            return self._add_near(caller, SHARED, loc["lat"], loc["lon"], km, min_killed)
        try:
            p = resolve_place(place[:200])
        except PlaceLookupError as exc:
            return Reply(_lookup_reply(str(exc), km, min_killed))
        return self._add_near(caller, p.name, p.lat, p.lon, km, min_killed, where=p.country)

    def _add_near(self, caller: Caller, name: str, lat: float, lon: float, km: float, min_killed: int | None,
                  where: str | None = None) -> Reply:
        sid = self.store.add_near(caller.chat_id, name=name, lat=lat, lon=lon, km=km, min_killed=min_killed,
                                  at=self._now())
        extra = f", {min_killed} or more killed" if min_killed is not None else ""
        label = f"{name}, {where}" if where else name
        return Reply(f"📍 Subscribed to events within {fmt_km(km)} km of <b>{_e(label)}</b> "
                     f"({lat:.3f}, {lon:.3f}){extra}. Its alerts say how far and which way. "
                     f"Remove it with <code>/unsubscribe near:{sid}</code>.")

    def location(self, caller: Caller, lat: float, lon: float) -> Reply:
        """A location shared from the attachment menu: wait for its radius."""
        if caller.is_group and not caller.is_chat_admin:
            return Reply("Only this group's admins can change its subscriptions.")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return Reply("That location is not on Earth.")
        self.store.ensure_chat(caller.chat_id, at=self._now(), type=caller.chat_type, title=caller.chat_title)
        self.store.set_pending_location(caller.chat_id, lat, lon, at=self._now())
        return Reply(f"📍 Got it ({lat:.3f}, {lon:.3f}). How far around it, in km? Send a number "
                     f"(e.g. <code>50</code>), or <code>/near 50 10</code> for 10 or more killed.")

    def radius_reply(self, caller: Caller, text: str) -> Reply | None:
        """A plain message after a shared location: its radius (and min_killed). None: not for us."""
        if self.store.pending_location(caller.chat_id) is None:
            return None
        parts = text.lower().replace("km", " ").split()     # "50", "50 km", "50km 10"
        if not 1 <= len(parts) <= 2 or any(_number(p) is None for p in parts):
            return None
        if caller.is_group and not caller.is_chat_admin:
            return None
        return self.cmd_near(caller, parts, text)

    def near_lines(self, chat_id: int) -> list[str]:
        subs = self.store.near_subscriptions(chat_id)
        if not subs:
            return []
        lines = ["<b>Places</b>"]
        for s in subs:
            extra = f", {s.min_killed}+ killed" if s.min_killed is not None else ""
            lines.append(f"• <code>near:{s.id}</code> — within {fmt_km(s.km)} km of {_e(s.name)} "
                         f"({s.lat:.3f}, {s.lon:.3f}){extra}")
        return lines

    def unsubscribe_near(self, caller: Caller, arg: str) -> Reply:
        what = arg[len("near"):].lstrip(":")
        if not what:
            n = self.store.remove_near(caller.chat_id)
            return Reply(f"Removed {n} place{'s' * (n != 1)}." if n else "This chat has no places.")
        if not what.isdigit():
            return self._usage("unsubscribe", "A place is removed by its id, e.g. /unsubscribe near:3 (see /list).")
        if self.store.remove_near(caller.chat_id, int(what)):
            return Reply(f"Removed <code>near:{int(what)}</code>.")
        return Reply(f"This chat has no place <code>near:{int(what)}</code>; /list shows its places.")

    def near_test_lines(self, chat_id: int, text: str) -> list[str]:
        """``/test``: whether each of the chat's places would alert, and how far or why not."""
        subs = self.store.near_subscriptions(chat_id)
        facts_of = getattr(self.rules_provider, "facts_of", None)
        if not subs or facts_of is None:
            return []
        facts = facts_of(text)
        out = []
        for s in subs:
            ok, bad = judge([NearPoint(s.lat, s.lon, s.km, s.name)], facts)
            if ok and s.min_killed is not None and (facts.killed is None or facts.killed < s.min_killed):
                ok, bad = [], [f"killed {facts.killed if facts.killed is not None else 'unknown'}, "
                               f"needs >= {s.min_killed}"]
            out.append(f"{'✓' if ok else '✗'} near:{s.id} ({fmt_km(s.km)} km of {s.name}): {'; '.join(ok or bad)}")
        return out

    def cmd_map(self, caller: Caller, args: list[str], raw: str) -> Reply:
        if len(args) != 1 or args[0].lower() not in ("on", "off"):
            state = "on" if self.store.map_on(caller.chat_id) else "off"
            return self._usage("map", f"Maps are {state}.")
        on = args[0].lower() == "on"
        self.store.set_map(caller.chat_id, on)
        return Reply("🗺 Alerts come with a locator map." if on else "Alerts come without a map.")
