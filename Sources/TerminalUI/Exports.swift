@_exported import Localization
/// Text safety (sanitising outside text, display widths) lives in its own module so that the
/// headless commands use it without the terminal UI; every screen needs it, so the UI
/// re-exports it.
@_exported import TextSafety
