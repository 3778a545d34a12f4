import Foundation
import Sandbox
import SetupModel
import Testing

@testable import Bitrix24

/// The record methods routing uses, with the real shapes: int IDs from add and
/// findbycomm, string IDs in lists, `[]` when nothing matches, CRM errors with an empty code.
@Suite struct SandboxCRMTests {
    typealias P = [String: any Sendable]

    func client(_ portal: SandboxPortal) async throws -> PortalClient {
        let base = try await portal.start()
        let (domain, webhook) = try Webhook.parse(url: await portal.webhookURL(base: base))
        return PortalClient(domain: domain, webhook: webhook)
    }

    @Test func findByPhoneNormalisesTheNumber() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal)
        // Stored as "8 (495) 000-11-22"; an extension is ignored.
        let answer = try await client.call("crm.duplicate.findbycomm", ["type": "PHONE", "values": ["+74950001122#404"]])
        #expect(answer.result.member("CONTACT")?.items.compactMap(PortalResponse.int) == [2])
        #expect(answer.result.member("LEAD") == nil)
        let lead = try await client.call("crm.duplicate.findbycomm", ["type": "PHONE", "values": ["89215550000"]])
        #expect(lead.result.member("LEAD")?.items.compactMap(PortalResponse.int) == [3])
        await portal.stop()
    }

    @Test func nothingFoundIsAnEmptyArray() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal)
        let answer = try await client.call("crm.duplicate.findbycomm", ["type": "EMAIL", "values": ["nobody@example.com"]])
        #expect(answer.result == JSONNode(.array([])))
        await #expect(throws: PortalError.crm("Communication type is not defined.")) {
            try await client.call("crm.duplicate.findbycomm", ["values": ["x"]])
        }
        await #expect(throws: PortalError.crm("Too many communication values (20 at most).")) {
            try await client.call("crm.duplicate.findbycomm", ["type": "PHONE", "values": (0..<21).map { "\($0)" }])
        }
        await portal.stop()
    }

    @Test func dealsOfAContactWithStageSemantics() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal)
        let answer = try await client.call(
            "crm.deal.list", ["filter": ["CONTACT_ID": 1] as P, "order": ["DATE_CREATE": "DESC"], "select": ["*"]])
        let rows = answer.result.items
        #expect(rows.compactMap { $0.string("ID") } == ["1", "2"])
        #expect(rows.compactMap { $0.string("STAGE_SEMANTIC_ID") } == ["P", "S"])
        #expect(rows.first?.string("CATEGORY_ID") == "2")
        let open = try await client.call("crm.deal.list", ["filter": ["CONTACT_ID": 1, "STAGE_SEMANTIC_ID": "P"] as P])
        #expect(open.total == 1)
        await portal.stop()
    }

    @Test func addThenGetAndComment() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal)
        let added = try await client.call(
            "crm.deal.add",
            [
                "fields": [
                    "TITLE": "[callgear-setup test] Чат", "CATEGORY_ID": 2, "STAGE_ID": "C2:NEW", "ASSIGNED_BY_ID": 5,
                    "CONTACT_ID": 1, "ORIGIN_ID": "callgear-setup-test-1",
                ] as P
            ])
        let id = try #require(PortalResponse.int(added.result))
        let got = try await client.call("crm.deal.get", ["id": "\(id)"])
        #expect(got.result.string("STAGE_ID") == "C2:NEW" && got.result.string("ORIGIN_ID") == "callgear-setup-test-1")
        await #expect(throws: PortalError.crm("Стадия \"NEW\" не относится к направлению 2 (STAGE_ID)")) {
            try await client.call("crm.deal.add", ["fields": ["TITLE": "x", "CATEGORY_ID": 2, "STAGE_ID": "NEW"] as P])
        }
        let comment = try await client.call(
            "crm.timeline.comment.add", ["fields": ["ENTITY_ID": id, "ENTITY_TYPE": "deal", "COMMENT": "Переписка"] as P])
        #expect(PortalResponse.int(comment.result) != nil)
        await #expect(throws: PortalError.other(code: "100", description: "Required fields: fields", status: 400)) {
            try await client.call(
                "crm.timeline.comment.add", ["FIELDS": ["ENTITY_ID": id, "ENTITY_TYPE": "deal", "COMMENT": "x"] as P])
        }
        await #expect(throws: PortalError.other(code: "OWNER_NOT_FOUND", description: "Owner not found", status: 400)) {
            try await client.call(
                "crm.timeline.comment.add", ["fields": ["ENTITY_ID": 999, "ENTITY_TYPE": "deal", "COMMENT": "x"] as P])
        }
        let note = try await client.call("im.notify.system.add", ["USER_ID": 5, "MESSAGE": "Новая сделка"] as P)
        #expect(PortalResponse.int(note.result) != nil)
        #expect(await portal.comments.map(\.comment) == ["Переписка"])
        #expect(await portal.notifications.map(\.userID) == [5])
        await portal.stop()
    }
}
