import CallGearAPI
import Foundation
import ProfileStore
import Sandbox
import SetupApp
import SetupModel
import TerminalUI
import TestSupport
import Testing

/// The console without a terminal: keys in, frames out, effects run against a real store
/// and the sandbox portal.
@Suite struct ConsoleTests {
    @Test func theSwitchIsOnEveryScreenTogglesWithOneKeyAndIsSaved() async throws {
        var h = try await ConsoleHarness.make()
        await h.settle()
        #expect(h.screen.contains("[ ] Integration is active"))
        h.press(.control("t"))
        #expect(h.screen.contains("[■] Integration is active"))
        #expect(h.screen.contains("acme*"), "the dirty marker")
        // The same key from a nested form and from another section.
        h.press(.character("6"))
        #expect(h.screen.contains("Other settings"))
        h.press(.function(4))
        #expect(h.screen.contains("[ ] Integration is active"))
        h.press(.function(4))
        h.press(.control("s"))
        await h.settle()
        #expect(h.screen.contains("Saved acme as version 2 — Integration is active"), "\(h.screen)")
        #expect(!h.screen.contains("acme*"))
        #expect(try h.store.loadProfile(named: "acme").profile.integrationActive)
        await h.stop()
    }

    @Test func anActiveProfileWithErrorsIsNotSaved() async throws {
        var h = try await ConsoleHarness.make { $0.chats.defaultResponsible = nil }
        await h.settle()
        h.press(.control("t"), .control("s"))
        await h.settle()
        #expect(h.screen.contains("Not saved: \"Integration is active\" is on but 1 problem(s) remain"))
        #expect(try h.store.loadProfile(named: "acme").version == 1)
        await h.stop()
    }

    @Test func livePickListsFollowTheChosenFunnel() async throws {
        var h = try await ConsoleHarness.make { p in
            p.chats.firstContact = ContactHandling(create: [.deal], funnels: FunnelSettings(applyCustomStages: true))
        }
        #expect(h.screen.contains("loading lists"))
        await h.settle()
        #expect(h.screen.contains("● live"))
        // The default responsible shows the portal user's name.
        #expect(h.screen.contains("Анна Соколова"))
        h.press(.character("4"))
        h.focus("Deal default category")
        h.press(.enter)
        #expect(h.screen.contains("Повторные продажи"))
        h.type("повтор")
        h.press(.enter)
        h.focus("Deal default status")
        h.press(.enter)
        // Funnel 2's stages: their IDs carry the C2: prefix, read from the portal.
        #expect(h.screen.contains("C2:NEW"), "\(h.screen)")
        h.press(.down, .enter)
        #expect(h.driver.model.profile.chats.firstContact.funnels.defaults.dealCategory == "2")
        #expect(h.driver.model.profile.chats.firstContact.funnels.defaults.dealStage == "C2:PREPARATION")
        // Another funnel clears the stage: stages belong to one funnel.
        h.focus("Deal default category")
        h.press(.enter)
        h.type("Опт")
        h.press(.enter)
        #expect(h.driver.model.profile.chats.firstContact.funnels.defaults.dealStage == nil)
        await h.stop()
    }

    @Test func aSavedValueThePortalNoLongerHasIsFlagged() async throws {
        var h = try await ConsoleHarness.make { $0.chats.defaultResponsible = "999" }
        await h.settle()
        #expect(h.screen.contains("⚠ user 999"))
        await h.stop()
    }

    @Test func fieldsFollowTheCreationChoice() async throws {
        var h = try await ConsoleHarness.make()
        await h.settle()
        h.press(.character("3"))
        // Repeated contact creates nothing: comment priority shows.
        #expect(h.screen.contains("Comment priority on repeated contact*"))
        h.focus("For repeated contact inquiries")
        h.press(.enter)
        h.press(.character(" "), .enter)  // tick Lead
        #expect(h.driver.model.profile.chats.repeatedContact.create == [.lead])
        #expect(!h.screen.contains("Comment priority on repeated contact"))
        h.press(.character("4"))
        #expect(!h.screen.contains("Lead default status"))
        h.focus("Apply custom stages")
        h.press(.enter)
        #expect(h.screen.contains("Lead default status*"))
        #expect(!h.screen.contains("Deal default category"))
        #expect(h.screen.contains("Status filter for repeated client contact"))
        await h.stop()
    }

