import Foundation
import Testing

/// `profile check` on the binary: the checklist, its exit codes, JSON.
@Suite struct ProfileCheckCommandTests {
    @Test func exitZeroWhenNothingIsWrongOneWhenSomethingIs() throws {
        let cli = CLIRunner()
        let portal = try PortalCommandTests.SandboxProcess(seed: "demo")
        defer { portal.stop() }
        let domain = try cli.addAccount(portal, name: "Sandbox")
        try cli.importExample("profile-dubai.json", replacing: "https://demo-callgear.bitrix24.ru", with: domain, as: "good")
        let good = try cli.run(["profile", "check", "good"])
        #expect(good.code == 0, "\(good.out)\(good.err)")
        #expect(good.out.contains("✓ Мария Смирнова (user 1) is an active employee  [Default chat responsible]"), "\(good.out)")
        #expect(good.out.contains(", 0 ✗ —"), "\(good.out)")

        try cli.importExample("profile-dubai.json", replacing: "https://demo-callgear.bitrix24.ru", with: domain, as: "bad") {
            $0.replacingOccurrences(of: "\"defaultResponsible\" : \"1\"", with: "\"defaultResponsible\" : \"82\"")
        }
        let bad = try cli.run(["profile", "check", "bad"])
        #expect(bad.code == 1, "\(bad.out)\(bad.err)")
        #expect(bad.out.contains("✗ Приглашённый Сотрудник (user 82) was invited but never signed in"), "\(bad.out)")
        #expect(bad.out.contains("fix: choose an active employee"))
        let json = try cli.run(["profile", "check", "bad", "--json"])
        #expect(json.code == 1)
        #expect(json.out.contains("\"status\" : \"failure\"") && json.out.contains("\"subject\" : \"chats.defaultResponsible\""))
    }

    /// `profile show` names users, stages and funnels from the lists last loaded, by the
    /// catalog's labels; IDs before the lists were ever loaded.
    @Test func profileShowNamesWhatTheListsNamed() throws {
        let cli = CLIRunner()
        let portal = try PortalCommandTests.SandboxProcess(seed: "demo")
        defer { portal.stop() }
        let domain = try cli.addAccount(portal, name: "Sandbox")
        try cli.importExample("profile-dubai.json", replacing: "https://demo-callgear.bitrix24.ru", with: domain, as: "shown")
        let before = try cli.run(["profile", "show", "shown"])
        #expect(before.out.contains("Default chat responsible: user 1"), "\(before.out)")
        let lists = try cli.run(["portal", "lists", domain])
        #expect(lists.code == 0, "\(lists.err)")
        let after = try cli.run(["profile", "show", "shown"])
        #expect(after.out.contains("Default chat responsible: Мария Смирнова (user 1)"), "\(after.out)")
        #expect(after.out.contains("Chats\n") && after.out.contains("Entity creation\n") && after.out.contains("Funnels\n"))
    }
}
