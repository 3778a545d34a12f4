/// What a widget did with a key, so the screen knows whether to move focus, save, or
/// offer the key to its own keymap.
public enum WidgetOutcome: Equatable, Sendable {
    /// Not for this widget: the screen may use it.
    case ignored
    /// Used, nothing for the screen to do.
    case handled
    /// The value changed.
    case changed
    /// Enter on a finished choice.
    case submitted
    /// Esc with nothing left to undo inside the widget.
    case cancelled
}