    @Test func loadingNeverBlocksTheKeysAndEscCancels() async throws {
        var h = try await ConsoleHarness.make()
        #expect(h.driver.model.catalogState == .loading)
        h.press(.down)
        h.press(.enter)  // a multi-select opens while the lists load
        #expect(h.screen.contains("WhatsApp Web 111"))
        h.press(.escape)
        h.press(.escape)  // back to the side list… and a second Esc cancels the load
        h.press(.escape)
        #expect(h.driver.model.catalogState == .cancelled)
        await h.settle()
        #expect(h.driver.model.catalog == nil, "a cancelled load's result is dropped")
        h.press(.control("r"))
        await h.settle()
        #expect(h.driver.model.catalog != nil)
        await h.stop()
    }

    @Test func anUnreachablePortalFallsBackToTheCachedListsMarkedStale() async throws {
        var h = try await ConsoleHarness.make()
        await h.settle()
        #expect(h.driver.model.catalog?.users.count == 76)
        var faults = SandboxPortal.Faults()
        faults.htmlStatus = 503
        await h.portal.setFaults(faults)
        h.press(.function(5))
        await h.settle()
        #expect(h.screen.contains("◌ stale"), "\(h.screen)")
        #expect(h.screen.contains("marked stale"))
        #expect(h.screen.contains("Анна Соколова"), "names still come from the cached lists")
        await h.stop()
    }

    @Test func aVersionConflictShowsTheDifferenceAndOverwritesOnlyWhenAsked() async throws {
        var h = try await ConsoleHarness.make()
        await h.settle()
        // Another operator saves first.
        var theirs = try h.store.loadProfile(named: "acme").profile
        theirs.other.addToClosed = true
        try h.store.saveProfile(theirs, expectedVersion: 1, author: Author(user: "olga"))
        h.press(.character("3"))
        h.focus("Send a notification")
        h.press(.enter, .control("s"))
        await h.settle()
        #expect(h.screen.contains("Another operator saved this profile"))
        #expect(h.screen.contains("olga saved version 2"))
        #expect(h.screen.contains("other.addToClosed"))
        h.press(.character("c"))
        #expect(try h.store.loadProfile(named: "acme").version == 2)
        h.press(.control("s"))
        await h.settle()
        h.press(.character("o"))
        await h.settle()
        let stored = try h.store.loadProfile(named: "acme")
        #expect(stored.version == 3 && stored.profile.chats.notifyOnCreate && !stored.profile.other.addToClosed)
        await h.stop()
    }

    @Test func quittingWithUnsavedChangesAsks() async throws {
        var h = try await ConsoleHarness.make()
        await h.settle()
        h.press(.control("t"), .control("q"))
        #expect(h.screen.contains("Unsaved changes"))
        #expect(!h.driver.quit)
        h.press(.character("c"))
        #expect(!h.driver.quit && h.screen.contains("acme*"))
        h.press(.function(10), .character("d"))
        await h.settle()  // the draft goes first, then the console quits
        #expect(h.driver.quit)
        #expect(try h.store.loadProfile(named: "acme").profile.integrationActive == false)
        await h.stop()
    }

    @Test func hangupKeepsADraftThatIsOfferedNextTime() async throws {
        var h = try await ConsoleHarness.make()
        await h.settle()
        h.press(.control("t"))
        h.driver.send(.signal(.hangup))
        let drafts = try h.store.drafts()
        #expect(drafts.count == 1 && drafts[0].profile.integrationActive && drafts[0].reason == "hangup")
        // The next start offers it.
        let stored = try h.store.loadProfile(named: "acme")
        let program = ConsoleProgram(environment: ConsoleEnvironment(store: h.store, author: Author(user: "tester")))
        var next = TestDriver(
            program, model: ConsoleModel(profile: stored.profile, version: stored.version), width: 100, height: 30)
        next.resize(width: 100, height: 30)
        await next.complete("store")
        #expect(next.frame.text.contains("Unsaved draft"))
        next.press(.character("r"))
        #expect(next.model.profile.integrationActive && next.model.isDirty)
        await next.complete("draft")
        #expect(try h.store.drafts().isEmpty)
        await h.stop()
    }

