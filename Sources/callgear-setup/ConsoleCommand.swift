import ArgumentParser
import Foundation
import ProfileStore
import SetupApp
import SetupModel

/// `callgear-setup` with no subcommand: the full-screen console on a profile of the store
/// (the one named, else the one saved last); with no profile yet, the guided onboarding.
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: tr(
            "Open the full-screen console (the default when no command is given).",
            ru: "Открыть полноэкранную консоль (так и без команды)."),
        discussion: example("callgear-setup --profile acme-dubai --theme light"))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var look: ConsoleLook
    @Option(
        help: ArgumentHelp(
            tr(
                "The profile to open (default: the one saved last).",
                ru: "Какой профиль открыть (по умолчанию — сохранённый последним)."))) var profile: String?

    func run() async throws {
        let store = try global.openStore()
        let summaries = try store.profileSummaries()
        let name = profile ?? summaries.max { $0.updatedAt < $1.updatedAt }?.name
        guard let name else {
            return try await openOnboarding(store: store, region: nil, look: look)
        }
        let stored = try store.loadProfile(named: name)
        var status: String? = nil
        if profile == nil && summaries.count > 1 {
            let others = summaries.map(\.name).filter { $0 != name }.prefix(4).joined(separator: ", ")
            status = tr(
                "Opened \(name), saved last — others: \(others) (--profile NAME)",
                ru: "Открыт «\(name)», сохранённый последним — другие: \(others) (--profile ИМЯ)")
        }
        try await open(store: store, profile: stored.profile, version: stored.version, options: look.options(status: status))
    }
}

/// `callgear-setup onboard`: the vendor's instruction step by step, for a new profile.
struct OnboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onboard",
        abstract: tr(
            "Guided set-up of a new profile for Latvia or Dubai, step by step (resumes an unfinished one).",
            ru: "Пошаговая настройка нового профиля для Латвии или Дубая (продолжает незавершённую)."),
        discussion: example("callgear-setup onboard --region dubai"))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var look: ConsoleLook
    @Option(
        help: ArgumentHelp(
            tr("latvia or dubai (can be changed on the first step).", ru: "latvia или dubai (можно сменить на первом шаге).")))
    var region: Region?

    func run() async throws {
        try await openOnboarding(store: try global.openStore(), region: region, look: look)
    }
}

extension Region: ExpressibleByArgument {}

/// Theme options of the console commands.
struct ConsoleLook: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            tr(
                "Colour theme: default, light, high-contrast, monochrome, or a name in --theme-dir.",
                ru: "Цветовая тема: default, light, high-contrast, monochrome или название из --theme-dir."))) var theme: String?
    @Option(help: ArgumentHelp(tr("Another folder with .theme files.", ru: "Другая папка с файлами .theme."), valueName: "DIR"))
    var themeDir: String?
    @Flag(
        help: ArgumentHelp(
            tr(
                "No mouse: the terminal keeps its own selection, for copying text. The keyboard does everything.",
                ru: "Без мыши: выделение остаётся за терминалом, для копирования текста. Клавиатура умеет всё.")))
    var noMouse = false

    func options(onboarding: Bool = false, status: String? = nil) -> ConsoleLauncher.Options {
        var options = ConsoleLauncher.Options(
            theme: theme, themeFolders: themeDir.map { [$0] } ?? [], onboarding: onboarding, status: status)
        // --no-mouse wins; else the operator's config file; else on.
        options.mouse = !noMouse && OperatorConfig.current.mouse != false
        options.notices = OperatorConfig.current.problems.map {
            tr("config: \($0.text) — that line is left out", ru: "настройки: \($0.text) — строка пропущена")
        }
        return options
    }
}

func openOnboarding(store: ProfileStore, region: Region?, look: ConsoleLook) async throws {
    let profile = Profile(name: "", region: region ?? .dubai)
    try await open(store: store, profile: profile, version: nil, options: look.options(onboarding: true))
}

/// The console needs a terminal; without one it says so instead of drawing into a pipe.
func open(store: ProfileStore, profile: Profile, version: Int?, options: ConsoleLauncher.Options) async throws {
    guard isatty(0) == 1, isatty(1) == 1 else {
        throw CLIError.input(
            tr(
                "the console needs a terminal (stdin and stdout are not one) — run it in a terminal, or use the commands (callgear-setup --help)",
                ru:
                    "консоли нужен терминал (stdin и stdout — не терминал) — запустите её в терминале или пользуйтесь командами (callgear-setup --help)"
            )
        )
    }
    let environment = ConsoleEnvironment(store: store, author: Author.current())
    let leftUnsaved = try await MainActor.run {
        let model = ConsoleLauncher.model(profile: profile, version: version, options: options)
        let final = try ConsoleLauncher.run(environment: environment, model: model, mouse: options.mouse)
        return final.isDirty && final.version != nil
    }
    if leftUnsaved {
        Output.error(
            tr(
                "left without saving; the unsaved changes were discarded",
                ru: "выход без сохранения; несохранённые изменения отброшены"))
    }
}
