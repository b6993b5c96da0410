"""SIGTERM (a logout, `kill`, a service manager) closes the window as 退出 does, without a question: the typed
text is kept as drafts, the running work cancelled and its helpers ended. Python runs a signal handler only between
its own bytecodes, and the GUI thread sits in Qt's event loop: the signal's byte on a socket wakes the loop."""

import signal
import socket

from PySide6.QtCore import QSocketNotifier


def install_terminate(window, app):
    """Route SIGTERM to window.close() (window.terminating set); returns the notifier (kept by the caller)."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    signal.signal(signal.SIGTERM, lambda *_: None)  # the handler runs when the loop reads the wake-up byte
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def woken():
        try:
            got = reader.recv(64)
        except OSError:
            return
        if bytes([signal.SIGTERM]) in got:
            window.terminating = True
            window.close()
            app.quit()

    notifier.activated.connect(woken)
    notifier.keep = (reader, writer)  # the sockets live as long as the notifier
    return notifier