    @Test func accountsAreAddedVerifiedAndBadInputSaysWhat() async throws {
        var h = try await ConsoleHarness.make()
        await h.settle()
        h.press(.character("1"))
        h.focus("Add account")
        h.press(.enter)
        #expect(h.screen.contains("Accounts › Account"))
        h.focus("Bitrix24 portal domain")
        h.press(.enter)
        h.type("ftp://x")
        #expect(h.screen.contains("✗ 'ftp://' is not a web address"), "\(h.screen)")
        h.press(.control("u"))
        h.type("https://новый.bitrix24.ru")
        h.press(.enter)
        h.focus("Save account")
        h.press(.enter)
        #expect(h.screen.contains("non-Latin letters — use its punycode form"), "\(h.screen)")
        h.focus("Bitrix24 portal domain")
        h.press(.enter, .control("u"))
        h.type("https://new-portal.bitrix24.ru")
        h.press(.enter)
        h.focus("Webhook URL")
        h.press(.enter)
        h.type("https://new-portal.bitrix24.ru/rest/1/abcdef0123456789/")
        h.press(.enter)
        #expect(!h.screen.contains("abcdef0123456789"), "the webhook code is masked")
        h.focus("Save account")
        h.press(.enter)
        await h.settle()
        #expect(try h.store.accounts().count == 2)
        #expect(h.screen.contains("Account https://new-portal.bitrix24.ru stored"), "\(h.screen)")
        #expect(h.screen.contains("new-portal.bitrix24.ru"), "listed under Portals")
        // Verify the profile's own (sandbox) account.
        h.focus("Verify connection")
        h.press(.enter)
        await h.settle()
        #expect(h.screen.contains("as user 1 (administrator)"), "\(h.screen)")
        #expect(h.screen.contains("scopes: crm, user, department, im"))
        await h.stop()
    }

    @Test func rulesAreAddedWithConditionsAndMoved() async throws {
        var h = try await ConsoleHarness.make()
        await h.settle()
        h.focus("Chat responsible filter")
        h.press(.enter)
        h.press(.character("a"))
        #expect(h.screen.contains("Responsible rule 1"))
        h.focus("Condition")
        h.press(.enter)
        h.focus("Add condition")
        h.press(.enter)
        h.focus("Param")
        h.press(.right, .right)  // Chat channel name → Chat channel type → Site
        h.focus("Value")
        h.press(.enter)
        h.type("shop.example")
        h.press(.control("n"), .enter)
        h.press(.escape, .escape)
        h.focus("Responsible")
        h.press(.enter)
        h.type("Ольга")
        h.press(.enter)
        let rule = try #require(h.driver.model.profile.chats.responsibleRules.first)
        #expect(rule.condition == Condition(anyOf: [ConditionGroup(allOf: [Clause(.site, .allow, ["shop.example"])])]))
        #expect(h.driver.model.catalog?.users.first { $0.id == rule.responsible }?.name.hasPrefix("Ольга") == true)
        h.press(.escape)
        #expect(h.screen.contains("1. Site = shop.example"))
        await h.stop()
    }

    @Test func aTooSmallTerminalSaysWhatItNeeds() async throws {
        var h = try await ConsoleHarness.make()
        h.driver.resize(width: 60, height: 15)
        #expect(h.screen.contains("72×20"))
        h.driver.resize(width: 100, height: 30)
        #expect(h.screen.contains("Integration is active"))
        await h.stop()
    }

