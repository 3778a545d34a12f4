import Foundation
import ProfileStore
import Sandbox
import SetupApp
import SetupModel
import TerminalUI
import TestSupport
import Testing

/// A console on a real store file and the sandbox portal over loopback, driven by keys
/// without a terminal: the same program the binary runs, with effects run by the test.
struct ConsoleHarness {
    var driver: TestDriver<ConsoleProgram>
    let store: ProfileStore
    let portal: SandboxPortal
    let domain: PortalDomain
    let folder: String
    /// Removes the folder when the harness goes.
    let temporary: TemporaryFolder

    /// A Dubai profile on the demo sandbox: chats on channel 111, responsible user 5,
    /// first contact → lead at the portal's first stage.
    static func make(
        profile edit: (inout Profile) -> Void = { _ in }, onboarding: Bool = false, storeProfile: Bool = true, width: Int = 100,
        height: Int = 30, seed: SandboxData = .demo
    ) async throws -> ConsoleHarness {
        let temporary = TemporaryFolder("cgs-console")
        let folder = temporary.path
        let store = try ProfileStore(path: folder + "/store.sqlite")
        let portal = SandboxPortal(data: seed)
        let base = try await portal.start()
        let (domain, webhook) = try Webhook.parse(url: await portal.webhookURL(base: base))
        try store.addAccount(Account(name: "Sandbox", domain: domain, authorization: .webhook(webhook)))
        var profile = Profile(name: "acme", region: .dubai, account: domain.description)
        profile.callGear.channels = [
            ChatChannel(id: "111", name: "WhatsApp Web 111", type: "whatsapp"),
            ChatChannel(id: "35", name: "Telegram bot 35", type: "telegram"),
        ]
        profile.chats = CommunicationSettings(enabled: true, channels: ["111"], defaultResponsible: "5")
        edit(&profile)
        var version: Int? = nil
        if storeProfile && !onboarding { version = try store.createProfile(profile, author: Author(user: "tester")).version }
        if onboarding { profile = Profile(name: "", region: .dubai) }
        let model = ConsoleLauncher.model(
            profile: profile, version: version, options: ConsoleLauncher.Options(themeFolders: [], onboarding: onboarding))
        let program = ConsoleProgram(environment: ConsoleEnvironment(store: store, author: Author(user: "tester")))
        var driver = TestDriver(program, model: model, width: width, height: height)
        driver.resize(width: width, height: height)
        // The store is read by an effect at start; it answers at once in a real console.
        await driver.complete("store")
        return ConsoleHarness(
            driver: driver, store: store, portal: portal, domain: domain, folder: folder, temporary: temporary)
    }

    var screen: String { driver.frame.text }

    mutating func press(_ keys: Key...) {
        for key in keys { driver.press(key) }
    }

    mutating func type(_ text: String) { driver.type(text) }

    /// Runs every pending effect (loads, saves) to the end.
    mutating func settle() async { await driver.completeAll() }

    /// Moves the form's focus to the row whose label starts with `label`.
    mutating func focus(_ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for _ in 0..<40 {
            if focusedLine.contains(label) { return }
            driver.press(.down)
        }
        for _ in 0..<40 {
            if focusedLine.contains(label) { return }
            driver.press(.up)
        }
        Issue.record("no row “\(label)” on:\n\(screen)", sourceLocation: sourceLocation)
    }

    /// Types `text` into the text field `label`, replacing what it held, and keeps it.
    mutating func fill(_ label: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        focus(label, sourceLocation: sourceLocation)
        press(.enter, .control("u"))
        type(text)
        press(.enter)
    }

    /// The line the hardware cursor is on: the focused row.
    var focusedLine: String {
        let frame = driver.frame
        guard let cursor = frame.cursor else { return "" }
        return frame.line(cursor.y)
    }

    func stop() async {
        await portal.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }
}
