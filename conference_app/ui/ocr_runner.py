"""Reading a card or badge off the UI thread, with a progress window and a Cancel button.

`CardReader.start(source, label)` reads a picture file or a QImage (a pasted picture, a camera
frame) on a pool thread; the window says what is happening ("Starting the text reader…" the first
time, then "Reading the text…"). `read` carries the CardReading, `failed` one line for the user.
Cancel closes the window at once and drops the result: the reader finishes the step it is in on
its thread (a few seconds at most) and stops there.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, SignalInstance
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QProgressDialog, QWidget

from conference_app.core.errors import ImportCancelled, UserError

WINDOW_TITLE = "Reading the card"


class _Relay(QObject):
    """Carries a pool thread's news to the UI thread; made per reading on the UI thread, and deleted
    there once the pool thread is through with it (`ended`)."""

    step = Signal(str)
    done = Signal(object)  # CardReading
    failed = Signal(str)
    stopped = Signal()
    ended = Signal()


class _ReadCard(QRunnable):
    def __init__(self, source: Path | QImage, label: str, relay: _Relay, cancel: threading.Event) -> None:
        super().__init__()
        self._source = source
        self._label = label
        self._relay = relay
        self._cancel = cancel

    def run(self) -> None:
        from conference_app.core.importers import card_ocr

        relay = self._relay
        try:
            if isinstance(self._source, QImage):
                image = self._source.convertToFormat(QImage.Format.Format_RGB888)
                reading = card_ocr.read_card_pixels(
                    image.width(), image.height(), bytes(image.constBits()), image.bytesPerLine(), self._label,
                    lambda text: _send(relay.step, text), self._cancel.is_set,
                )  # fmt: skip
            else:
                reading = card_ocr.read_card_file(
                    self._source, lambda text: _send(relay.step, text), self._cancel.is_set
                )
        except ImportCancelled:
            _send(relay.stopped)
        except UserError as error:
            _send(relay.failed, str(error))
        except Exception as error:  # noqa: BLE001 - the user gets one line, never a traceback
            _send(relay.failed, f"{self._label}: the card could not be read ({type(error).__name__}: {error})")
        else:
            _send(relay.done, reading)
        finally:
            _send(relay.ended)


def _send(signal: SignalInstance, *args: object) -> None:
    """Emit from the pool thread; the window that asked may have been closed and deleted meanwhile."""
    try:
        signal.emit(*args)
    except RuntimeError:  # "Internal C++ object already deleted": nobody is listening any more
        pass


class CardReader(QObject):
    """One card at a time, read on a pool thread, with its progress window over `parent`."""

    read = Signal(object)  # CardReading
    failed = Signal(str)
    finished = Signal()  # after `read`, `failed` or a cancel: the reader is free again

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._relay: _Relay | None = None
        self._cancel: threading.Event | None = None
        self.progress: QProgressDialog | None = None

    def busy(self) -> bool:
        return self._relay is not None

    def start(self, source: Path | QImage, label: str) -> bool:
        """Start reading `source` (`label` names it in messages); False when a reading is already running."""
        if self.busy():
            return False
        self._cancel = threading.Event()
        self._relay = relay = _Relay(self)
        relay.ended.connect(relay.deleteLater)
        relay.step.connect(self._step)
        relay.done.connect(self._done)
        relay.failed.connect(self._failed)
        relay.stopped.connect(self._close)
        self._show_progress()
        QThreadPool.globalInstance().start(_ReadCard(source, label, relay, self._cancel))
        return True

    def cancel(self) -> None:
        """Close the progress window now; the result, when it comes, is dropped."""
        if self._cancel is not None:
            self._cancel.set()
        self._close()

    # --- the pool thread's news ------------------------------------------------------------------

    def _step(self, text: str) -> None:
        if self.progress is not None:
            self.progress.setLabelText(text)

    def _done(self, reading: object) -> None:
        self._close()
        self.read.emit(reading)

    def _failed(self, message: str) -> None:
        self._close()
        self.failed.emit(message)

    def _show_progress(self) -> None:
        progress = QProgressDialog("Reading the text…", "Cancel", 0, 0, self._parent.window())
        progress.setWindowTitle(WINDOW_TITLE)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self.cancel)
        self.progress = progress
        progress.show()

    def _close(self) -> None:
        """Forget the running reading (its late news goes nowhere) and close the window."""
        relay, self._relay, self._cancel = self._relay, None, None
        if relay is not None:
            for signal in (relay.step, relay.done, relay.failed, relay.stopped):
                signal.disconnect()
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.canceled.disconnect(self.cancel)
            progress.close()
            progress.deleteLater()
        if relay is not None:
            self.finished.emit()
