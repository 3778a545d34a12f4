// Benchmark, not a test: load the large sandbox portal's whole catalog (5,000 users,
// 60 funnels, 150 user fields per entity) over loopback through libcurl, with 40 ms of
// latency per request and the rate limit on. Budget: at most 3 HTTP requests.
import Bitrix24
import Foundation
import Sandbox
import SetupModel

let portal = SandboxPortal(data: .large)
var faults = SandboxPortal.Faults()
faults.latencyMs = 40
await portal.setFaults(faults)
let base = try await portal.start()
let (domain, webhook) = try Webhook.parse(url: await portal.webhookURL(base: base))
let loader = CatalogLoader(client: PortalClient(domain: domain, webhook: webhook))
var timings: [Double] = []
var catalog: PortalCatalog?
for _ in 0..<5 {
    let start = Date()
    catalog = try await loader.load()
    timings.append(Date().timeIntervalSince(start))
}
await portal.stop()
guard let catalog else { exit(1) }
let stages = catalog.funnels.reduce(0) { $0 + $1.stages.count } + catalog.leadStages.count
let fields = catalog.fields.values.reduce(0) { $0 + $1.count }
timings.sort()
print(
    String(
        format:
            "catalog (large portal, 40 ms latency, rate limit on): %d HTTP requests, median %.2f s; %d users, %d funnels, %d stages, %d fields, %d departments",
        catalog.requests, timings[timings.count / 2], catalog.users.count, catalog.funnels.count, stages, fields,
        catalog.departments.count))
