import ArgumentParser
import Bitrix24
import Foundation
import SetupModel

extension AccountCommand {
    /// `account verify`: one live batch that shows whom the webhook acts as, whether an
    /// admin, the scopes granted and the CRM mode — with what each means for the set-up.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check an account's connection: the portal user, admin or not, scopes, CRM mode.",
            discussion:
                "Exit 1 when the connection works but the set-up cannot (missing scope, simple CRM). Example: callgear-setup account verify acme.bitrix24.ru"
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The account: its domain or name.") var account: String?
        @Option(help: "Check this webhook URL instead of a stored account.") var webhook: String?
        @Option(help: "Seconds to wait for the answer.") var timeout = 20

        static let neededScopes = ["crm", "user", "department", "im"]

        func validate() throws {
            if (account == nil) == (webhook == nil) { throw ValidationError("give an account or --webhook URL (one of them)") }
        }

        func run() async throws {
            let (client, _, _) = try makeClient(account: account, webhook: webhook, global: global, timeoutSeconds: timeout)
            let answer: BatchResponse
            do {
                answer = try await client.batch([
                    BatchCommand("me", "profile"), BatchCommand("scope", "scope"), BatchCommand("mode", "crm.settings.mode.get"),
                ])
            } catch {
                throw failure(error)
            }
            if let error = answer.errors["me"] { throw failure(error) }
            let me = answer.results["me"]
            let scopes: [String] =
                answer.results["scope"]?.items.compactMap { node -> String? in
                    if case .string(let s) = node.value { s } else { nil }
                } ?? []
            let mode = answer.results["mode"].flatMap { PortalResponse.int($0) } ?? 1
            let admin = me?.bool("ADMIN") ?? false
            let id = me?.string("ID") ?? ""
            Output.line("connected to \(client.domain) as user \(id)\(admin ? " (administrator)" : "")")
            Output.line("scopes: \(scopes.joined(separator: ", "))")
            Output.line("CRM mode: \(mode == 2 ? "simple" : "classic")")
            var warnings: [String] = []
            let missing = Self.neededScopes.filter { !scopes.contains($0) }
            if !missing.isEmpty {
                warnings.append("missing scopes: \(missing.joined(separator: ", ")) — edit the webhook in Bitrix24 and tick them")
            }
            if mode == 2 {
                warnings.append(
                    "simple CRM mode: leads do not exist, so only deals can be created — switch the portal to classic CRM for lead routing"
                )
            }
            if !admin {
                warnings.append("the webhook's user is not an administrator: some funnels and fields may be hidden from it")
            }
            for warning in warnings { Output.error("warning: " + warning) }
            if !missing.isEmpty || mode == 2 {
                throw CLIError.validation("the connection works, but the set-up needs the fixes above")
            }
        }
    }
}