    @Test func simulateShowsThePlanAndWhy() async throws {
        var h = try await ConsoleHarness.make { $0.integrationActive = true }
        await h.settle()
        h.press(.character("7"))
        h.focus("Preview")
        h.press(.enter)
        await h.settle()
        #expect(h.screen.contains("1. create lead"), "\(h.screen)")
        #expect(h.screen.contains("responsible Анна Соколова (user 5)"), "names, not IDs: \(h.screen)")
        #expect(h.screen.contains("[the portal]"))
        h.focus("Dry run on the portal")
        h.press(.enter)
        await h.settle()
        // Анна Петрова (+7 999 123-45-67) has an open deal in the demo portal.
        #expect(h.screen.contains("The portal knows: lead #1 (closed), deal #1, deal #2 (closed),"), "\(h.screen)")
        h.focus("Apply as a test")
        h.press(.enter)
        #expect(h.screen.contains("Apply as a test"))
        h.press(.character("y"))
        await h.settle()
        #expect(h.screen.contains("Applied (marker callgear-setup-test-"), "\(h.screen)")
        #expect(await h.portal.comments.count == 1)
        await h.stop()
    }
}

/// With a Data API key the CallGear lists come live; without the API, the cached ones.
@Suite struct ConsoleCallGearListsTests {
    @Test func liveListsFeedTheChannelsAndConditionValues() async throws {
        let emulator = DataAPIEmulator()
        let endpoint = try await emulator.start()
        var h = try await ConsoleHarness.make { p in
            p.callGear.dataAPIURL = endpoint
            p.callGear.dataAPIKey = Secret(emulator.key)
        }
        await h.settle()
        #expect(h.screen.contains("CallGear ● live"), "\(h.screen)")
        #expect(h.screen.contains("CallGear lists loaded from the Data API (13 channels)"))
        h.focus("Chats channels")
        h.press(.enter)
        #expect(h.screen.contains("Авито") && h.screen.contains("Telegram личный"))
        h.press(.escape)
        // Condition values offer the live sites.
        h.focus("Chat responsible filter")
        h.press(.enter, .character("a"))
        h.focus("Condition")
        h.press(.enter)
        h.focus("Add condition")
        h.press(.enter)
        h.focus("Param")
        h.press(.right, .right)
        h.focus("Value")
        h.press(.enter)
        #expect(h.screen.contains("пример.рф"), "\(h.screen)")
        h.press(.escape)
        // Stored with the profile on save.
        h.press(.control("s"))
        await h.settle()
        #expect(try h.store.loadProfile(named: "acme").profile.callGear.sites.contains("пример.рф"))

        // The API refuses now: the cached lists are used, and the message says what to do.
        var faults = DataAPIEmulator.Faults()
        faults.mnemonic = "ip_not_whitelisted"
        await emulator.setFaults(faults)
        h.press(.function(5))
        await h.settle()
        #expect(h.screen.contains("CallGear ◌ stale"))
        #expect(h.driver.model.callGearLists?.channels.count == 13)
        #expect(h.driver.model.status.text.contains("not whitelisted"))
        await emulator.stop()
        await h.stop()
    }
}

/// Templates and field mapping in the Other settings.
@Suite struct ConsoleOtherSettingsTests {
    @Test func templateProblemsShowWhileTypingAndVariablesInsertFromAList() async throws {
        var h = try await ConsoleHarness.make()
        await h.settle()
        h.press(.character("6"))
        h.focus("Entity name templates")
        h.press(.enter, .character("a"))
        #expect(h.screen.contains("Template 1"))
        h.focus("Template")
        h.press(.enter, .control("u"))
        h.type("Чат {{chanel_name}}")
        #expect(h.screen.contains("unknown variable 'chanel_name'"), "\(h.screen)")
        h.press(.control("u"))
        h.type("Чат ")
        h.press(.control("v"))
        h.type("visitor_ph")
        h.press(.enter)
        #expect(h.screen.contains("{{visitor_phone_number}}"))
        // The preview follows the keys, with the sample values.
        #expect(h.screen.contains("Чат +971501234567"))
        h.press(.enter)
        #expect(h.driver.model.profile.other.templates.first?.text == "Чат {{visitor_phone_number}}")
        await h.stop()
    }

