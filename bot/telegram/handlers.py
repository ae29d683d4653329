"""Thin python-telegram-bot handlers: turn an update into a call of :class:`Commands`, send the reply."""
from __future__ import annotations

import logging

from telegram import ChatMember, LinkPreviewOptions, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from .commands import COMMAND_BY_NAME, Caller, Commands
from .locator import render_locator_async
from .html import escape, keyboard_markup

__all__ = ["BotHandlers"]

log = logging.getLogger("newsbot.telegram")
_ADMIN_STATUSES = {ChatMember.ADMINISTRATOR, ChatMember.OWNER}
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


class BotHandlers:
    def __init__(self, commands: Commands):
        self.commands = commands

    async def _is_chat_admin(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
        chat, user, msg = update.effective_chat, update.effective_user, update.effective_message
        if chat is None or chat.type in (ChatType.PRIVATE, ChatType.CHANNEL):
            return True   # a private chat is its own admin; only a channel's admins can post in it
        if msg is not None and msg.sender_chat is not None and msg.sender_chat.id == chat.id:
            return True   # an anonymous group admin posting as the group
        if user is None:
            return False
        member = await context.bot.get_chat_member(chat.id, user.id)
        return member.status in _ADMIN_STATUSES

    async def _caller(self, update: Update, context: ContextTypes.DEFAULT_TYPE, *, check_admin: bool) -> Caller:
        chat, user = update.effective_chat, update.effective_user
        return Caller(
            chat_id=chat.id, chat_type=chat.type, user_id=user.id if user else None,
            chat_title=chat.title or chat.username or chat.first_name,
            is_chat_admin=await self._is_chat_admin(update, context) if check_admin else chat.type == ChatType.PRIVATE,
            is_bot_admin=self.commands.is_bot_admin(user.id if user else None),
        )

    # ------------------------------------------------------------ handlers
    async def gate(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Runs first (group -1): refuse chats outside the allow-list and stop there."""
        chat = update.effective_chat
        if chat is None or self.commands.allowed(chat.id):
            return
        log.info("chat=%s refused: not on the allow-list", chat.id)
        if update.callback_query:
            await update.callback_query.answer(self.commands.refusal().text, show_alert=True)
        elif update.effective_message and chat.type == ChatType.PRIVATE:
            await update.effective_message.reply_text(self.commands.refusal().text)
        raise ApplicationHandlerStop

    async def command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        text = msg.text or ""
        head, _, raw = text.partition(" ")
        name = head[1:].split("@", 1)[0].lower()
        cmd = COMMAND_BY_NAME.get(name)
        caller = await self._caller(update, context, check_admin=bool(cmd and cmd.changes_subscriptions))
        args = context.args or []
        if name == "feeds" and args and args[0] in ("add", "remove"):
            reply = await self.commands.feeds_change(caller, args)      # resolves the host: async
        else:
            reply = self.commands.run(name, caller, args, raw=raw)
        await msg.reply_text(reply.text, parse_mode=ParseMode.HTML, reply_markup=keyboard_markup(reply.buttons),
                             link_preview_options=_NO_PREVIEW)
        if reply.chart:
            chart = self.commands.week_chart()          # store read, here on the loop's thread
            png = await chart.render_async()            # ~100 ms of matplotlib, in a worker thread
            await msg.reply_photo(photo=png, caption=chart.caption)
        if reply.week_map:
            points = self.commands.week_points()
            if points:
                png = await render_locator_async(*points[0], points=points[1:])    # in a worker thread
                await msg.reply_photo(photo=png, caption=f"Incidents alerted in the last 7 days: {len(points)} located")

    async def location(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A location shared from the attachment menu: the centre of a /near circle, radius to follow."""
        msg = update.effective_message
        if msg is None or msg.location is None:
            return
        caller = await self._caller(update, context, check_admin=True)
        reply = self.commands.location(caller, msg.location.latitude, msg.location.longitude)
        await msg.reply_text(reply.text, parse_mode=ParseMode.HTML)

    async def radius(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A plain message: the radius of a shared location, if one is waiting (else not for us)."""
        msg = update.effective_message
        chat = update.effective_chat
        if msg is None or not msg.text or chat is None or self.commands.store.pending_location(chat.id) is None:
            return
        caller = await self._caller(update, context, check_admin=True)
        reply = self.commands.radius_reply(caller, msg.text)
        if reply is not None:
            await msg.reply_text(reply.text, parse_mode=ParseMode.HTML)

    async def unknown(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        if chat is None or chat.type != ChatType.PRIVATE:
            return   # in groups, commands may be meant for other bots
        name = (update.effective_message.text or "").split()[0]
        await update.effective_message.reply_text(
            f"I don't know {escape(name)}. Send /help for the commands.", parse_mode=ParseMode.HTML)

    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        caller = await self._caller(update, context, check_admin=True)
        answer = self.commands.button(caller, query.data)
        await query.answer(answer[:200])

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The one error handler: log first, then tell the user something short."""
        log.error("error while handling an update", exc_info=context.error)
        if isinstance(update, Update) and update.effective_message and not isinstance(context.error, TelegramError):
            try:
                await update.effective_message.reply_text("Sorry, something went wrong; the admins can see why "
                                                          "in the log.")
            except TelegramError:
                log.warning("could not tell the user about the error")
