"""Loaded into every `locker` subprocess the tests start (via PYTHONPATH): no network sockets.

If the program under test creates an IPv4/IPv6 socket, the process dies with exit code 97 and a
message, so the test that started it fails.
"""

import os
import socket
import sys

_real_init = socket.socket.__init__


def _guarded_init(self, family=-1, *args, **kwargs):  # type: ignore[no-untyped-def]
    if family in (socket.AF_INET, socket.AF_INET6, -1):
        sys.stderr.write("SOCKET GUARD: the program tried to open a network socket\n")
        sys.stderr.flush()
        os._exit(97)
    _real_init(self, family, *args, **kwargs)


socket.socket.__init__ = _guarded_init  # type: ignore[method-assign]
