// Benchmark, not a test: how long saving a profile takes in a real store file, the
// ARCHITECTURE budget being under 10 ms. Run with `make bench` (release build).
import Foundation
import ProfileStore
import SetupModel

let saves = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 300
let folder = NSTemporaryDirectory() + "callgear-bench-\(getpid())"
defer { try? FileManager.default.removeItem(atPath: folder) }

let domain = try PortalDomain(parsing: "https://bench.bitrix24.ru")
let store = try ProfileStore(path: folder + "/store.sqlite")
try store.addAccount(Account(name: "bench", domain: domain))

// A large profile: 50 funnel rules and 20 responsible rules per kind, 2 templates, 30 mappings.
var profile = Profile(name: "bench", region: .latvia, account: domain.description)
for kind in CommunicationKind.allCases {
    var s = CommunicationSettings(enabled: true, defaultResponsible: "1")
    s.responsibleRules = (0..<20).map { i in
        ResponsibleRule(
            condition: Condition(anyOf: [ConditionGroup(allOf: [Clause(.site, .allow, ["site\(i).example"])])]),
            responsible: "\(i)")
    }
    s.firstContact = ContactHandling(
        create: [.lead, .deal],
        funnels: FunnelSettings(
            applyCustomStages: true,
            rules: (0..<50).map { i in
                FunnelRule(
                    condition: Condition(anyOf: [ConditionGroup(allOf: [Clause(.source, .allow, ["source \(i)"])])]),
                    target: StageTarget(leadStage: "NEW", dealCategory: "\(i)", dealStage: "C\(i):NEW"))
            },
            defaults: StageTarget(leadStage: "NEW", dealCategory: "0", dealStage: "NEW")))
    if kind == .chat { profile.chats = s } else { profile.offline = s }
}
profile.other.fieldMappingEnabled = true
profile.other.fieldMappings = (0..<30).map { FieldMapping(source: "utm_source", entity: .lead, field: "UF_CRM_\($0)") }
var version = try store.createProfile(profile, author: Author(user: "bench")).version

var samples: [Double] = []
for i in 0..<saves {
    profile.chats.responsibleRules[i % 20].responsible = "\(i)"
    let start = DispatchTime.now().uptimeNanoseconds
    version = try store.saveProfile(profile, expectedVersion: version, author: Author(user: "bench")).version
    samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
}
samples.sort()
let size = ProfileDocument(profile: profile).encoded().utf8.count
let sorted = samples
let percentile = { (p: Double) in sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
print(
    String(
        format: "store save: %d saves of a %d-byte profile: median %.2f ms, p95 %.2f ms, max %.2f ms (budget 10 ms)",
        saves, size, percentile(0.5), percentile(0.95), sorted.last!))

// `profile list` and `profile history` through the binary (built beside this one): 1,000 rows
// beside one row, in the same run. A command that does per-row work it could share grows
// with the store; the floor is the one-row store, the same process start and query.
let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    .appendingPathComponent("callgear-setup").path
if FileManager.default.isExecutableFile(atPath: binary) {
    func timed(_ arguments: [String], runs: Int = 9) throws -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let start = DispatchTime.now().uptimeNanoseconds
            try process.run()
            process.waitUntilExit()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return times.sorted()[runs / 2]
    }
    func seeded(_ name: String, profiles: Int, versions: Int) throws -> String {
        let path = folder + "/\(name).sqlite"
        let store = try ProfileStore(path: path)
        try store.addAccount(Account(name: "bench", domain: domain))
        for i in 0..<profiles {
            var p = Profile(name: "p\(i)", region: .latvia, account: domain.description)
            var v = try store.createProfile(p, author: Author(user: "bench")).version
            for j in 1..<versions {
                p.chats.defaultResponsible = "\(j)"
                v = try store.saveProfile(p, expectedVersion: v, author: Author(user: "bench")).version
            }
        }
        return path
    }
    let one = try seeded("one", profiles: 1, versions: 1)
    let many = try seeded("many", profiles: 1_000, versions: 1)
    let long = try seeded("long", profiles: 1, versions: 1_000)
    let listOne = try timed(["profile", "list", "--store", one])
    let listMany = try timed(["profile", "list", "--store", many])
    let historyOne = try timed(["profile", "history", "p0", "--store", one])
    let historyMany = try timed(["profile", "history", "p0", "--store", long])
    print(
        String(
            format:
                "profile list: 1,000 profiles %.1f ms, 1 profile %.1f ms, ratio %.2f (target ≤ 1.5); profile history: 1,000 versions %.1f ms, 1 version %.1f ms, ratio %.2f",
            listMany, listOne, listMany / listOne, historyMany, historyOne, historyMany / historyOne))
} else {
    print("profile list/history: build callgear-setup beside StoreBench to measure them")
}
