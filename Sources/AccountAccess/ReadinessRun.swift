import Bitrix24
import CallGearAPI
import Foundation
import PortalRouting
import ProfileStore
import SetupModel
import Transport

/// Runs the readiness check for a stored profile's account: the catalog from the cache (or
/// loaded once when there is none), one batch for what it lacks, and the CallGear channels'
/// statuses when a Data API key is set. Shared by `profile check` and the console.
public enum ReadinessRun {
    public struct Outcome: Sendable {
        public var lines: [ReadinessCheck.Line]
        /// HTTP requests made to the portal.
        public var portalRequests: Int
        public var hasFailures: Bool { lines.contains { $0.status == .failure } }
    }

    public static func run(
        _ profile: Profile, account: Account, store: ProfileStore, timeouts: Timeouts,
        note: @escaping @Sendable (String) -> Void
    ) async throws(PortalError) -> Outcome {
        let client: PortalClient
        do {
            client = try AccountConnection.client(for: account, store: store, timeouts: timeouts, note: note)
        } catch {
            throw .other(code: "NO_CREDENTIALS", description: error.message, status: 0)
        }
        let key = account.domain.description
        var requests = 0
        let catalog: PortalCatalog
        if let cached = try? store.cachedValue(PortalCatalog.self, account: key, kind: PortalCatalog.cacheKind) {
            catalog = cached.value
        } else {
            catalog = try await CatalogLoader(client: client).load()
            requests += catalog.requests
            if catalog.isComplete { try? store.putCached(catalog, account: key, kind: PortalCatalog.cacheKind) }
        }
        let facts = try await ReadinessGatherer(client: client).gather(for: profile, catalog: catalog)
        requests += 1
        var channels = ReadinessCheck.ChannelStatuses.noKey
        if let dataKey = profile.callGear.dataAPIKey {
            let api = DataAPIClient(endpoint: DataAPIClient.endpoint(for: profile), key: dataKey, timeouts: timeouts)
            do {
                let rows = try await api.list("get.chat_channels", fields: ["id", "status"]).rows
                channels = .read(
                    Dictionary(
                        rows.compactMap { row in row.string("id").map { ($0, row.string("status") ?? "") } },
                        uniquingKeysWith: { first, _ in first }))
            } catch {
                channels = .unreadable(error.message)
            }
        }
        let lines = ReadinessCheck.run(profile, catalog: catalog, facts: facts, channels: channels)
        return Outcome(lines: lines, portalRequests: requests)
    }
}