    @Test func aReadOnlyFieldIsRefusedWithTheReason() async throws {
        var h = try await ConsoleHarness.make()
        await h.settle()
        h.press(.character("6"))
        h.focus("Field mapping")
        h.press(.enter, .character("a"))
        h.focus("Bitrix24 field")
        h.press(.enter)
        h.type("Дата создания")
        h.press(.enter)
        // A read-only row is listed, and refused with the reason when taken.
        #expect(h.driver.model.profile.other.fieldMappings.first?.field == "")
        #expect(h.screen.contains("read-only in Bitrix24: nothing can be written into it"), "\(h.screen)")
        h.focus("Bitrix24 field")
        h.press(.enter)
        h.type("Источник рекламы")
        h.press(.enter)
        #expect(h.driver.model.profile.other.fieldMappings.first?.field == "UF_CRM_1700000001")
        #expect(h.screen.contains("Источник рекламы (UF_CRM_1700000001)"), "\(h.screen)")
        await h.stop()
    }
}

/// An OAuth account: the Accounts screen's "Refresh auth keys" stores a new pair, and the
/// pick lists load through the refreshed token.
@Suite struct ConsoleOAuthTests {
    @Test func refreshKeysStoresTheNewPair() async throws {
        var h = try await ConsoleHarness.make()
        let base = h.domain.description
        var account = try h.store.account(domain: base)
        account.authorization = .oauth(await h.portal.oauthCredentials(base: base))
        try h.store.updateAccount(domain: base, to: account)
        h.press(.function(5))
        await h.settle()
        #expect(h.screen.contains("● live"))
        h.press(.character("1"))
        h.focus("Refresh auth keys")
        h.press(.enter)
        await h.settle()
        #expect(h.screen.contains("Keys refreshed and stored"), "\(h.screen)")
        let current = await h.portal.currentTokens()
        guard case .oauth(let stored) = try h.store.account(domain: base).authorization else {
            Issue.record("not OAuth any more")
            return
        }
        #expect(stored.accessToken?.value == current.access && stored.refreshToken?.value == current.refresh)
        // The old access token is dead now; loading the lists uses the stored new one.
        h.press(.function(5))
        await h.settle()
        #expect(h.screen.contains("● live"))
        await h.stop()
    }
}

/// Names from the portal are outside data: nothing in them reaches the terminal raw.
@Suite struct ConsoleHostilePortalTests {
    @Test func escapeSequencesAndBidiNeverReachTheScreen() async throws {
        var h = try await ConsoleHarness.make(profile: { $0.chats.defaultResponsible = "1" }, seed: .hostile)
        await h.settle()
        h.focus("Default chat responsible")
        h.press(.enter)
        let frame = h.screen
        #expect(
            !frame.contains("\u{1B}") && !frame.contains("\u{202E}") && !frame.contains("\u{200B}") && !frame.contains("\u{07}"))
        #expect(frame.contains("␛"), "control characters are shown visibly")
        h.press(.escape)
        h.press(.character("4"))
        h.focus("Apply custom stages")
        h.press(.enter)
        h.focus("Lead default status")
        h.press(.enter)
        #expect(!h.screen.contains("\u{1B}") && h.screen.contains("Красный"))
        await h.stop()
    }
}

