import Foundation
import TerminalUI

/// A small program on the engine for the end-to-end tests and the pty benchmark: a name
/// field, an on/off switch, a 10,000-user pick list, a key bar, help, a save that takes
/// a moment (an effect), and a too-small guard. It knows nothing of CallGear.
struct Sampler: Program {
    enum Focus: Int, CaseIterable { case name, active, users }

    struct Model {
        var width = 80
        var height = 24
        var focus = Focus.name
        var name = TextField(placeholder: "type a name")
        var active = Toggle(false)
        var users = PickList(
            (0..<10_000).map {
                PickItem(id: "\($0)", title: $0 == 7 ? "Семён Ёлкин" : "Пользователь \($0)", detail: "user\($0)@example.com")
            })
        var chosen: String?
        var status = StatusLine("ready")
        var showHelp = false
        var saving = false
        var saves = 0
        var lastKey = ""
        var theme = Theme.builtinDefault
        /// Themes to cycle through with Ctrl-O, loaded at start.
        var themes: [Theme] = [.builtinDefault]
    }

    enum Msg: Sendable {
        case event(TerminalEvent)
        case saved(String)
        case signal(TerminalSignal)
    }

    enum Action: Hashable, Sendable { case help, save, toggle, quit, next, theme }

    let keymap = Keymap<Action>(
        Localized("Sampler", ru: "Образец"),
        [
            KeyBinding(
                [.function(1), .character("?")], .help, label: Localized("Help", ru: "Help"),
                help: Localized("show or hide this help", ru: "show or hide this help")),
            KeyBinding(
                [.function(2), .control("s")], .save, label: Localized("Save", ru: "Save"),
                help: Localized("save (takes a moment)", ru: "save (takes a moment)")),
            KeyBinding(
                [.control("t")], .toggle, label: Localized("Active", ru: "Active"),
                help: Localized("switch active on or off from anywhere", ru: "switch active on or off from anywhere")),
            KeyBinding([.tab], .next, help: Localized("next field", ru: "next field")),
            KeyBinding(
                [.function(9), .control("o")], .theme, label: Localized("Theme", ru: "Theme"),
                help: Localized("switch to the next theme", ru: "switch to the next theme")),
            KeyBinding(
                [.function(10), .control("q")], .quit, label: Localized("Quit", ru: "Quit"), help: Localized("leave", ru: "leave")
            ),
        ])

    static let minWidth = 60
    static let minHeight = 16

    func message(for event: TerminalEvent) -> Msg { .event(event) }
    func message(for signal: TerminalSignal) -> Msg? { .signal(signal) }

    func update(_ model: inout Model, _ msg: Msg) -> Effect<Msg> {
        switch msg {
        case .signal(let signal):
            model.status = StatusLine("signal \(signal)")
            return .none
        case .saved(let name):
            model.saving = false
            model.saves += 1
            model.status = StatusLine("Saved: \(name)", kind: .success)
            return .none
        case .event(.resize(let w, let h)):
            model.width = w
            model.height = h
            return .none
        case .event(.mouse):
            // The sampler is driven by keys only.
            return .none
        case .event(.key(let key)):
            model.lastKey = key.description
            if model.showHelp {
                if key == .escape || keymap.action(for: key) == .help { model.showHelp = false }
                return .none
            }
            // The focused widget sees printable keys first, so '?' can be typed into the name.
            let consumed = consume(key, in: &model)
            if consumed { return .none }
            switch keymap.action(for: key) {
            case .help: model.showHelp = true
            case .toggle: model.active.isOn.toggle()
            case .theme:
                let index = model.themes.firstIndex { $0.name == model.theme.name } ?? 0
                model.theme = model.themes[(index + 1) % model.themes.count]
            case .next: model.focus = Focus(rawValue: (model.focus.rawValue + 1) % Focus.allCases.count)!
            case .quit: return .quit
            case .save:
                model.saving = true
                model.status = StatusLine("saving…")
                let name = model.name.text
                return .task("save") {
                    try? await Task.sleep(for: .milliseconds(50))
                    return .saved(name)
                }
            case nil: break
            }
            return .none
        }
    }

    private func consume(_ key: Key, in model: inout Model) -> Bool {
        switch model.focus {
        case .name:
            return model.name.handle(key) != .ignored
        case .active:
            return model.active.handle(key) != .ignored
        case .users:
            if key == .tab { return false }
            let outcome = model.users.handle(key, pageSize: 8)
            if outcome == .submitted { model.chosen = model.users.current?.title }
            return outcome != .ignored && outcome != .cancelled
        }
    }

    func view(_ model: Model, into buffer: inout Buffer) {
        let theme = model.theme
        guard buffer.width >= Self.minWidth, buffer.height >= Self.minHeight else {
            buffer.drawTooSmall(needWidth: Self.minWidth, needHeight: Self.minHeight, style: theme[.screen])
            return
        }
        var model = model
        let (top, rest) = buffer.area.splitTop(1)
        let header = "TUI sampler — \(buffer.width)×\(buffer.height) — theme \(theme.name)"
        buffer.putRow(header, in: top, style: theme[.header])
        let switchText = model.active.isOn ? " Active: ON " : " Active: OFF "
        buffer.put(
            switchText, x: top.maxX - DisplayWidth.of(switchText), y: 0, style: theme[model.active.isOn ? .switchOn : .switchOff])
        let (body, bottom) = rest.splitBottom(2)
        buffer.put("Name", x: 2, y: 2, style: theme[.labelRequired])
        model.name.render(into: &buffer, in: Rect(x: 10, y: 2, width: 40, height: 1), theme: theme, focused: model.focus == .name)
        model.active.render(
            into: &buffer, at: Point(x: 2, y: 4), label: "Integration is active", theme: theme, focused: model.focus == .active,
            maxWidth: 40)
        buffer.put("Responsible: " + (model.chosen ?? "—"), x: 2, y: 6, style: theme[.label])
        model.users.render(
            into: &buffer, in: Rect(x: 2, y: 8, width: body.width - 4, height: body.maxY - 8), theme: theme,
            focused: model.focus == .users)
        model.status.render(into: &buffer, in: bottom.row(0), theme: theme)
        KeyBar.render(keymap, into: &buffer, in: bottom.row(1), theme: theme)
        if model.showHelp {
            buffer.cursor = nil
            HelpOverlay.render([keymap], into: &buffer, theme: theme, extra: ["last key: \(model.lastKey)"])
        }
    }
}
