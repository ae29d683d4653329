"""The pictures that follow a message: the locator map under an alert (``/map on``) and the 7-day
chart after a daily digest. Mixed into :class:`bot.telegram.sender.Sender`.

A picture never holds a chat's queue: a map that cannot be drawn or sent is skipped, and a chart
that cannot be drawn or is refused leaves the digest sent without it.
"""
from __future__ import annotations

import logging

from telegram import ReplyParameters
from telegram.error import BadRequest

from bot.clock import iso
from ..store import OutboxRow
from .digests import CHART_PERIODS
from .locator import map_for_payload, render_locator_async

__all__ = ["PictureSends"]

log = logging.getLogger("newsbot.sender")


class PictureSends:
    """Needs ``bot``, ``store``, ``clock``, ``chart``, ``_charts``, ``stats``, ``_pace``, ``_mark_pace``
    and ``_send`` of the Sender."""

    def _wants_chart(self, row: OutboxRow) -> bool:
        return (self.chart is not None and row.payload.get("type") == "digest"
                and row.payload.get("period") in CHART_PERIODS)

    async def _send_map(self, row: OutboxRow, message_id: int) -> None:
        """The locator map under an alert, for chats that turned ``/map on``: drawn in a worker thread,
        sent once as a reply. A map that cannot be drawn or sent is logged and skipped: the alert
        itself went out, and a picture never holds the chat's queue."""
        if row.payload.get("type", "alert") != "alert" or not self.store.map_on(row.chat_id):
            return
        spec = map_for_payload(row.payload)
        if spec is None:
            return
        try:
            png = await render_locator_async(*spec[0], **spec[1])
            await self._pace(row.chat_id)
            await self.bot.send_photo(chat_id=row.chat_id, photo=png, caption=spec[1].get("label") or None,
                                      reply_parameters=ReplyParameters(message_id=message_id,
                                                                       allow_sending_without_reply=True))
            self._mark_pace(row.chat_id)
            self.stats.maps += 1
        except Exception as exc:   # noqa: BLE001 - a map must never cost the chat its next alerts
            log.warning("chat=%s row=%s: locator map not sent (%s)", row.chat_id, row.id, type(exc).__name__)

    async def _send_chart(self, row: OutboxRow, text_message_id: int) -> bool:
        """The 7-day chart right after a daily digest; the row is marked sent once it is accepted.

        At-least-once like every row: a crash between Telegram's accept and the mark repeats the
        chart, never the digest text (its message id is already recorded). A chart that cannot be
        drawn, or that Telegram refuses as a bad request, is logged and skipped: the digest itself
        went out, and a picture must never hold the chat's queue.
        """
        chat_id = row.chat_id
        assert self.chart is not None and self._charts is not None
        try:
            png, file_id, caption, lease = await self._charts.get(self.chart(self.clock()))
        except Exception:   # noqa: BLE001 - a drawing bug must not cost the chat its digest
            log.exception("chat=%s row=%s: could not draw the 7-day chart; digest sent without it", chat_id, row.id)
            return self._done_without_chart(row, text_message_id)
        new_file_id = None

        def send():
            return self.bot.send_photo(chat_id=chat_id, photo=file_id or png, caption=caption)

        def refused(exc: BadRequest) -> bool | None:
            nonlocal file_id
            if file_id:   # Telegram no longer knows the uploaded file: upload the bytes
                self._charts.forget_file_id()
                file_id = None
                return None
            log.error("chat=%s row=%s: chart refused (%s); digest sent without it", chat_id, row.id, exc.message)
            return self._done_without_chart(row, text_message_id)

        try:
            msg, go_on = await self._send(row, send, refused)
            if msg is None:
                return bool(go_on)
            if msg.photo and not file_id:
                new_file_id = msg.photo[-1].file_id
            self.store.mark_sent(row.id, at=iso(self.clock()), message_id=text_message_id)
            self.stats.sent += 1
            self.stats.charts += 1
            return True
        finally:
            if lease:
                self._charts.uploaded(png, new_file_id)

    def _done_without_chart(self, row: OutboxRow, text_message_id: int) -> bool:
        self.store.mark_sent(row.id, at=iso(self.clock()), message_id=text_message_id)
        self.stats.sent += 1
        self.stats.chart_failures += 1
        return True
