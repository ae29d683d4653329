"""Bounded Content-Encoding decoding for the fetcher: gzip and deflate, never more than the cap.

:func:`codings` reads the ``Content-Encoding`` layers and refuses unknown ones
(:class:`UnsupportedEncoding`); :class:`DecoderChain` decodes them outermost first, each layer
capped, raising :class:`BodyTooLarge` past the cap.
"""
from __future__ import annotations

import zlib

__all__ = ["BodyTooLarge", "BoundedDecoder", "DecoderChain", "UnsupportedEncoding", "codings"]


class BodyTooLarge(Exception):
    """The decoded body passed the cap (internal to the fetcher: it reports a value, never raises)."""


class UnsupportedEncoding(Exception):
    """A Content-Encoding the bounded decoder does not know (internal to the fetcher, like BodyTooLarge)."""


_DECODABLE = ("gzip", "x-gzip", "deflate")
_MAX_LAYERS = 3


def codings(header: str) -> list[str]:
    """The Content-Encoding layers in the order they were applied, ``identity`` left out.

    Every layer must be one the bounded decoder knows; anything else (br, zstd, compress,
    more than three layers) is refused rather than passed on undecoded or to an
    unbounded decoder.
    """
    layers = [c.strip().lower() for c in header.split(",")]
    layers = [c for c in layers if c not in ("", "identity")]
    for c in layers:
        if c not in _DECODABLE:
            raise UnsupportedEncoding(f"unsupported Content-Encoding {c!r} (newsbot accepts gzip and deflate)")
    if len(layers) > _MAX_LAYERS:
        raise UnsupportedEncoding(f"{len(layers)} stacked Content-Encodings (at most {_MAX_LAYERS})")
    return layers


class BoundedDecoder:
    """Content-Encoding decoder that never produces more than the cap.

    Hand-written on zlib because HTTP clients' decoders inflate each network chunk
    completely: one 64 KiB chunk of a gzip bomb becomes ~64 MiB in memory before
    any size check could run. ``max_length`` keeps every step within the cap.
    """

    def __init__(self, encoding: str, limit: int):
        self.limit = limit
        self.out = 0
        self.first = True
        self.encoding = encoding
        # gzip (wbits 16+), zlib-wrapped deflate (wbits 15); raw deflate tried on failure
        self.z = zlib.decompressobj(16 + zlib.MAX_WBITS if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> bytes:
        if self.first and self.encoding == "deflate":
            self.first = False
            try:
                return self._inflate(data)
            except zlib.error:
                self.z = zlib.decompressobj(-zlib.MAX_WBITS)   # raw deflate, as some servers send
        return self._inflate(data)

    def _inflate(self, data: bytes) -> bytes:
        parts = []
        while data and not self.z.eof:
            room = self.limit + 1 - self.out
            piece = self.z.decompress(data, room)
            self.out += len(piece)
            parts.append(piece)
            if self.out > self.limit:
                raise BodyTooLarge
            data = self.z.unconsumed_tail
        return b"".join(parts)


class DecoderChain:
    """Layers of bounded decoders, outermost first: each layer's output is capped too."""

    def __init__(self, layers: list[str], limit: int):
        self.decoders = [BoundedDecoder(c, limit) for c in reversed(layers)]

    def feed(self, data: bytes) -> bytes:
        for d in self.decoders:
            if not data:
                break
            data = d.feed(data)
        return data
