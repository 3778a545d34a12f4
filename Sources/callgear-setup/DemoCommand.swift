import ArgumentParser
import CallGearAPI
import Foundation
import ProfileStore
import Sandbox
import SetupModel

/// `callgear-setup demo`: the console on the built-in sandbox portal — a temporary store
/// with a demo account on loopback and a Dubai profile — so a newcomer sees live pick lists
/// within seconds without any account. `--tour` prints a headless walk-through instead.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: tr(
            "The console on the built-in sandbox portal, with a demo account and profile (no account needed).",
            ru: "Консоль на встроенной песочнице портала, с демо-аккаунтом и профилем (аккаунт не нужен)."),
        discussion: examples("callgear-setup demo · callgear-setup demo --theme light · callgear-setup demo --tour --keep"))
    @Option(
        help: ArgumentHelp(tr("Use this store instead of a temporary one.", ru: "Использовать это хранилище вместо временного.")))
    var store: String?
    @Flag(
        help: ArgumentHelp(
            tr("Keep the temporary store and print its path.", ru: "Оставить временное хранилище и вывести его путь.")))
    var keep = false
    @Flag(
        help: ArgumentHelp(
            tr("Print a headless tour of the commands instead of opening the console.", ru: "Вывести обзор команд без консоли.")))
    var tour = false
    @OptionGroup var look: ConsoleLook
    @OptionGroup var log: LogOptions
    @OptionGroup var language: LanguageOption

    func run() async throws {
        if tour { return try runTour() }
        let folder = NSTemporaryDirectory() + "callgear-setup-demo-\(getpid())"
        let path = store ?? folder + "/store.sqlite"
        let db = try ProfileStore(path: path)
        defer { if store == nil && !keep { try? FileManager.default.removeItem(atPath: folder) } }
        let portal = SandboxPortal(data: .demo)
        let base: String
        do { base = try await portal.start() } catch {
            throw CLIError(
                code: ExitCode.system,
                message: tr(
                    "the sandbox portal could not listen on 127.0.0.1: \(error)",
                    ru: "песочница портала не смогла слушать 127.0.0.1: \(error)"))
        }
        let dataAPI = DataAPIEmulator()
        let dataAPIEndpoint: String
        do { dataAPIEndpoint = try await dataAPI.start() } catch {
            throw CLIError(
                code: ExitCode.system,
                message: tr(
                    "the Data API emulator could not listen on 127.0.0.1: \(error)",
                    ru: "эмулятор Data API не смог слушать 127.0.0.1: \(error)"))
        }
        let (domain, webhook) = try Webhook.parse(url: await portal.webhookURL(base: base))
        if (try? db.account(domain: domain.description)) == nil {
            try db.addAccount(Account(name: "Демо-портал (sandbox)", domain: domain, authorization: .webhook(webhook)))
        }
        var profile = DemoData.profile
        profile.account = domain.description
        profile.integrationActive = true
        profile.callGear.dataAPIURL = dataAPIEndpoint
        profile.callGear.dataAPIKey = Secret(dataAPI.key)
        // Stored with the lists the Data API gives, so opening the demo changes nothing.
        if let lists = try? await CallGearLists.load(DataAPIClient(endpoint: dataAPIEndpoint, key: Secret(dataAPI.key))) {
            profile.callGear = lists.applied(to: profile.callGear)
        }
        let version: Int
        if let existing = try? db.loadProfile(named: profile.name) {
            // A kept store (--store, --keep) holds the operator's own edits of the demo: only
            // what ties it to this run's sandbox (its address, the Data API's) is updated.
            var kept = existing.profile
            kept.account = profile.account
            kept.callGear.dataAPIURL = profile.callGear.dataAPIURL
            kept.callGear.dataAPIKey = profile.callGear.dataAPIKey
            profile = kept
            version =
                kept == existing.profile
                ? existing.version
                : try db.saveProfile(kept, expectedVersion: existing.version, author: Author.current()).version
        } else {
            version = try db.createProfile(profile, author: Author.current()).version
        }
        let status = tr(
            "Demo: sandbox portal and CallGear Data API on 127.0.0.1 — F1 help, Tab side list, 7 Simulate",
            ru: "Демо: песочница портала и CallGear Data API на 127.0.0.1 — F1 справка, Tab разделы, 7 Проверка")
        try await open(store: db, profile: profile, version: version, options: look.options(status: status))
        await portal.stop()
        await dataAPI.stop()
        if keep || store != nil { Output.error(tr("store kept at \(path)", ru: "хранилище оставлено в \(path)")) }
    }

    func runTour() throws {
        let folder = NSTemporaryDirectory() + "callgear-setup-demo-\(getpid())"
        let path = store ?? folder + "/store.sqlite"
        let db = try ProfileStore(path: path)
        defer { if store == nil && !keep { try? FileManager.default.removeItem(atPath: folder) } }
        let author = Author.current()

        func step(_ title: String) { Output.line("\n== \(title)") }

        step(tr("1. Add the Bitrix24 portal (account)", ru: "1. Добавить портал Битрикс24 (аккаунт)"))
        try db.addAccount(DemoData.account)
        Output.line("account add --domain \(DemoData.domain) --name \"\(DemoData.account.name)\"")

        step(
            tr(
                "2. Create a profile with a half-finished set-up and validate it",
                ru: "2. Создать профиль с недоделанной настройкой и проверить его"))
        var draft = DemoData.profile
        draft.chats.defaultResponsible = nil
        draft.chats.firstContact.funnels.defaults.dealStage = nil
        draft.other.templates[0].text = "Чат {{chanel_name}} — {{visitor_phone_number"
        let created = try db.createProfile(draft, author: author)
        Output.problems(draft.validate(knownAccounts: [DemoData.domain.description]), source: draft.name)

        step(
            tr(
                "3. Fix it, switch \"Integration is active\" on and save",
                ru: "3. Исправить, включить «Интеграция активна» и сохранить"))
        var fixed = DemoData.profile
        fixed.integrationActive = true
        let problems = fixed.validate(knownAccounts: [DemoData.domain.description])
        Output.line(
            problems.isEmpty
                ? tr("\(fixed.name): valid", ru: "\(fixed.name): без ошибок")
                : problems.map(\.description).joined(separator: "\n"))
        let saved = try db.saveProfile(fixed, expectedVersion: created.version, author: author)

        step(tr("4. The profile as the vendor's screens group it", ru: "4. Профиль, сгруппированный как на экранах вендора"))
        for line in ProfileReport.lines(saved.profile, account: DemoData.account, version: saved.version) { Output.line(line) }

        step(tr("5. History: who changed what", ru: "5. История: кто что менял"))
        for entry in try db.history(ofProfile: fixed.name) {
            Output.line(
                "v\(entry.version) " + tr("by", ru: "—") + " \(entry.user): "
                    + (entry.version == 1 ? tr("created", ru: "создан") : ProfileDiff.summary(entry.changes, limit: 6))
            )
        }

        step(
            tr(
                "6. A second operator saving an old copy gets a conflict, not a silent overwrite",
                ru: "6. Второй оператор, сохраняющий старую копию, получает конфликт, а не тихую перезапись"))
        do {
            try db.saveProfile(draft, expectedVersion: created.version, author: Author(user: "second-operator"))
        } catch {
            Output.line(error.description)
        }

        step(tr("Done", ru: "Готово"))
        Output.line(
            keep || store != nil
                ? tr(
                    "store kept at \(path) — try: callgear-setup profile show \(fixed.name) --store \(path)",
                    ru: "хранилище оставлено в \(path) — попробуйте: callgear-setup profile show \(fixed.name) --store \(path)")
                : tr(
                    "the temporary store was removed; run 'callgear-setup demo --keep' to explore it with 'profile' commands",
                    ru:
                        "временное хранилище удалено; запустите 'callgear-setup demo --keep', чтобы изучить его командами 'profile'"
                ))
    }
}
