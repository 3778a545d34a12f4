import Foundation
import Sandbox
import SetupModel
import Testing

@testable import Bitrix24

@Suite struct BatchTests {
    func client(_ portal: SandboxPortal) async throws -> PortalClient {
        let base = try await portal.start()
        let (domain, webhook) = try Webhook.parse(url: await portal.webhookURL(base: base))
        return PortalClient(domain: domain, webhook: webhook)
    }

    /// Page k reads the users after the last ID of page k-1, inside one request.
    func chain(_ pages: Int) -> [BatchCommand] {
        (0..<pages).map { k in
            let after: BatchValue = k == 0 ? .int(0) : .reference(key: "p\(k - 1)", path: ["49", "ID"])
            return BatchCommand(
                "p\(k)", "user.get",
                [("FILTER", .map([(">ID", after)])), ("SORT", .string("ID")), ("ORDER", .string("ASC")), ("start", .int(-1))])
        }
    }

    func ids(_ node: JSONNode?) -> [String] {
        guard case .array(let rows)? = node?.value else { return [] }
        return rows.compactMap { if case .string(let id)? = $0.member("ID")?.value { id } else { nil } }
    }

    @Test func chainedPagesInOneRequest() async throws {
        let portal = SandboxPortal(data: .users(2500))
        let client = try await client(portal)
        let answer = try await client.batch(chain(50))
        let all = (0..<50).flatMap { ids(answer.results["p\($0)"]) }
        #expect(all == (1...2500).map(String.init))
        #expect(answer.errors.isEmpty)
        #expect(await portal.requestCount == 1)
        await portal.stop()
    }

    @Test func aReferencePastTheLastPageReadsFromTheStartAgain() async throws {
        // 60 users: page 2 refers to row 49 of page 1, which has only 10 rows. The portal
        // substitutes nothing, and `>ID` empty reads from the beginning: duplicates. This
        // is why the catalog loader plans its chain from the first answer's totals.
        let portal = SandboxPortal(data: .users(60))
        let client = try await client(portal)
        let answer = try await client.batch(chain(3))
        #expect(ids(answer.results["p0"]).count == 50)
        #expect(ids(answer.results["p1"]) == (51...60).map(String.init))
        #expect(ids(answer.results["p2"]).first == "1")
        await portal.stop()
    }

    @Test func perCommandErrorsAndEmptyCollectionsAsArrays() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal)
        let answer = try await client.batch([
            BatchCommand("me", "profile"), BatchCommand("bad", "crm.nothing.list"), BatchCommand("nested", "batch"),
            BatchCommand("stages", "crm.status.list", [("filter", .map([("ENTITY_ID", .string("STATUS"))]))]),
        ])
        #expect(answer.results["me"]?.member("ID") == JSONNode(.string("1")))
        #expect(answer.errors["bad"] == .methodNotFound("crm.nothing.list"))
        #expect(
            answer.errors["nested"]
                == .other(
                    code: "ERROR_BATCH_METHOD_NOT_ALLOWED", description: "Method is not allowed for batch usage", status: 200))
        #expect(answer.totals["stages"] == 5)
        #expect(answer.nexts.isEmpty)
        let names =
            (answer.results["stages"].map { node -> [String] in
                guard case .array(let rows) = node.value else { return [] }
                return rows.compactMap { if case .string(let n)? = $0.member("NAME")?.value { n } else { nil } }
            }) ?? []
        #expect(names.first == "Не обработан")
        let clean = try await client.batch([BatchCommand("me", "profile")])
        #expect(clean.errors.isEmpty)
        await portal.stop()
    }

    @Test func haltStopsAtTheFirstFailure() async throws {
        let portal = SandboxPortal()
        let client = try await client(portal)
        let answer = try await client.batch([BatchCommand("bad", "nope"), BatchCommand("me", "profile")], halt: true)
        #expect(answer.errors.keys.sorted() == ["bad"])
        #expect(answer.results.isEmpty)
        await portal.stop()
    }

    @Test func queryEncoding() {
        let command = BatchCommand(
            "k", "crm.lead.list",
            [
                ("filter", .map([(">ID", .reference(key: "p0", path: ["49", "ID"])), ("TITLE", .string("Чат & заявка"))])),
                ("select", .list([.string("ID"), .string("TITLE")])),
            ])
        #expect(
            command.commandString
                == "crm.lead.list?filter[>ID]=$result[p0][49][ID]&filter[TITLE]=%D0%A7%D0%B0%D1%82%20%26%20%D0%B7%D0%B0%D1%8F%D0%B2%D0%BA%D0%B0&select[]=ID&select[]=TITLE"
        )
    }
}