/// Switching profiles without leaving the console.
@Suite struct ConsoleProfileSwitchTests {
    @Test func anotherProfileOpensAndUnsavedChangesAreAskedAbout() async throws {
        var h = try await ConsoleHarness.make()
        var other = Profile(name: "second", region: .latvia, account: h.domain.description)
        other.other.addToClosed = true
        try h.store.createProfile(other, author: Author(user: "olga"))
        h.press(.function(5))
        await h.settle()
        h.press(.character("1"))
        #expect(h.screen.contains("› acme") && h.screen.contains("second"))
        h.press(.control("t"))
        h.focus("second")
        h.press(.enter)
        #expect(h.screen.contains("Unsaved changes"))
        h.press(.character("d"))
        await h.settle()
        #expect(h.driver.model.profile.name == "second" && h.driver.model.version == 1)
        #expect(h.screen.contains("Opened second, version 1") || h.screen.contains("Lists loaded"))
        #expect(h.screen.contains("second │ Latvia"), "\(h.screen)")
        #expect(try h.store.loadProfile(named: "acme").profile.integrationActive == false, "the discarded change stayed out")
        h.press(.character("1"))
        h.focus("New profile")
        h.press(.enter)
        #expect(h.screen.contains("Step 1 of 10 — Region and profile"))
        await h.stop()
    }
}

/// A broken theme file is reported with its place when the screen comes up, and the
/// default theme is used; the first load's status does not hide it.
@Suite struct ConsoleThemeTests {
    @Test func aBrokenThemeFileIsShownAtStart() async throws {
        let temporary = TemporaryFolder("cgs-themes")
        let folder = temporary.path
        try "# mine\ntitle = purple\n".write(toFile: folder + "/broken.theme", atomically: true, encoding: .utf8)
        let store = try ProfileStore(path: folder + "/store.sqlite")
        let model = ConsoleLauncher.model(
            profile: Profile(name: "t", region: .dubai), version: nil,
            options: ConsoleLauncher.Options(theme: "broken", themeFolders: [folder]))
        var driver = TestDriver(
            ConsoleProgram(environment: ConsoleEnvironment(store: store, author: Author(user: "t"))), model: model, width: 100,
            height: 30)
        driver.resize(width: 100, height: 30)
        await driver.completeAll()
        #expect(driver.frame.text.contains("theme: \(folder)/broken.theme:2"), "\(driver.frame.text)")
        #expect(driver.model.theme.name == "default")
        driver.press(.enter)
        #expect(!driver.frame.text.contains("broken.theme"))
    }
}

/// State bugs a new operator hit, each fixed and kept fixed.
@Suite struct ConsoleStateTests {
    /// A refused delete ("used by profiles …") leaves the open profile's account alone.
    @Test func aRefusedAccountDeleteKeepsTheProfilesAccount() async throws {
        var h = try await ConsoleHarness.make()
        await h.settle()
        let account = h.driver.model.profile.account
        h.press(.character("1"))
        // The portal's row stands just above "Add account".
        h.focus("Add account")
        h.press(.up, .enter)
        h.focus("Delete account")
        h.press(.enter)
        h.press(.character("y"))
        await h.settle()
        #expect(h.screen.contains("Not deleted"), "\(h.screen)")
        #expect(h.driver.model.profile.account == account, "the profile still names its account")
        #expect(!h.driver.model.isDirty)
        await h.stop()
    }

    /// Editing the Simulate sample changes nothing in the profile, and says so.
    @Test func editingTheSampleDoesNotClaimTheProfileChanged() async throws {
        var h = try await ConsoleHarness.make()
        await h.settle()
        h.press(.character("7"))
        h.focus("Visitor name")
        h.press(.enter)
        h.type("Борис")
        h.press(.enter)
        #expect(!h.driver.model.isDirty)
        #expect(!h.screen.contains("F2 saves"), "\(h.screen)")
        #expect(h.screen.contains("Sample changed"))
        await h.stop()
    }

    /// Ctrl-N of a value already in the list ticks it instead of storing it twice.
    @Test func addingAValueTwiceTicksTheOneThere() async throws {
        var h = try await ConsoleHarness.make()
        await h.settle()
        h.focus("Chat responsible filter")
        h.press(.enter)
        h.press(.character("a"))
        h.focus("Condition")
        h.press(.enter)
        h.focus("Add condition")
        h.press(.enter)
        h.focus("Param")
        h.press(.right, .right)  // Site
        h.focus("Value")
        h.press(.enter)
        h.type("shop.example")
        h.press(.control("n"))
        h.type("SHOP.example")
        h.press(.control("n"), .enter)
        let values = h.driver.model.profile.chats.responsibleRules.first?.condition.anyOf.first?.allOf.first?.values
        #expect(values == ["shop.example"], "\(String(describing: values))")
        await h.stop()
    }

