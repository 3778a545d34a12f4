import Foundation
import ProfileStore
import SetupModel
import TerminalUI

/// Opens the console on the real terminal: themes from `Themes/` (a broken file is
/// reported in the status line and the default is used), the profile, and the runtime.
public enum ConsoleLauncher {
    public struct Options: Sendable {
        public var theme: String?
        public var themeFolders: [String]
        public var onboarding: Bool
        public var status: String?
        /// Clicks and the wheel (xterm mouse reporting); `--no-mouse` turns them off.
        public var mouse = true
        /// The keys file (nil: none read).
        public var keysFile: String? = ConsoleKeys.defaultPath()
        /// What the caller found wrong before the screen was up (the config file's lines).
        public var notices: [String] = []

        public init(theme: String? = nil, themeFolders: [String] = [], onboarding: Bool = false, status: String? = nil) {
            self.theme = theme
            self.themeFolders = themeFolders
            self.onboarding = onboarding
            self.status = status
        }
    }

    /// The folders themes are looked for in: the given ones, `Themes` here, next to the
    /// binary and the repository root two levels above a `.build` binary.
    public static func themeFolders(extra: [String]) -> [String] {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        return extra + [
            "Themes", binary.appendingPathComponent("Themes").path,
            binary.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "Themes"
            ).path,
        ]
    }

    public static func model(profile: Profile, version: Int?, options: Options) -> ConsoleModel {
        var model = ConsoleModel(profile: profile, version: version)
        let folders = themeFolders(extra: options.themeFolders)
        let found = ["default", "light", "high-contrast", "monochrome"].compactMap { name -> Theme? in
            let (theme, error) = Theme.load(named: name, searching: folders)
            return error == nil ? theme : nil
        }
        if !found.isEmpty { model.themes = found }
        if let name = options.theme {
            let (theme, error) = Theme.load(named: name, searching: folders)
            model.theme = theme
            // Shown in a dialog at start: a status line would be overwritten by the first load.
            if let error {
                model.startupNotices.append(
                    tr("theme: \(error) — using the default theme", ru: "тема: \(error) — взята тема по умолчанию"))
            }
        } else if let first = found.first {
            model.theme = first
        }
        if let path = options.keysFile {
            let (keys, problems) = ConsoleKeys.load(path: path)
            model.keys = keys
            model.startupNotices += problems.map {
                tr("keys: \($0) — that line is left out", ru: "клавиши: \($0) — строка пропущена")
            }
        }
        model.startupNotices += options.notices
        if options.onboarding {
            model.onboarding = Onboarding()
            model.section = .accounts
            model.status = StatusLine(
                "\(model.onboarding!.progress): \(Onboarding.Step.region.title)"
                    + tr(" — PgDn/Ctrl-N next, PgUp/Ctrl-P back", ru: " — PgDn/Ctrl-N далее, PgUp/Ctrl-P назад"))
        }
        if let status = options.status { model.status = StatusLine(status) }
        return model
    }

    /// Runs until the operator quits; returns the final model.
    @MainActor
    public static func run(environment: ConsoleEnvironment, model: ConsoleModel, mouse: Bool = true) throws -> ConsoleModel {
        let program = ConsoleProgram(environment: environment)
        let backend = NcursesBackend()
        backend.mouse = mouse
        let runtime = Runtime(program: program, model: model, backend: backend)
        return try runtime.run()
    }
}
