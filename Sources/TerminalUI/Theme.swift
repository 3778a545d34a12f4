import Foundation

/// The semantic roles a screen paints with; themes map them to styles, so screens never
/// name a colour and a monochrome terminal still shows focus and errors (by attributes).
public enum Role: String, CaseIterable, Sendable {
    case screen, header, title, border, sidebar, sidebarSelected = "sidebar.selected"
    case label, labelRequired = "label.required", value, valueFocused = "value.focused", placeholder
    case error, warning, success, hint
    case listSelected = "list.selected", listSelectedBlur = "list.selected.blur", listMatch = "list.match"
    case keyName = "keybar.key", keyLabel = "keybar.label", status
    case modal, modalTitle = "modal.title", switchOn = "switch.on", switchOff = "switch.off", stale
}

/// A colour scheme: role → style. Loaded from `Themes/*.theme`; a broken line is reported
/// with file and line and the built-in default is used, so the console always starts.
public struct Theme: Sendable {
    public var name: String
    public var styles: [Role: Style]

    public subscript(role: Role) -> Style { styles[role] ?? styles[.screen] ?? .plain }

    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    public struct LoadError: Error, Equatable, Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// The same theme with colours degraded for a terminal of `colors` colours (0: none).
    public func adapted(toColors colors: Int) -> Theme {
        var copy = self
        for (role, style) in styles {
            if colors < 8 {
                copy.styles[role] = Style(.default, on: .default, style.attributes.union(Self.monochromeAttributes[role] ?? []))
            } else {
                copy.styles[role] = Style(
                    style.foreground.degraded(to: colors), on: style.background.degraded(to: colors), style.attributes)
            }
        }
        return copy
    }

    /// Without colour, focus and state must still show: by reverse, bold, underline.
    static let monochromeAttributes: [Role: TextAttributes] = [
        .header: [.reverse], .title: [.bold], .sidebarSelected: [.reverse], .valueFocused: [.reverse],
        .listSelected: [.reverse], .listSelectedBlur: [.underline], .listMatch: [.underline], .error: [.bold],
        .keyName: [.reverse], .labelRequired: [.bold], .switchOn: [.bold, .reverse], .modalTitle: [.bold],
        .stale: [.dim],
    ]

    /// Parses the theme file format: `role = fg [on bg] [bold] [underline] [reverse] [dim]`,
    /// `#` comments, colours by name (black, red, …, bright-red, default) or number 0–255.
    /// Roles the file leaves out come from `base`.
    public static func parse(_ text: String, file: String, base: Theme = .builtinDefault) throws(LoadError) -> Theme {
        var theme = base
        theme.name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if raw.utf8.count > maxLineBytes {
                throw LoadError(
                    file: file, line: index + 1,
                    message: "the line is \(raw.utf8.count) bytes long; a theme line may have at most \(maxLineBytes)")
            }
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            func fail(_ message: String) -> LoadError { LoadError(file: file, line: index + 1, message: message) }
            let parts = trimmed.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw fail("expected 'role = colour [on colour] [attributes]'") }
            guard let role = Role(rawValue: parts[0]) else {
                throw fail("unknown role '\(parts[0])' — known roles: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var words = parts[1].split(separator: " ").map(String.init)
            guard !words.isEmpty else { throw fail("'\(parts[0])' has no colour") }
            var style = Style()
            style.foreground = try color(words.removeFirst(), fail: fail)
            if words.first == "on" {
                words.removeFirst()
                guard !words.isEmpty else { throw fail("'on' needs a background colour") }
                style.background = try color(words.removeFirst(), fail: fail)
            }
            for word in words {
                switch word {
                case "bold": style.attributes.insert(.bold)
                case "underline": style.attributes.insert(.underline)
                case "reverse": style.attributes.insert(.reverse)
                case "dim": style.attributes.insert(.dim)
                default: throw fail("unknown attribute '\(word)' — use bold, underline, reverse, dim")
                }
            }
            theme.styles[role] = style
        }
        return theme
    }

    /// Limits that keep a broken or hostile theme file from stalling the first frame.
    public static let maxFileBytes = 64 << 10
    public static let maxLineBytes = 1_000

    static let colorNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    private static func color(_ word: String, fail: (String) -> LoadError) throws(LoadError) -> TerminalColor {
        if word == "default" { return .default }
        if let n = Int(word) {
            guard (0...255).contains(n) else { throw fail("colour \(n) is out of range 0–255") }
            return .indexed(UInt8(n))
        }
        if let i = colorNames.firstIndex(of: word) { return .indexed(UInt8(i)) }
        if word.hasPrefix("bright-"), let i = colorNames.firstIndex(of: String(word.dropFirst(7))) {
            return .indexed(UInt8(i + 8))
        }
        throw fail("unknown colour '\(word)' — use a name (red, bright-blue, default) or 0–255")
    }

    /// The theme used when none is chosen or a file is broken; `Themes/default.theme` says the same.
    public static let builtinDefault = Theme(
        name: "default",
        styles: [
            .screen: Style(), .header: Style(.white, on: .blue, [.bold]), .title: Style(.cyan, on: .default, [.bold]),
            .border: Style(.blue), .sidebar: Style(), .sidebarSelected: Style(.black, on: .cyan),
            .label: Style(), .labelRequired: Style(.default, on: .default, [.bold]), .value: Style(.cyan),
            .valueFocused: Style(.black, on: .cyan), .placeholder: Style(.indexed(8)),
            .error: Style(.red, on: .default, [.bold]), .warning: Style(.yellow), .success: Style(.green),
            .hint: Style(.indexed(8)), .listSelected: Style(.black, on: .cyan),
            .listSelectedBlur: Style(.default, on: .default, [.underline]), .listMatch: Style(.yellow, on: .default, [.bold]),
            .keyName: Style(.black, on: .cyan), .keyLabel: Style(), .status: Style(), .modal: Style(.white, on: .blue),
            .modalTitle: Style(.yellow, on: .blue, [.bold]), .switchOn: Style(.black, on: .green, [.bold]),
            .switchOff: Style(.white, on: .red, [.bold]), .stale: Style(.yellow, on: .default, [.dim]),
        ])

    /// Looks for `name.theme` in the given folders, in order. A broken or missing file
    /// yields the default theme and the reason, never a failure to start.
    public static func load(named name: String, searching folders: [String]) -> (Theme, LoadError?) {
        for folder in folders {
            let path = folder + "/" + name + ".theme"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxFileBytes {
                return (
                    .builtinDefault,
                    LoadError(
                        file: path, line: 0,
                        message: "the file is \(size) bytes; a theme file may have at most \(maxFileBytes) (64 KiB)")
                )
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                return (.builtinDefault, LoadError(file: path, line: 0, message: "the file cannot be read"))
            }
            do {
                return (try parse(String(decoding: data, as: UTF8.self), file: path), nil)
            } catch {
                return (.builtinDefault, error)
            }
        }
        let tried = folders.map { $0 + "/" + name + ".theme" }.joined(separator: ", ")
        return (.builtinDefault, LoadError(file: name, line: 0, message: "no such theme (looked in \(tried))"))
    }
}
