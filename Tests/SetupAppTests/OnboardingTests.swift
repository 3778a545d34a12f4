import Foundation
import ProfileStore
import Sandbox
import SetupApp
import SetupModel
import TerminalUI
import Testing

/// The guided onboarding, keys only, against the sandbox portal.
@Suite struct OnboardingTests {
    @Test func dubaiFromRegionToActiveAndSaved() async throws {
        var h = try await ConsoleHarness.make(onboarding: true)
        await h.settle()
        #expect(h.screen.contains("Step 1 of 10 — Region and profile"))
        #expect(h.screen.contains("https://go.callgear.ae/marketplace/integration_list/bitrix24"))
        h.focus("Profile name")
        h.press(.enter)
        h.type("acme-dubai")
        h.press(.enter, .pageDown)
        #expect(h.screen.contains("Step 2 of 10 — Connect the portal"))
        #expect(h.screen.contains("press \"CallGear UAE\""))
        let webhook = await h.portal.webhookURL(base: h.domain.description)
        h.focus("Bitrix24 portal domain")
        h.press(.enter, .control("u"))
        h.type(h.domain.description)
        h.press(.enter)
        h.focus("Webhook URL")
        h.press(.enter)
        h.type(webhook)
        h.press(.enter)
        h.focus("Save account")
        h.press(.enter)
        // The portal is stored already (the harness added it): that is asked, then updated.
        #expect(h.screen.contains("This portal is stored already"), "\(h.screen)")
        h.press(.character("u"))
        await h.settle()
        #expect(h.screen.contains("Step 3 of 10 — Verify connection"), "\(h.screen)")
        #expect(h.screen.contains("as user 1 (administrator)"))
        h.press(.pageDown)
        #expect(h.screen.contains("Step 4 of 10 — Chats"))
        h.focus("Enable chats")
        h.press(.enter)
        h.focus("CallGear channels")
        h.press(.enter, .character("a"))
        h.focus("ID")
        h.press(.enter)
        h.type("111")
        h.press(.enter)
        h.focus("Name")
        h.press(.enter)
        h.type("WhatsApp Web 111")
        h.press(.enter, .escape, .escape)
        h.focus("Chats channels")
        h.press(.enter, .character(" "), .enter)
        h.focus("Default chat responsible")
        h.press(.enter)
        h.type("Мария")
        h.press(.enter)
        for _ in 0..<5 { h.press(.pageDown) }
        #expect(h.screen.contains("Step 9 of 10 — Review"))
        #expect(h.screen.contains("No problems"), "\(h.screen)")
        h.press(.pageDown)
        #expect(h.screen.contains("Step 10 of 10 — Integration is active"))
        h.focus("Integration is active")
        h.press(.enter)
        h.focus("Save")
        h.press(.enter)
        await h.settle()
        let stored = try h.store.loadProfile(named: "acme-dubai")
        #expect(stored.profile.integrationActive && stored.profile.region == .dubai)
        #expect(stored.profile.chats.channels == ["111"] && stored.profile.chats.defaultResponsible != nil)
        #expect(stored.profile.account == h.domain.description)
        #expect(try h.store.drafts().isEmpty, "a finished onboarding leaves no draft")
        #expect(h.screen.contains("Saved acme-dubai as version 1 — Integration is active"))
        await h.stop()
    }

    @Test func reviewListsProblemsAndJumpsToTheField() async throws {
        var h = try await ConsoleHarness.make(onboarding: true)
        await h.settle()
        for _ in 0..<8 { h.press(.pageDown) }
        #expect(h.screen.contains("Step 9 of 10 — Review"))
        #expect(h.screen.contains("✗ Profile name") && h.screen.contains("the profile needs a name"))
        h.focus("✗ Account")
        h.press(.enter)
        #expect(h.screen.contains("Step 2 of 10 — Connect the portal"), "\(h.screen)")
        for _ in 0..<7 { h.press(.pageDown) }
        h.focus("✗ Profile name")
        h.press(.enter)
        #expect(h.screen.contains("Step 1 of 10"))
        // The focus lands on the field itself.
        #expect(h.focusedLine.contains("Profile name"), "\(h.screen)")
        await h.stop()
    }

    @Test func anUnfinishedOnboardingResumes() async throws {
        var h = try await ConsoleHarness.make(onboarding: true)
        await h.settle()
        h.focus("Profile name")
        h.press(.enter)
        h.type("later")
        h.press(.enter, .pageDown, .pageDown, .pageDown)
        await h.settle()
        #expect(h.screen.contains("Step 4 of 10"))
        // The session drops; the next onboarding offers to resume at step 4.
        let program = ConsoleProgram(environment: ConsoleEnvironment(store: h.store, author: Author(user: "tester")))
        let fresh = ConsoleLauncher.model(
            profile: Profile(name: "", region: .latvia), version: nil, options: ConsoleLauncher.Options(onboarding: true))
        var next = TestDriver(program, model: fresh, width: 100, height: 30)
        next.resize(width: 100, height: 30)
        await next.complete("store")
        #expect(next.frame.text.contains("Unfinished onboarding"))
        next.press(.character("r"))
        #expect(next.frame.text.contains("Step 4 of 10 — Chats"))
        #expect(next.model.profile.name == "later" && next.model.profile.region == .dubai)
        next.press(.pageUp)
        #expect(next.frame.text.contains("Step 3 of 10"))
        await h.stop()
    }

    /// A step passed over with what it asks for missing is not ✓.
    @Test func skippedStepsAreNotTicked() async throws {
        var h = try await ConsoleHarness.make(onboarding: true)
        await h.settle()
        h.press(.pageDown)
        #expect(h.screen.contains("! Region and profile"), "no name yet: \(h.screen)")
        h.press(.pageUp)
        h.focus("Profile name")
        h.press(.enter)
        h.type("named")
        h.press(.enter, .pageDown)
        #expect(h.screen.contains("✓ Region and profile"), "\(h.screen)")
        h.press(.pageDown)
        #expect(h.screen.contains("! Connect the portal"), "no account chosen: \(h.screen)")
        await h.stop()
    }

    /// Esc steps back one layer at a time, out of the onboarding too, asking first.
    @Test func escLeavesTheOnboardingAfterAsking() async throws {
        var h = try await ConsoleHarness.make(onboarding: true)
        await h.settle()
        h.press(.escape)  // form → side list
        h.press(.escape)  // side list → the question
        #expect(h.screen.contains("Leave the onboarding?"), "\(h.screen)")
        h.press(.character("c"))
        #expect(h.driver.model.onboarding != nil, "Stay keeps it")
        h.press(.escape)
        h.press(.character("l"))
        #expect(h.driver.model.onboarding == nil)
        #expect(h.screen.contains("1 Accounts") && h.screen.contains("Onboarding left"), "\(h.screen)")
        await h.stop()
    }

    /// The connect step can take a portal the store knows, without typing it again.
    @Test func theConnectStepPicksAStoredPortal() async throws {
        var h = try await ConsoleHarness.make(onboarding: true)
        await h.settle()
        h.focus("Profile name")
        h.press(.enter)
        h.type("second")
        h.press(.enter, .pageDown)
        h.focus("Use a stored portal")
        h.press(.enter)
        h.press(.enter)
        #expect(h.driver.model.profile.account == h.domain.description)
        h.press(.pageDown)
        #expect(h.screen.contains("✓ Connect the portal"), "\(h.screen)")
        await h.stop()
    }
}
