import ArgumentParser
import Foundation
import ProfileStore
import SetupModel

/// `callgear-setup demo`: a guided tour of the headless core on a temporary store, so a
/// newcomer sees accounts, validation, activation and history in seconds. (The full-screen
/// console on the sandbox portal takes this command's place when it lands.)
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "A tour of callgear-setup on a temporary store with a demo account and profile.",
        discussion: "Example: callgear-setup demo --keep")
    @Option(help: "Use this store instead of a temporary one.") var store: String?
    @Flag(help: "Keep the temporary store and print its path.") var keep = false

    func run() throws {
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
