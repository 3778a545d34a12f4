/// Keys by the names a person writes in a keys file: `j`, `Space`, `Enter`, `Esc`, `Tab`,
/// `Shift-Tab`, `Up` `Down` `Left` `Right`, `Home` `End` `PgUp` `PgDn`, `Ins` `Del`,
/// `Backspace`, `F1`–`F12`, and Ctrl with a letter as `C-x`, `Ctrl-x` or `^X`.
extension Key {
    public init?(name raw: String) {
        let name = raw.trimmingCharacters(in: .whitespaces)
        let lower = name.lowercased()
        let named: [String: Key] = [
            "space": .character(" "), "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape, "tab": .tab,
            "shift-tab": .backTab, "backtab": .backTab, "up": .up, "down": .down, "left": .left, "right": .right,
            "home": .home, "end": .end, "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
            "ins": .insert, "insert": .insert, "del": .delete, "delete": .delete, "backspace": .backspace,
        ]
        if let key = named[lower] {
            self = key
            return
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) {
            self = .function(n)
            return
        }
        for prefix in ["c-", "ctrl-", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            guard rest.count == 1, let c = rest.first, c.isLetter, c.isASCII else { return nil }
            self = .control(c)
            return
        }
        guard name.count == 1, let c = name.first, !c.isWhitespace, !c.isNewline else { return nil }
        self = .character(c)
    }
}

extension Keymap {
    /// The same keymap with `action` on `keys` instead of its own. A key taken from another
    /// binding of this keymap leaves it, so no key means two things.
    public func rebinding(_ action: Action, to keys: [Key]) -> Keymap {
        var copy = self
        for i in copy.bindings.indices {
            if copy.bindings[i].action == action {
                copy.bindings[i].keys = keys
            } else {
                copy.bindings[i].keys.removeAll { keys.contains($0) }
            }
        }
        return copy
    }

    /// The binding an action name (as the keys file writes it) stands for.
    public func action(named name: String) -> Action? {
        bindings.first { "\($0.action)" == name }?.action
    }
}
