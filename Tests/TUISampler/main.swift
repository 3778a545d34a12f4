// Test support, not part of the product: runs the Sampler on the real terminal, then prints
// its final state (sanitized) so a tmux test can check what the keys did.
import Foundation
import TerminalUI

@MainActor
func runSampler() -> Int32 {
    let program = Sampler()
    var model = Sampler.Model()
    // --theme NAME and --theme-dir DIR, as the console takes them; a broken file is reported
    // in the status line and the default theme is used.
    let arguments = CommandLine.arguments
    func value(_ flag: String) -> String? {
        arguments.firstIndex(of: flag).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    }
    let folders = [value("--theme-dir") ?? "Themes"]
    let found = ["default", "light", "high-contrast", "monochrome"].compactMap { name -> Theme? in
        let (theme, error) = Theme.load(named: name, searching: folders)
        return error == nil ? theme : nil
    }
    if !found.isEmpty { model.themes = found }
    if let name = value("--theme") {
        let (theme, error) = Theme.load(named: name, searching: folders)
        model.theme = theme
        if let error { model.status = StatusLine("theme: \(error)", kind: .error) }
    }
    let runtime = Runtime(program: program, model: model, backend: NcursesBackend())
    do {
        let model = try runtime.run()
        let lines = [
            "name=\(model.name.text)", "active=\(model.active.isOn)", "chosen=\(model.chosen ?? "")", "saves=\(model.saves)",
            "status=\(model.status.text)",
        ]
        for line in lines { print(TextSanitizer.line(line)) }
        return 0
    } catch {
        FileHandle.standardError.write(Data("sampler: \(error)\n".utf8))
        return 1
    }
}

exit(MainActor.assumeIsolated { runSampler() })
