import Foundation
import Sandbox
import SetupModel
import Synchronization
import Testing
import Transport

@testable import Bitrix24

@Suite struct CatalogLoaderTests {
    func load(_ data: SandboxData, faults: SandboxPortal.Faults = SandboxPortal.Faults()) async throws -> (PortalCatalog, Int) {
        let portal = SandboxPortal(data: data)
        await portal.setFaults(faults)
        let base = try await portal.start()
        let (domain, webhook) = try Webhook.parse(url: await portal.webhookURL(base: base))
        let catalog = try await CatalogLoader(client: PortalClient(domain: domain, webhook: webhook)).load()
        let count = await portal.requestCount
        await portal.stop()
        return (catalog, count)
    }

    @Test func demoPortalInOneRequest() async throws {
        let (catalog, requests) = try await load(.demo)
        #expect(requests == 1 && catalog.requests == 1)
        #expect(catalog.currentUserID == "1" && catalog.currentUserIsAdmin)
        #expect(catalog.scopes == ["crm", "user", "department", "im"])
        #expect(catalog.crmMode == 1)
        #expect(catalog.leadStages.map(\.id) == ["NEW", "IN_PROCESS", "PROCESSED", "CONVERTED", "JUNK"])
        #expect(catalog.leadStages.map(\.semantics) == [.open, .open, .open, .success, .failure])
        #expect(catalog.funnels.map(\.id) == ["0", "2", "3"])
        #expect(catalog.funnels[1].stages.first?.id == "C2:NEW")
        #expect(catalog.funnels[0].stages.first?.name == "Новая")
        #expect(catalog.users.count == 76)  // 80 less the 4 dismissed
        #expect(catalog.departments.map(\.name) == ["Компания", "Отдел продаж", "Поддержка"])
        let uf = catalog.fields["lead"]?.first { $0.code == "UF_CRM_1700000002" }
        #expect(uf?.label == "ID коммуникации" && uf?.isUserField == true)
        #expect(catalog.fields["lead"]?.first { $0.code == "ID" }?.isReadOnly == true)
        #expect(catalog.problems.isEmpty)
    }

    @Test func largePortalInThreeRequestsWithoutDuplicates() async throws {
        let (catalog, requests) = try await load(.large)
        #expect(requests == 3 && catalog.requests == 3)
        #expect(catalog.users.count == 4900)
        #expect(Set(catalog.users.map(\.id)).count == 4900)
        #expect(catalog.funnels.count == 60)
        #expect(catalog.funnels.allSatisfy { $0.stages.count == 8 })
        // Stage IDs of funnels 10+ are cut to 21 characters by the portal; they are read, not built.
        let cut = catalog.funnels.first { $0.id == "12" }?.stages.first { $0.name == "Счёт на предоплату" }
        #expect(cut?.id == "C12:PREPAYMENT_INVOIC")
        #expect(catalog.fields.values.allSatisfy { $0.filter(\.isUserField).count == 150 })
        #expect(catalog.fields["deal"]?.first { $0.code == "UF_CRM_DEAL_7" }?.label == "Поле 7 (deal)")
        #expect(catalog.departments.count == 30)
        #expect(catalog.problems.isEmpty)
    }

    /// The chain is planned from the first answer's totals: at and just past a whole
    /// batch of pages every user arrives once.
    @Test(arguments: [2_500, 2_501, 2_550, 2_551])
    func usersAtBatchEdgesArriveOnce(count: Int) async throws {
        let (catalog, requests) = try await load(.users(count))
        #expect(catalog.users.count == count)
        #expect(Set(catalog.users.map(\.id)).count == count)
        #expect(catalog.users.last?.id == "\(count)")
        #expect(requests <= 3)
    }

    /// Past the first answer every page is planned from its totals and asked for at once:
    /// at the edges of one, two and many batches every user arrives once, in ID order.
    @Test(arguments: [4_500, 4_501, 7_001])
    func manyPagesArriveOnceInOrder(count: Int) async throws {
        let (catalog, requests) = try await load(.users(count))
        #expect(catalog.users.map(\.id) == (1...count).map { "\($0)" })
        let pages = (count - 2_000 + 49) / 50
        #expect(requests == 1 + (pages + 49) / 50)
    }

