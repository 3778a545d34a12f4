import ArgumentParser
import Bitrix24
import CallGearAPI
import Foundation
import ProfileStore
import SetupModel
import TextSafety
import Transport

/// `callgear-setup callgear lists`: the CallGear account's pick lists from its Data API,
/// with the profile's key and the region's (or the profile's own) Data API address.
struct CallGearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callgear", abstract: "Read the CallGear account's lists through its Data API.", subcommands: [Lists.self])

    struct Lists: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the chat channels, sites, groups, employees, campaigns, sources, tags and custom offline fields.",
            discussion: """
                Uses the profile's Data API key (Other settings → Data API key, or the document's callGear.dataAPIKey)
                and its address (default: Latvia https://dataapi.callgear.com/v2.0, Dubai https://dataapi.callgear.ae/v2.0).
                --save stores the lists in the profile (a new version), as the console does.
                Example: callgear-setup callgear lists acme-dubai --json
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The profile's name.") var profile: String
        @Flag(help: "Print JSON.") var json = false
        @Flag(help: "Store the lists in the profile as a new version.") var save = false
        @Option(help: "Seconds to wait for each answer.") var timeout = 20

        func run() async throws {
            let store = try global.openStore()
            let stored = try store.loadProfile(named: profile)
            guard let key = stored.profile.callGear.dataAPIKey else {
                throw CLIError.input("\(DataAPIError.noKey.message) — \(DataAPIError.noKey.fix)")
            }
            let client = DataAPIClient(
                endpoint: DataAPIClient.endpoint(for: stored.profile), key: key,
                timeouts: Timeouts(connectMs: Timeouts.standard.connectMs, totalMs: max(1, timeout) * 1000))
            let lists: CallGearLists
            do {
                lists = try await CallGearLists.load(client)
            } catch {
                let code: Int32 =
                    switch error {
                    case .transport, .notJSON, .limitExceeded: ExitCode.system
                    default: ExitCode.input
                    }
                throw CLIError(code: code, message: "\(error.message)\n  fix: \(error.fix)")
            }
            if save {
                var updated = stored.profile
                updated.callGear = lists.applied(to: updated.callGear)
                let saved = try store.saveProfile(updated, expectedVersion: stored.version, author: Author.current())
                Output.error("stored in \(profile) as version \(saved.version)")
            }
            if json { return Output.json(lists) }
            let clean = TextSanitizer.line
            Output.line("CallGear account: \(clean(lists.accountName)) — \(lists.calls) Data API call(s)")
            if let limits = lists.limits {
                Output.line(
                    "Limits: \(limits.dayRemaining)/\(limits.dayLimit) today, \(limits.minuteRemaining)/\(limits.minuteLimit) this minute"
                )
            }
            Output.line("Chat channels (\(lists.channels.count))")
            Output.table(["  ID", "NAME", "TYPE", "STATUS"], lists.channels.map { ["  " + $0.id, $0.name, $0.type, $0.status] })
            for (title, values) in [
                ("Sites", lists.sites), ("Communication groups", lists.groups), ("Ad campaigns", lists.campaigns),
                ("Sources", lists.sources), ("Tags", lists.tags), ("Custom offline-request fields", lists.offlineFields),
            ] {
                Output.line("\(title) (\(values.count))")
                for value in values { Output.line("  " + clean(value)) }
            }
            Output.line("Employees (\(lists.employees.count))")
            for employee in lists.employees {
                Output.line("  \(clean(employee.id))  \(clean(employee.name))  \(clean(employee.email))")
            }
        }
    }
}
