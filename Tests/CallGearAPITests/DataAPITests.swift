import Bitrix24
import CallGearAPI
import Foundation
import Sandbox
import SetupModel
import Testing

/// The Data API client against the emulator over loopback, through libcurl.
@Suite struct DataAPITests {
    func client(_ emulator: DataAPIEmulator, key: String? = nil, pageSize: Int = 1_000) async throws -> DataAPIClient {
        let endpoint = try await emulator.start()
        return DataAPIClient(endpoint: endpoint, key: Secret(key ?? emulator.key), pageSize: pageSize)
    }

    @Test func listsLoadPagedWithCyrillicNames() async throws {
        let emulator = DataAPIEmulator()
        let client = try await client(emulator, pageSize: 5)
        let lists = try await CallGearLists.load(client)
        #expect(lists.accountName == "Демо-аккаунт CallGear")
        #expect(lists.channels.count == 13)
        #expect(Set(lists.channels.map(\.type)).isSuperset(of: ["comagic", "whatsapp", "waba", "telegram", "viber", "avito"]))
        #expect(lists.channels.contains { $0.id == "111" && $0.name == "WhatsApp Web 111" })
        #expect(lists.sites == ["example.ae", "shop.example", "пример.рф"])
        #expect(lists.groups.contains("Отдел продаж") && lists.offlineFields == ["city", "Contract value"])
        #expect(lists.employees.count == 12)
        // 13 channels in pages of 5 take 3 calls; 12 employees 3; the other lists 1 each, plus get.account.
        #expect(lists.calls == 1 + 3 + 1 + 1 + 3 + 1 + 1 + 1 + 1)
        #expect(await emulator.calls == lists.calls)
        #expect(lists.limits?.dayLimit == 3000)
        // Stored with the profile: deleted channels left out.
        let stored = lists.applied(to: CallGearSettings())
        #expect(stored.channels.count == 12 && !stored.channels.contains { $0.name == "Старый бот" })
        await emulator.stop()
    }

    @Test(arguments: [
        ("ip_not_whitelisted", "Rules and security settings"), ("access_token_invalid", "User management"),
        ("access_token_expired", "User management"), ("access_token_blocked", "User management"),
        ("method_component_disabled", "Data API Basic set"), ("account_inactive", "CallGear support"),
        ("forbidden", "user rights"), ("limit_exceeded", "wait until the limit resets"),
    ])
    func eachMnemonicHasItsMessageAndFix(mnemonic: String, fixMentions: String) async throws {
        let emulator = DataAPIEmulator()
        var faults = DataAPIEmulator.Faults()
        faults.mnemonic = mnemonic
        await emulator.setFaults(faults)
        let client = try await client(emulator)
        do {
            _ = try await client.call("get.account")
            Issue.record("no error for \(mnemonic)")
        } catch {
            #expect(error.fix.contains(fixMentions), "\(error.fix)")
            switch (mnemonic, error) {
            case ("ip_not_whitelisted", .ipNotWhitelisted(let ip)): #expect(ip == "127.0.0.1")
            case ("access_token_invalid", .tokenInvalid), ("access_token_expired", .tokenExpired),
                ("access_token_blocked", .tokenBlocked),
                ("method_component_disabled", .componentDisabled), ("account_inactive", .accountInactive),
                ("forbidden", .forbidden):
                break
            case ("limit_exceeded", .limitExceeded(let limits)):
                #expect(limits?.minuteLimit != nil)
                #expect(error.message.contains("per minute"))
            default: Issue.record("\(mnemonic) became \(error)")
            }
        }
        await emulator.stop()
    }

    @Test func aWrongKeyAndTheMinuteLimit() async throws {
        let emulator = DataAPIEmulator()
        let wrong = try await client(emulator, key: "nope")
        await #expect(throws: DataAPIError.tokenInvalid) { try await wrong.call("get.account") }
        var faults = DataAPIEmulator.Faults()
        faults.minuteLimit = 3
        await emulator.setFaults(faults)
        let right = DataAPIClient(endpoint: wrong.endpoint, key: Secret(emulator.key))
        // Only successful calls cost a point: the refused key above took none.
        _ = try await right.call("get.account")
        _ = try await right.call("get.account")
        _ = try await right.call("get.account")
        do {
            _ = try await right.call("get.account")
            Issue.record("the limit was not enforced")
        } catch {
            guard case .limitExceeded(let limits?) = error else { throw error }
            #expect(limits.minuteLimit == 3 && limits.minuteRemaining == 0 && (1...60).contains(limits.minuteReset))
            #expect(error.message.contains("per minute 0/3 left, resets in \(limits.minuteReset) s"))
        }
        await emulator.stop()
    }

    @Test func theHostFollowsTheRegionUnlessOverridden() {
        var profile = Profile(name: "p", region: .dubai)
        #expect(DataAPIClient.endpoint(for: profile) == "https://dataapi.callgear.ae/v2.0")
        profile.region = .latvia
        #expect(DataAPIClient.endpoint(for: profile) == "https://dataapi.callgear.com/v2.0")
        profile.callGear.dataAPIURL = "https://dataapi.example/v2.0"
        #expect(DataAPIClient.endpoint(for: profile) == "https://dataapi.example/v2.0")
    }

    @Test func anHTMLAnswerIsNotJSON() async throws {
        let client = DataAPIClient(endpoint: "http://127.0.0.1:1/v2.0", key: Secret("k"))
        do {
            _ = try await client.call("get.account")
            Issue.record("answered")
        } catch {
            guard case .transport = error else { throw error }
        }
    }
}