    /// The batches after the first go out together, not one after another: two are in the
    /// client's hands at once (counted where they leave for the network, so a loaded machine
    /// does not decide it).
    @Test func theRemainingBatchesAreInFlightTogether() async throws {
        final class Counting: HTTPTransport {
            let inner = CurlTransport()
            let counts = Mutex((now: 0, most: 0))
            func post(_ url: String, json body: Data, timeouts: Timeouts) async throws(TransportError) -> HTTPResult {
                counts.withLock {
                    $0.now += 1
                    $0.most = max($0.most, $0.now)
                }
                defer { counts.withLock { $0.now -= 1 } }
                return try await inner.post(url, json: body, timeouts: timeouts)
            }
            func get(_ url: String, timeouts: Timeouts) async throws(TransportError) -> HTTPResult {
                try await inner.get(url, timeouts: timeouts)
            }
        }
        let portal = SandboxPortal(data: .users(4_600))
        var faults = SandboxPortal.Faults()
        faults.latencyMs = 300
        await portal.setFaults(faults)
        let base = try await portal.start()
        let (domain, webhook) = try Webhook.parse(url: await portal.webhookURL(base: base))
        let transport = Counting()
        let catalog = try await CatalogLoader(client: PortalClient(domain: domain, webhook: webhook, transport: transport)).load()
        #expect(catalog.users.count == 4_600 && catalog.requests == 3)
        #expect(transport.counts.withLock { $0.most } == 2, "the two remaining batches went one after another")
        await portal.stop()
    }

    @Test func legacyPortalGetsFunnelZeroAdded() async throws {
        var faults = SandboxPortal.Faults()
        faults.legacyCategories = true
        let (catalog, requests) = try await load(.demo, faults: faults)
        #expect(requests == 2)
        #expect(catalog.funnels.map(\.id) == ["0", "2", "3"])
        #expect(catalog.funnels[0].stages.count == 8)
        #expect(catalog.problems.isEmpty)
    }

    @Test func catalogRoundTripsAsJSONForTheCache() async throws {
        let (catalog, _) = try await load(.demo)
        let data = try JSONEncoder().encode(catalog)
        #expect(try JSONDecoder().decode(PortalCatalog.self, from: data) == catalog)
    }

    /// The portal's `department.get` takes its sort parameters as a filter too: asked with
    /// `sort=ID` it answers nothing (the sandbox does as the portal's source does). The
    /// catalog asks without a sort and still gets every department, in ID order.
    @Test func departmentsLoadDespiteTheSortTrap() async throws {
        let portal = SandboxPortal()
        let base = try await portal.start()
        let (domain, webhook) = try Webhook.parse(url: await portal.webhookURL(base: base))
        let client = PortalClient(domain: domain, webhook: webhook)
        let trap = try await client.call("department.get", ["sort": "ID", "order": "ASC"])
        #expect(trap.result.items.isEmpty, "the sandbox must behave like the portal here")
        let catalog = try await CatalogLoader(client: client).load()
        #expect(catalog.departments.map(\.name) == ["Компания", "Отдел продаж", "Поддержка"])
        #expect(catalog.departments.map(\.id) == catalog.departments.map(\.id).sorted { Int($0)! < Int($1)! })
        await portal.stop()
    }
}

/// The catalog's own JSON writer gives the encoder's bytes exactly (keys sorted, indents,
/// escapes, dates, empty collections), on a plain, a large and a hostile portal.
@Suite struct CatalogJSONTests {
    static func encoded(_ catalog: PortalCatalog) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return PrettyJSON.compactEmptyCollections(String(decoding: try encoder.encode(catalog), as: UTF8.self))
    }

    @Test(arguments: ["demo", "large", "hostile"])
    func theWriterMatchesTheEncoder(seed: String) async throws {
        let data: SandboxData = seed == "demo" ? .demo : seed == "large" ? .large : .hostile
        let portal = SandboxPortal(data: data)
        let base = try await portal.start()
        let (domain, webhook) = try Webhook.parse(url: await portal.webhookURL(base: base))
        var catalog = try await CatalogLoader(client: PortalClient(domain: domain, webhook: webhook)).load()
        await portal.stop()
        #expect(catalog.prettyJSON == (try Self.encoded(catalog)))
        // With lists failed and kept stale from the cache, and odd text.
        catalog.failedLists = ["users": "HTTP 503 \"busy\"\n\t/ back"]
        catalog.staleLists = ["users": Date(timeIntervalSince1970: 1_764_000_000)]
        catalog.problems = ["a\u{1}b", "кириллица / слэш"]
        catalog.departments.append(PortalCatalog.Department(id: "x", name: "", parent: nil))
        #expect(catalog.prettyJSON == (try Self.encoded(catalog)))
    }
}
