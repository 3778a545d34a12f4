/// The keys a screen answers to, with the label the key bar shows and the line the help
/// overlay shows. A screen declares one `Keymap`; bar, help and dispatch all read it, so
/// they cannot disagree. Every F-key binding carries a non-F alias for terminals (and SSH
/// clients) that swallow F-keys.
public struct KeyBinding<Action: Hashable & Sendable>: Sendable {
    public var keys: [Key]
    public var action: Action
    /// Short label for the key bar; nil keeps the binding out of the bar.
    public var label: Localized?
    public var help: Localized

    public init(_ keys: [Key], _ action: Action, label: Localized? = nil, help: Localized) {
        self.keys = keys
        self.action = action
        self.label = label
        self.help = help
    }

    /// "F2/^S" — the keys as the bar and help show them.
    public var keyNames: String { keys.map(\.description).joined(separator: "/") }
}

public struct Keymap<Action: Hashable & Sendable>: Sendable {
    public var title: Localized
    public var bindings: [KeyBinding<Action>]

    public init(_ title: Localized, _ bindings: [KeyBinding<Action>]) {
        self.title = title
        self.bindings = bindings
    }

    /// The action of a key; a letter typed in the Russian layout counts as the key it is on.
    public func action(for key: Key) -> Action? {
        if let action = bindings.first(where: { $0.keys.contains(key) })?.action { return action }
        if case .character(let c) = key, let latin = KeyboardLayout.latin(for: c) {
            return bindings.first { $0.keys.contains(.character(latin)) }?.action
        }
        return nil
    }

    /// F-key bindings without an alias — a test asserts every keymap has none.
    public var functionKeysWithoutAlias: [String] {
        bindings.filter { b in
            b.keys.contains { if case .function = $0 { true } else { false } }
                && b.keys.allSatisfy { if case .function = $0 { true } else { false } }
        }.map(\.keyNames)
    }

    /// The key bar entries: first key name and label, for the bindings that have a label.
    public var barItems: [(key: String, label: String)] {
        bindings.compactMap { b in b.label.map { (b.keys.first?.description ?? "", $0.text) } }
    }

    /// The help overlay's lines: keys, then what they do.
    public var helpLines: [(keys: String, help: String)] {
        bindings.map { ($0.keyNames, $0.help.text) }
    }
}
