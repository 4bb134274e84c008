"""The webcam as a QR scanner: a live preview, a few frames a second decoded off the UI thread.

Frames come from the preview's video sink. At most `FRAMES_PER_SECOND` of them are taken, and
only while the previous one is not still being decoded; the brightness plane of a YUV frame is
already the 8-bit grayscale picture the decoder wants, so it is copied out (well under a
millisecond) and decoded on a worker thread. A missing, refused, failing or unplugged camera
turns into one plain sentence in the preview's place; nothing here ever blocks or raises.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QLoggingCategory

# Qt Multimedia probes optional libraries (PipeWire, VA-API) as it loads and logs a warning for
# each one missing; the camera works without them. Must be set before the import below.
QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver.warning=false")

from PySide6.QtCore import QCameraPermission, QCoreApplication, QObject, QPermission, Qt, QThread, Signal, Slot  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtMultimedia import (  # noqa: E402
    QCamera,
    QCameraDevice,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoFrame,
    QVideoFrameFormat,
)
from PySide6.QtMultimediaWidgets import QVideoWidget  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from conference_app.core.importers.qr_image import decode_gray_pixels  # noqa: E402

FRAMES_PER_SECOND = 4
NO_CAMERA = "No camera found — open a photo of the code or paste a screenshot"
CAMERA_DENIED = (
    "This app is not allowed to use the camera — allow it in your system's privacy settings, "
    "or open a photo of the code or paste a screenshot"
)
CAMERA_UNPLUGGED = "The camera was disconnected — plug it back in, or open a photo of the code or paste a screenshot"
CAMERA_STOPPED = "Camera off — start it again, or open a photo of the code or paste a screenshot"
WAITING_FOR_PERMISSION = "Waiting for permission to use the camera…"

PF = QVideoFrameFormat.PixelFormat
# Planar and semi-planar YUV: plane 0 is the 8-bit brightness (Y) plane, i.e. a grayscale picture.
_LUMA_PLANE_FORMATS = frozenset(
    {PF.Format_NV12, PF.Format_NV21, PF.Format_YUV420P, PF.Format_YUV422P, PF.Format_YV12,
     PF.Format_IMC1, PF.Format_IMC2, PF.Format_IMC3, PF.Format_IMC4, PF.Format_Y8}
)  # fmt: skip
# Packed 4:2:2: brightness every other byte, first (YUYV) or second (UYVY).
_PACKED_LUMA_OFFSET = {PF.Format_YUYV: 0, PF.Format_UYVY: 1}


@dataclass(frozen=True)
class GrayFrame:
    """An 8-bit grayscale picture, rows `stride` bytes apart."""

    width: int
    height: int
    pixels: bytes
    stride: int


def gray_frame(frame: QVideoFrame) -> GrayFrame | QImage | None:
    """The frame's brightness as a GrayFrame when its format carries it directly, else a QImage to
    convert on the worker; None when the frame cannot be read."""
    if not frame.isValid():
        return None
    pixel_format = frame.pixelFormat()
    if pixel_format in _LUMA_PLANE_FORMATS or pixel_format in _PACKED_LUMA_OFFSET:
        if not frame.map(QVideoFrame.MapMode.ReadOnly):
            return None
        try:
            data = bytes(frame.bits(0))
            stride = frame.bytesPerLine(0)
        finally:
            frame.unmap()
        offset = _PACKED_LUMA_OFFSET.get(pixel_format)
        if offset is not None:
            data, stride = data[offset::2], stride // 2
        return GrayFrame(frame.width(), frame.height(), data, stride)
    image = frame.toImage()
    return None if image.isNull() else image


def decode_frame(frame: GrayFrame | QImage) -> list[str]:
    """The texts of the codes in a frame (run on the worker thread)."""
    if isinstance(frame, QImage):
        gray = frame.convertToFormat(QImage.Format.Format_Grayscale8)
        frame = GrayFrame(gray.width(), gray.height(), bytes(gray.constBits()), gray.bytesPerLine())
    return decode_gray_pixels(frame.width, frame.height, frame.pixels, frame.stride)


class _FrameDecoder(QObject):
    """Lives on the worker thread; decodes one frame at a time and sends the texts back."""

    decoded = Signal(int, list)  # generation, texts

    @Slot(int, object)
    def decode(self, generation: int, frame: object) -> None:
        try:
            texts = decode_frame(frame)  # type: ignore[arg-type]
        except Exception:  # a frame we cannot read is skipped: the next one comes in 250 ms
            texts = []
        self.decoded.emit(generation, texts)


class CameraScanner(QWidget):
    """The camera preview and its controls; `codes_found` carries the texts of each frame with codes."""

    codes_found = Signal(list)  # list[str], in reading order
    _frame_ready = Signal(int, object)  # generation, GrayFrame | QImage: to the worker

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._camera: QCamera | None = None
        self._session: QMediaCaptureSession | None = None
        self._video: QVideoWidget | None = None
        self._thread: QThread | None = None
        self._decoder: _FrameDecoder | None = None
        self._generation = 0  # results of an older camera run are dropped
        self._busy = False
        self._last_taken = 0.0
        self.frames_taken = 0  # frames handed to the decoder, of all the preview showed

        self.message = QLabel()
        self.message.setAccessibleName("Camera status")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(24)
        self.start_button = QPushButton("Start camera")
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton("Stop camera")
        self.stop_button.clicked.connect(lambda: self.stop(CAMERA_STOPPED))
        self.device_choice = QComboBox()
        self.device_choice.setAccessibleName("Camera")
        self.device_choice.activated.connect(self._switch_device)

        message_page = QFrame()
        message_page.setObjectName("viewfinder")
        message_layout = QVBoxLayout(message_page)
        message_layout.addStretch(1)
        message_layout.addWidget(self.message)
        message_layout.addStretch(1)
        self._pages = QStackedWidget()
        self._pages.addWidget(message_page)
        self._pages.setMinimumSize(360, 200)
        # A viewfinder is dark in light and dark themes alike, so the sentence in it is light.
        message_page.setStyleSheet("QFrame#viewfinder { background: #202124; border-radius: 6px; }")
        self.message.setStyleSheet("font-size: 13pt; color: #f1f3f4; background: transparent;")

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(self.device_choice, 1)
        controls.addWidget(self.start_button)
        controls.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._pages, 1)
        layout.addLayout(controls)

        self._devices = QMediaDevices(self)
        self._devices.videoInputsChanged.connect(self._inputs_changed)
        self._fill_devices()
        self._show_idle(NO_CAMERA if not self.has_camera() else CAMERA_STOPPED)

    # --- public --------------------------------------------------------------------------------

    def has_camera(self) -> bool:
        """Whether any camera is plugged in."""
        return bool(QMediaDevices.videoInputs())

    def is_running(self) -> bool:
        return self._camera is not None

    def decoder_running(self) -> bool:
        """Whether the decoding thread is up (only while frames come in)."""
        return self._thread is not None

    def decoding(self) -> bool:
        """Whether a frame is being decoded right now."""
        return self._busy

    def status_text(self) -> str:
        """What the camera area says (empty while the preview shows)."""
        return "" if self.is_running() else self.message.text()

    def start(self) -> None:
        """Start the chosen camera; say plainly why when there is none or it may not be used."""
        if self.is_running():
            return
        if not self.has_camera():
            self._show_idle(NO_CAMERA)
            return
        app = QCoreApplication.instance()
        permission = QCameraPermission()
        status = app.checkPermission(permission) if app is not None else Qt.PermissionStatus.Granted
        if status == Qt.PermissionStatus.Undetermined and app is not None:
            self._show_idle(WAITING_FOR_PERMISSION)
            app.requestPermission(permission, self, self._permission_answered)
            return
        if status == Qt.PermissionStatus.Denied:
            self._show_idle(CAMERA_DENIED)
            return
        self._start_device(self._chosen_device())

    def stop(self, message: str = CAMERA_STOPPED) -> None:
        """Stop the camera and the decoding thread, then show `message` where the preview was."""
        self._generation += 1
        camera, session, self._camera, self._session = self._camera, self._session, None, None
        if camera is not None:
            camera.errorOccurred.disconnect(self._camera_failed)
            camera.stop()
            if session is not None:
                session.setCamera(None)  # type: ignore[arg-type]  # Qt takes nullptr: detach
                session.setVideoOutput(None)  # type: ignore[arg-type]
            camera.deleteLater()
        if session is not None:
            session.deleteLater()
        if self._video is not None:
            self._video.videoSink().videoFrameChanged.disconnect(self.take_frame)
            self._pages.removeWidget(self._video)
            self._video.deleteLater()
            self._video = None
        self._stop_decoder()
        self._show_idle(message if self.has_camera() or message != CAMERA_STOPPED else NO_CAMERA)

    @Slot(QVideoFrame)
    def take_frame(self, frame: QVideoFrame) -> None:
        """A new preview frame: hand it to the decoder unless one is in flight or it is too soon."""
        now = time.monotonic()
        if self._busy or now - self._last_taken < 1 / FRAMES_PER_SECOND:
            return
        picture = gray_frame(frame)
        if picture is None:
            return
        self._last_taken = now
        self._busy = True
        self.frames_taken += 1
        self._ensure_decoder()
        self._frame_ready.emit(self._generation, picture)

    # --- camera --------------------------------------------------------------------------------

    def _start_device(self, device: QCameraDevice) -> None:
        camera = QCamera(device)
        if camera.error() != QCamera.Error.NoError:
            # Qt reports a device it cannot open while constructing the camera, before any signal.
            reason = camera.errorString().strip().rstrip(".") or "it could not be opened"
            camera.deleteLater()
            self._show_idle(f"The camera did not start ({reason}) — open a photo of the code or paste a screenshot")
            return
        self._generation += 1
        self._camera = camera
        self._camera.errorOccurred.connect(self._camera_failed)
        self._video = QVideoWidget()
        self._video.setAccessibleName("Camera preview")
        self._pages.addWidget(self._video)
        self._pages.setCurrentWidget(self._video)
        self._video.videoSink().videoFrameChanged.connect(self.take_frame)
        self._session = QMediaCaptureSession()
        self._session.setCamera(self._camera)
        self._session.setVideoOutput(self._video)
        self._update_buttons()
        self._camera.start()

    def _chosen_device(self) -> QCameraDevice:
        chosen = self.device_choice.currentData()
        for device in QMediaDevices.videoInputs():
            if chosen is not None and bytes(device.id().data()) == chosen:
                return device
        return QMediaDevices.defaultVideoInput()

    def _switch_device(self) -> None:
        if self.is_running():
            self.stop()
            self.start()

    def _permission_answered(self, permission: QPermission) -> None:
        if permission.status() == Qt.PermissionStatus.Granted:
            self._start_device(self._chosen_device())
        else:
            self._show_idle(CAMERA_DENIED)

    def _camera_failed(self, _error: QCamera.Error, text: str) -> None:
        reason = text.strip().rstrip(".") or "it reported an error"
        self.stop(f"The camera stopped ({reason}) — open a photo of the code or paste a screenshot")

    def _inputs_changed(self) -> None:
        self._fill_devices()
        if self._camera is not None:
            current = bytes(self._camera.cameraDevice().id().data())
            if all(bytes(d.id().data()) != current for d in QMediaDevices.videoInputs()):
                self.stop(CAMERA_UNPLUGGED)
        elif self.message.text() in (NO_CAMERA, CAMERA_UNPLUGGED, CAMERA_STOPPED):
            self._show_idle(CAMERA_STOPPED if self.has_camera() else NO_CAMERA)

    def _fill_devices(self) -> None:
        chosen = self.device_choice.currentData()
        self.device_choice.clear()
        for device in QMediaDevices.videoInputs():
            self.device_choice.addItem(device.description(), bytes(device.id().data()))
        index = self.device_choice.findData(chosen)
        if index >= 0:
            self.device_choice.setCurrentIndex(index)
        self._update_buttons()

    def _show_idle(self, message: str) -> None:
        self.message.setText(message)
        self._pages.setCurrentIndex(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        cameras = self.device_choice.count()
        self.device_choice.setVisible(cameras > 1)
        self.start_button.setVisible(cameras > 0 and not self.is_running())
        self.stop_button.setVisible(self.is_running())

    # --- decoding thread -----------------------------------------------------------------------

    def _ensure_decoder(self) -> None:
        if self._thread is not None:
            return
        self._thread = QThread()
        self._thread.setObjectName("QR frame decoder")
        self._decoder = _FrameDecoder()
        self._decoder.moveToThread(self._thread)
        self._frame_ready.connect(self._decoder.decode)
        self._decoder.decoded.connect(self._frame_decoded)
        self._thread.start()

    def _stop_decoder(self) -> None:
        self._busy = False
        if self._thread is None:
            return
        self._thread.quit()
        self._thread.wait()  # at most one frame's decode, a few milliseconds
        self._frame_ready.disconnect(self._decoder.decode)  # type: ignore[union-attr]
        self._thread, self._decoder = None, None

    @Slot(int, list)
    def _frame_decoded(self, generation: int, texts: list[str]) -> None:
        if generation != self._generation:
            return
        self._busy = False
        if texts:
            self.codes_found.emit(texts)
