import Foundation
import Testing

@testable import TerminalUI

@Suite struct ThemeTests {
    static let themesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes").path

    @Test(arguments: ["default", "light", "high-contrast", "monochrome"])
    func shippedThemesLoadAndCoverEveryRole(name: String) throws {
        let text = try String(contentsOfFile: Self.themesFolder + "/\(name).theme", encoding: .utf8)
        let theme = try Theme.parse(text, file: "\(name).theme", base: Theme(name: "empty", styles: [:]))
        #expect(Set(theme.styles.keys) == Set(Role.allCases), "missing: \(Set(Role.allCases).subtracting(theme.styles.keys))")
    }

    @Test func defaultFileMatchesTheBuiltIn() throws {
        let text = try String(contentsOfFile: Self.themesFolder + "/default.theme", encoding: .utf8)
        #expect(try Theme.parse(text, file: "default.theme").styles == Theme.builtinDefault.styles)
    }

    @Test(arguments: [
        ("header white on blue", "header = white on", "'on' needs a background colour"),
        ("x", "title", "expected 'role = colour"),
        ("y", "titel = red", "unknown role 'titel'"),
        ("z", "title = purple", "unknown colour 'purple'"),
        ("w", "title = red blink", "unknown attribute 'blink'"),
        ("v", "title = 300", "out of range"),
    ])
    func malformedLinesNameFileAndLine(_ id: String, line: String, message: String) {
        #expect {
            try Theme.parse("# comment\n\(line)\n", file: "Themes/broken.theme")
        } throws: { error in
            let e = error as! Theme.LoadError
            return e.file == "Themes/broken.theme" && e.line == 2 && e.message.contains(message)
        }
    }

    @Test func brokenFileFallsBackToDefault() throws {
        let folder = NSTemporaryDirectory() + "themes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "title = nope\n".write(toFile: folder + "/mine.theme", atomically: true, encoding: .utf8)
        let (theme, error) = Theme.load(named: "mine", searching: [folder])
        #expect(theme.name == "default")
        #expect(
            error?.description
                == "\(folder)/mine.theme:1: unknown colour 'nope' — use a name (red, bright-blue, default) or 0–255")
        let (_, missing) = Theme.load(named: "absent", searching: [folder])
        #expect(missing?.message.contains("no such theme") == true)
    }

    @Test func degradesColoursAndKeepsFocusVisibleInMonochrome() {
        #expect(TerminalColor.indexed(196).degraded(to: 16) == .red)
        #expect(TerminalColor.indexed(12).degraded(to: 8) == .blue)
        #expect(TerminalColor.indexed(250).degraded(to: 8) == .white)
        #expect(TerminalColor.indexed(8).degraded(to: 8) == .default)
        let mono = Theme.builtinDefault.adapted(toColors: 0)
        #expect(mono[.listSelected].background == .default && mono[.listSelected].attributes.contains(.reverse))
        #expect(mono[.valueFocused].attributes.contains(.reverse))
    }

    /// A theme with one 1 MB line left the console without a first frame: now it is refused
    /// at once with its line, and an oversized file by its size.
    @Test func oversizedLinesAndFilesAreRefused() throws {
        let folder = NSTemporaryDirectory() + "themes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ("title = red\n" + String(repeating: "x", count: 5_000) + "\n").write(
            toFile: folder + "/long.theme", atomically: true, encoding: .utf8)
        let (theme, error) = Theme.load(named: "long", searching: [folder])
        #expect(theme.name == "default")
        #expect(
            error?.line == 2 && error?.message.contains("a theme line may have at most 1000") == true,
            "\(String(describing: error))")
        try ("title = red\n" + String(repeating: "x", count: 1_000_000)).write(
            toFile: folder + "/huge.theme", atomically: true, encoding: .utf8)
        let (_, tooBig) = Theme.load(named: "huge", searching: [folder])
        #expect(tooBig?.message.contains("a theme file may have at most 65536") == true, "\(String(describing: tooBig))")
    }
}
