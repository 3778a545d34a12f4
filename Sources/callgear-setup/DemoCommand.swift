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
        abstract: "The console on the built-in sandbox portal, with a demo account and profile (no account needed).",
        discussion: "Examples: callgear-setup demo · callgear-setup demo --theme light · callgear-setup demo --tour --keep")
    @Option(help: "Use this store instead of a temporary one.") var store: String?
    @Flag(help: "Keep the temporary store and print its path.") var keep = false
    @Flag(help: "Print a headless tour of the commands instead of opening the console.") var tour = false
    @OptionGroup var look: ConsoleLook
    @OptionGroup var log: LogOptions

    func run() async throws {
        if tour { return try runTour() }
        let folder = NSTemporaryDirectory() + "callgear-setup-demo-\(getpid())"
        let path = store ?? folder + "/store.sqlite"
        let db = try ProfileStore(path: path)
        defer { if store == nil && !keep { try? FileManager.default.removeItem(atPath: folder) } }
        let portal = SandboxPortal(data: .demo)
        let base: String
        do { base = try await portal.start() } catch {
            throw CLIError(code: ExitCode.system, message: "the sandbox portal could not listen on 127.0.0.1: \(error)")
        }
        let dataAPI = DataAPIEmulator()
        let dataAPIEndpoint: String
        do { dataAPIEndpoint = try await dataAPI.start() } catch {
            throw CLIError(code: ExitCode.system, message: "the Data API emulator could not listen on 127.0.0.1: \(error)")
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
        let status = "Demo: sandbox portal and CallGear Data API on 127.0.0.1 — F1 help, Tab side list, 7 Simulate"
        try await open(store: db, profile: profile, version: version, options: look.options(status: status))
        await portal.stop()
        await dataAPI.stop()
        if keep || store != nil { Output.error("store kept at \(path)") }
    }

    func runTour() throws {
        let folder = NSTemporaryDirectory() + "callgear-setup-demo-\(getpid())"
        let path = store ?? folder + "/store.sqlite"
        let db = try ProfileStore(path: path)
        defer { if store == nil && !keep { try? FileManager.default.removeItem(atPath: folder) } }
        let author = Author.current()

        func step(_ title: String) { Output.line("\n== \(title)") }

        step("1. Add the Bitrix24 portal (account)")
        try db.addAccount(DemoData.account)
        Output.line("account add --domain \(DemoData.domain) --name \"\(DemoData.account.name)\"")

        step("2. Create a profile with a half-finished set-up and validate it")
        var draft = DemoData.profile
        draft.chats.defaultResponsible = nil
        draft.chats.firstContact.funnels.defaults.dealStage = nil
        draft.other.templates[0].text = "Чат {{chanel_name}} — {{visitor_phone_number"
        let created = try db.createProfile(draft, author: author)
        Output.problems(draft.validate(knownAccounts: [DemoData.domain.description]), source: draft.name)

        step("3. Fix it, switch \"Integration is active\" on and save")
        var fixed = DemoData.profile
        fixed.integrationActive = true
        let problems = fixed.validate(knownAccounts: [DemoData.domain.description])
        Output.line(problems.isEmpty ? "\(fixed.name): valid" : problems.map(\.description).joined(separator: "\n"))
        let saved = try db.saveProfile(fixed, expectedVersion: created.version, author: author)

        step("4. The profile as the vendor's screens group it")
        for line in ProfileReport.lines(saved.profile, account: DemoData.account, version: saved.version) { Output.line(line) }

        step("5. History: who changed what")
        for entry in try db.history(ofProfile: fixed.name) {
            Output.line(
                "v\(entry.version) by \(entry.user): \(entry.version == 1 ? "created" : ProfileDiff.summary(entry.changes, limit: 6))"
            )
        }

        step("6. A second operator saving an old copy gets a conflict, not a silent overwrite")
        do {
            try db.saveProfile(draft, expectedVersion: created.version, author: Author(user: "second-operator"))
        } catch {
            Output.line(error.description)
        }

        step("Done")
        Output.line(
            keep || store != nil
                ? "store kept at \(path) — try: callgear-setup profile show \(fixed.name) --store \(path)"
                : "the temporary store was removed; run 'callgear-setup demo --keep' to explore it with 'profile' commands")
    }
}