    /// Typing a new account for a portal that is stored already asks before it renames it.
    @Test func reAddingAStoredPortalAsks() async throws {
        var h = try await ConsoleHarness.make()
        await h.settle()
        let domain = h.domain.description
        h.press(.character("1"))
        h.focus("Add account")
        h.press(.enter)
        h.focus("Name")
        h.press(.enter)
        h.type("Другое имя")
        h.press(.enter)
        h.focus("Bitrix24 portal domain")
        h.press(.enter)
        h.type(domain)
        h.press(.enter)
        h.focus("Webhook URL")
        h.press(.enter)
        h.type(await h.portal.webhookURL(base: domain))
        h.press(.enter)
        h.focus("Save account")
        h.press(.enter)
        await h.settle()
        #expect(h.screen.contains("This portal is stored already"), "\(h.screen)")
        #expect(h.screen.contains("used by acme"))
        h.press(.character("c"))
        await h.settle()
        #expect(try h.store.account(domain: domain).name == "Sandbox", "cancelled: nothing renamed")
        h.focus("Save account")
        h.press(.enter)
        h.press(.character("u"))
        await h.settle()
        #expect(try h.store.account(domain: domain).name == "Другое имя", "asked and confirmed: updated")
        await h.stop()
    }

    /// An account on plain http to a LAN portal (the operator's stored choice) stays in sight.
    @Test func plainHTTPShowsInTheHeader() async throws {
        var h = try await ConsoleHarness.make()
        await h.settle()
        #expect(!h.screen.contains("⚠ http"), "loopback is not flagged")
        let lan = Account(
            name: "Office", domain: try PortalDomain(parsing: "http://crm.office.lan"), allowInsecureHTTP: true)
        h.driver.model.accounts.append(lan)
        h.driver.model.workspace.profile.account = lan.domain.description
        #expect(h.screen.split(separator: "\n").first?.contains("⚠ http") == true, "\(h.screen)")
        await h.stop()
    }

    /// An OAuth account's form has the OAuth server, checked and stored with the keys.
    @Test func theOAuthServerIsAFieldOfTheAccount() throws {
        var draft = AccountDraft()
        draft.domain = "https://acme.bitrix24.ru"
        draft.authKind = .oauth
        draft.clientID = "app.123"
        draft.refreshToken = "refresh"
        draft.accessToken = "access"
        draft.oauthServer = "https://oauth.bitrix24.tech/"
        guard case .success(let account) = draft.account(), case .oauth(let oauth) = account.authorization else {
            Issue.record("not an OAuth account")
            return
        }
        #expect(oauth.oauthServer == "https://oauth.bitrix24.tech/")
        #expect(AccountDraft(account).oauthServer == "https://oauth.bitrix24.tech/", "shown again when edited")
        draft.oauthServer = "oauth server"
        guard case .failure(let problem) = draft.account() else {
            Issue.record("a malformed OAuth server was accepted")
            return
        }
        #expect(problem.field == SettingPath.AccountForm.oauthServer)
    }

    /// `q` outside a text field quits like F10; Ctrl-C asks like F10 when something is unsaved.
    @Test func qQuitsAndCtrlCAsks() async throws {
        var h = try await ConsoleHarness.make()
        await h.settle()
        h.focus("Enable chats")
        h.press(.enter)
        h.press(.control("c"))
        #expect(h.screen.contains("Save") && h.screen.contains("Discard"), "Ctrl-C asks: \(h.screen)")
        h.press(.character("d"))
        await h.settle()
        #expect(h.driver.quit)
        var clean = try await ConsoleHarness.make()
        await clean.settle()
        clean.press(.character("q"))
        #expect(clean.driver.quit, "nothing unsaved: q quits at once")
        await h.stop()
        await clean.stop()
    }
}
